/** Departments, regions and zones (metro, Corsica, overseas). */
import type { Zone } from '../contracts/vocabulary';
import { normaliseDepartmentCode, normaliseName } from './normalize';
import { readDepartments, readRegions } from './sources';

export interface Department {
  code: string;
  name: string;
  region: string;
  regionName?: string;
  zone: Zone;
}

interface TerritoryIndex {
  departments: Map<string, Department>;
  byName: Map<string, Department>;
}

let cache: TerritoryIndex | undefined;

function territory(): TerritoryIndex {
  if (cache) return cache;
  const regionNames = new Map(readRegions().map((r) => [r.code, r.nom]));
  const departments = new Map<string, Department>();
  const byName = new Map<string, Department>();
  for (const d of readDepartments()) {
    const dep: Department = { code: d.code, name: d.nom, region: d.region, zone: zoneOfCode(d.code) };
    const regionName = regionNames.get(d.region);
    if (regionName !== undefined) dep.regionName = regionName;
    departments.set(d.code, dep);
    byName.set(normaliseName(d.nom), dep);
  }
  cache = { departments, byName };
  return cache;
}

function zoneOfCode(code: string): Zone {
  if (code === '2A' || code === '2B') return 'corsica';
  if (/^9[78]\d$/.test(code)) return 'overseas';
  return 'metro';
}

/** The department record for a code ("87", "2a", "974"), or undefined when it is not a department. */
export function getDepartment(code: string): Department | undefined {
  return territory().departments.get(normaliseDepartmentCode(code));
}

/** The department with exactly this name, accents/case/hyphens aside ("seine saint denis" → 93). */
export function departmentByName(name: string): Department | undefined {
  return territory().byName.get(normaliseName(name));
}

/** True for the 101 departments and the overseas collectivities (975, 977, 978, 984, 986–989) of the COG. */
export function isDepartmentCode(code: string): boolean {
  return getDepartment(code) !== undefined;
}

export function departmentName(code: string): string | undefined {
  return getDepartment(code)?.name;
}

/** Region code of a department ("87" → "75"); overseas collectivities carry their own code as region. */
export function regionOfDepartment(code: string): string | undefined {
  return getDepartment(code)?.region;
}

/** `corsica` for 2A/2B, `overseas` for 971–976 (and the 97x/98x collectivities), else `metro`; undefined for an unknown code. */
export function zoneOfDepartment(code: string): Zone | undefined {
  return getDepartment(code)?.zone;
}

export function allDepartmentCodes(): string[] {
  return [...territory().departments.keys()];
}
