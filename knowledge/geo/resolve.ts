/**
 * From what a person said about where they live (DOMAIN.md §3 `location`) to a place (§4 `location`):
 * INSEE code first, then postcode, then commune name, then department. A place is never guessed:
 * when several communes fit, the answer is `ambiguous` (with candidates) or stays at postcode level.
 */
import type { LocationQuery } from '../contracts/profile';
import type { LocationResult, ResolvedLocation } from '../contracts/result';
import {
  byPopulation,
  communeIndex,
  currentCode,
  parseArrondissement,
  type Arrondissement,
  type Commune,
} from './communes';
import { centroid, type LonLat } from './distance';
import { editDistance, fuzzyNames, maxEditsFor, trigramSimilarity } from './fuzzy';
import { compactName, normaliseInseeCode, normaliseName, normalisePostcode } from './normalize';
import { communePoint, departmentPoint, ownPoint } from './points';
import { departmentByName, getDepartment, type Department } from './territory';

export interface GeoResolution {
  location: LocationResult;
  /** [lon, lat] of the resolved place (commune, postcode area or department), when known. */
  point?: [number, number];
}

/** Ambiguous answers list at most this many candidates (largest communes first). */
export const MAX_CANDIDATES = 20;

interface CleanQuery {
  postcode?: string;
  commune?: string;
  inseeCode?: string;
  department?: string;
}

function clean(query: LocationQuery | undefined): CleanQuery {
  const q: CleanQuery = {};
  if (!query) return q;
  for (const key of ['postcode', 'commune', 'inseeCode', 'department'] as const) {
    const v: unknown = query[key];
    if (typeof v === 'string' && v.trim() !== '') q[key] = v.trim();
  }
  return q;
}

function withPoint(location: LocationResult, point: LonLat | undefined): GeoResolution {
  return point ? { location, point } : { location };
}

function departmentOf(code: string): Department {
  const dep = getDepartment(code);
  if (!dep) throw new Error(`geo data inconsistency: commune in unknown department ${code}`);
  return dep;
}

function resolvedCommune(commune: Commune, postcode?: string, point?: LonLat): GeoResolution {
  const dep = departmentOf(commune.department);
  const chosen =
    postcode !== undefined && commune.postcodes.includes(postcode)
      ? postcode
      : commune.postcodes.length === 1
        ? commune.postcodes[0]
        : undefined;
  const location: ResolvedLocation = {
    status: 'resolved',
    inseeCode: commune.inseeCode,
    commune: commune.name,
    ...(chosen !== undefined ? { postcode: chosen } : {}),
    department: dep.code,
    region: commune.region,
    zone: dep.zone,
  };
  return withPoint(location, point ?? communePoint(commune.inseeCode));
}

function resolvedArrondissement(arr: Arrondissement): GeoResolution | undefined {
  const parent = communeIndex().communes.get(arr.parent);
  if (!parent) return undefined;
  return resolvedCommune(parent, arr.postcodes.length === 1 ? arr.postcodes[0] : undefined);
}

function resolvedDepartment(dep: Department): GeoResolution {
  return withPoint({ status: 'resolved', department: dep.code, region: dep.region, zone: dep.zone }, departmentPoint(dep.code));
}

function ambiguous(query: string, communes: readonly Commune[]): GeoResolution {
  const candidates = [...new Set(communes)]
    .sort(byPopulation)
    .slice(0, MAX_CANDIDATES)
    .map((c) => ({ inseeCode: c.inseeCode, name: c.name, department: c.department, postcodes: [...c.postcodes] }));
  return { location: { status: 'ambiguous', query, candidates } };
}

/** One commune, or ambiguity among several, or nothing. */
function oneOrAmbiguous(query: string, communes: readonly Commune[], postcode?: string): GeoResolution | undefined {
  const unique = [...new Set(communes)];
  const only = unique[0];
  if (unique.length === 1 && only) return resolvedCommune(only, postcode);
  if (unique.length > 1) return ambiguous(query, unique);
  return undefined;
}

function byInseeCode(raw: string, postcode: string | undefined): GeoResolution | undefined {
  const idx = communeIndex();
  const code = normaliseInseeCode(raw);
  const arr = idx.arrondissementsByCode.get(code);
  if (arr) return resolvedArrondissement(arr);
  const current = currentCode(code);
  const commune = current === undefined ? undefined : idx.communes.get(current);
  return commune ? resolvedCommune(commune, postcode) : undefined;
}

/**
 * Communes among `communes` whose name matches `name`: exactly (normalised), else as a former name,
 * else with the fewest typos (ties broken by trigram similarity; remaining ties all returned).
 */
