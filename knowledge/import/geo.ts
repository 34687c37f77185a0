import { readDecoupage } from '../geo/sources';
import { departmentByName } from '../geo/territory';

/**
 * The administrative geography the importers check codes against: `@etalab/decoupage-administratif`
 * (COG 2026), read through the geography's own reader, once, on first use, with the EPCI members
 * and the non-current commune codes that importers meet in external records.
 */

interface CommuneRow {
  code: string;
  type: string;
  departement?: string;
  region?: string;
  commune?: string;
  codesPostaux?: string[];
}
interface DepartementRow {
  code: string;
  region: string;
}
interface EpciRow {
  code: string;
  membres?: { code: string }[];
}

export interface CommuneInfo {
  code: string;
  department: string;
  region: string;
  /** `commune-actuelle`, `arrondissement-municipal`, `commune-deleguee` or `commune-associee`. */
  type: string;
}

interface Geo {
  departments: Map<string, string>;
  communes: Map<string, CommuneInfo>;
  byPostcode: Map<string, string[]>;
  epci: Map<string, string[]>;
}

let cache: Geo | undefined;

function geo(): Geo {
  if (cache) return cache;
  const departments = new Map(readDecoupage<DepartementRow>('departements.json').map((d) => [d.code, d.region]));
  const communes = new Map<string, CommuneInfo>();
  const byPostcode = new Map<string, string[]>();
  for (const row of readDecoupage<CommuneRow>('communes.json')) {
    if (!row.departement) continue;
    const info = { code: row.code, department: row.departement, region: row.region ?? '', type: row.type };
    // A chef-lieu commune-déléguée shares its code with its commune-actuelle: keep the actual one.
    if (!communes.has(row.code) || row.type === 'commune-actuelle') communes.set(row.code, info);
    if (row.type !== 'commune-actuelle') continue;
    for (const cp of row.codesPostaux ?? []) byPostcode.set(cp, [...(byPostcode.get(cp) ?? []), row.code]);
  }
  const epci = new Map(readDecoupage<EpciRow>('epci.json').map((e) => [e.code, (e.membres ?? []).map((m) => m.code)]));
  cache = { departments, communes, byPostcode, epci };
  return cache;
}

/** "1", "01", "2a" → "01", "2A"; undefined when not a department of decoupage-administratif. */
export function normaliseDepartment(raw: string): string | undefined {
  let code = raw.trim().toUpperCase();
  if (/^\d$/.test(code)) code = `0${code}`;
  return geo().departments.has(code) ? code : undefined;
}

/** The department named so, accents, case and hyphens aside ("Puy-de-Dome" → "63"). */
export function departmentOfName(name: string): string | undefined {
  return departmentByName(name)?.code;
}

/** The departments of a region ("53" → 22, 29, 35, 56); [] when the code is no region. */
export function departmentsOfRegion(region: string): string[] {
  return [...geo().departments].filter(([, r]) => r === region.trim()).map(([code]) => code);
}

export function regionOfDepartment(code: string): string | undefined {
  return geo().departments.get(code);
}

export function commune(code: string): CommuneInfo | undefined {
  return geo().communes.get(code.trim().toUpperCase());
}

/** The current communes (INSEE codes) a postal code serves. */
export function communesOfPostcode(postcode: string): string[] {
  return geo().byPostcode.get(postcode.trim()) ?? [];
}

/** Member communes of an EPCI (9-digit SIREN), undefined when unknown. */
export function epciMembers(code: string): string[] | undefined {
  return geo().epci.get(code);
}

/** The department a postal code belongs to, from its communes, else from its first digits. */
export function departmentOfPostcode(postcode: string): string | undefined {
  const fromCommunes = new Set(communesOfPostcode(postcode).map((c) => commune(c)?.department));
  if (fromCommunes.size === 1) return [...fromCommunes][0];
  if (!/^\d{5}$/.test(postcode)) return undefined;
  if (postcode.startsWith('97')) return normaliseDepartment(postcode.slice(0, 3));
  if (postcode.startsWith('20')) return undefined; // 2A or 2B: only the communes can tell
  return normaliseDepartment(postcode.slice(0, 2));
}

/**
 * Boxes around metropolitan France, Corsica and the five overseas departments ([minLon, minLat, maxLon, maxLat]).
 * A point outside all of them is a data error (most often latitude and longitude swapped).
 */
const FRANCE_BOXES: [number, number, number, number][] = [
  [-5.8, 41.2, 9.8, 51.3], // metropolitan France and Corsica
  [-61.9, 15.8, -60.9, 16.6], // Guadeloupe
  [-61.3, 14.3, -60.7, 14.9], // Martinique
  [-54.7, 2.0, -51.5, 5.9], // Guyane
  [55.1, -21.5, 55.9, -20.8], // La Réunion
  [44.9, -13.1, 45.4, -12.5], // Mayotte
];

export function isInFrance(lon: number, lat: number): boolean {
  return FRANCE_BOXES.some(([x0, y0, x1, y1]) => lon >= x0 && lon <= x1 && lat >= y0 && lat <= y1);
}