function pickByName(name: string, communes: readonly Commune[]): Commune[] {
  const idx = communeIndex();
  const compact = compactName(normaliseName(name));
  if (compact === '') return [];
  const keyOf = (c: Commune): string => compactName(idx.normalised.get(c.inseeCode) ?? normaliseName(c.name));
  const exact = communes.filter((c) => keyOf(c) === compact);
  if (exact.length > 0) return exact;
  const former = idx.byFormerName.get(compact) ?? [];
  const viaFormer = communes.filter((c) => former.includes(c));
  if (viaFormer.length > 0) return viaFormer;
  const limit = maxEditsFor(compact.length);
  const scored = communes
    .map((c) => ({ c, d: editDistance(compact, keyOf(c), limit), s: trigramSimilarity(compact, keyOf(c)) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || b.s - a.s);
  const top = scored[0];
  return top ? scored.filter((x) => x.d === top.d && x.s === top.s).map((x) => x.c) : [];
}

function byPostcode(raw: string, name: string | undefined, dep: Department | undefined): GeoResolution | undefined {
  const postcode = normalisePostcode(raw);
  let communes: readonly Commune[] = communeIndex().byPostcode.get(postcode) ?? [];
  if (communes.length === 0) return undefined;
  const first = communes[0];
  if (communes.length === 1 && first) return resolvedCommune(first, postcode);
  if (name !== undefined) {
    const named = pickByName(name, communes);
    const inDep = dep ? named.filter((c) => c.department === dep.code) : named;
    const chosen = inDep.length > 0 ? inDep : named;
    const only = chosen[0];
    if (chosen.length === 1 && only) return resolvedCommune(only, postcode);
    if (chosen.length > 1) communes = chosen;
  }
  if (dep) {
    const inDep = communes.filter((c) => c.department === dep.code);
    if (inDep.length > 0) communes = inDep;
  }
  const single = communes[0];
  if (communes.length === 1 && single) return resolvedCommune(single, postcode);
  const departments = [...new Set(communes.map((c) => c.department))];
  const depCode = departments[0];
  // A postcode crossing a department border: say which communes, do not pick a department.
  if (departments.length !== 1 || depCode === undefined) return ambiguous(name ?? postcode, communes);
  const department = departmentOf(depCode);
  const point =
    centroid(communes.map((c) => ownPoint(c.inseeCode)).filter((p): p is LonLat => p !== undefined)) ??
    departmentPoint(department.code);
  return withPoint(
    { status: 'resolved', postcode, department: department.code, region: department.region, zone: department.zone },
    point,
  );
}

function byCommuneName(raw: string, dep: Department | undefined): GeoResolution | undefined {
  const idx = communeIndex();
  const n = normaliseName(raw);
  const compact = compactName(n);
  if (compact === '') return undefined;
  const inDep = (list: readonly Commune[]): readonly Commune[] => (dep ? list.filter((c) => c.department === dep.code) : list);

  const arr = parseArrondissement(n);
  const arrondissement = arr ? idx.arrondissements.get(arr.join(' ')) : undefined;
  if (arrondissement) return resolvedArrondissement(arrondissement);

  const exact = inDep(idx.byName.get(n) ?? idx.byName.get(compact) ?? []);
  const exactFormer = inDep(idx.byFormerName.get(n) ?? idx.byFormerName.get(compact) ?? []);
  const exactResult = oneOrAmbiguous(raw, exact.length > 0 ? exact : exactFormer);
  if (exactResult) return exactResult;

  const named = departmentByName(n);
  if (named && (!dep || dep.code === named.code)) return resolvedDepartment(named);

  const fuzzy = fuzzyNames(compact)
    .map((m) => ({ ...m, communes: inDep(m.communes) }))
    .filter((m) => m.communes.length > 0);
  const best = fuzzy[0];
  if (!best) return undefined;
  // Only the names as good as the best one (same edits, same trigram similarity) compete.
  const tied = fuzzy.filter((m) => m.distance === best.distance && m.similarity === best.similarity);
  const preferred = tied.some((m) => !m.former) ? tied.filter((m) => !m.former) : tied;
  return oneOrAmbiguous(raw, preferred.flatMap((m) => m.communes));
}

/**
 * Resolves a location query (DOMAIN.md §3) into a location result (§4) and, when known, a point.
 * - `inseeCode`: that commune; old, delegated, associated and arrondissement codes give the current commune.
 * - `postcode`: its commune when it has one; with several, the one named by `commune` (typos tolerated),
 *   else a postcode-level answer (no commune), or `ambiguous` when the postcode crosses a department border.
 * - `commune`: exact name (accents, case, hyphens, apostrophes, "St"/"Ste" ignored; "Paris 15e" and the
 *   like), then a department name, then typo-tolerant; several communes → `ambiguous` unless `department` leaves one.
 * - `department`: department level. Fields that do not resolve fall through to the next one.
 * Nothing given → `unknown`; nothing found → `not_found` with the query.
 */
export function resolveLocation(query: LocationQuery): GeoResolution {
  const q = clean(query);
  if (q.postcode === undefined && q.commune === undefined && q.inseeCode === undefined && q.department === undefined) {
    return { location: { status: 'unknown' } };
  }
  const dep = q.department === undefined ? undefined : getDepartment(q.department);
  const result =
    (q.inseeCode !== undefined ? byInseeCode(q.inseeCode, q.postcode) : undefined) ??
    (q.postcode !== undefined ? byPostcode(q.postcode, q.commune, dep) : undefined) ??
    (q.commune !== undefined ? byCommuneName(q.commune, dep) : undefined) ??
    (dep ? resolvedDepartment(dep) : undefined);
  if (result) return result;
  const text = [q.postcode, q.commune, q.inseeCode, q.department].filter((v) => v !== undefined).join(' ');
  return { location: { status: 'not_found', query: text } };
}
