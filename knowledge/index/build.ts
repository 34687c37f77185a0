import type { Resource } from '../catalog/schema';
import type { Theme } from '../contracts/vocabulary';
import { communePoint, departmentPoint, regionOfDepartment } from '../geo';
import { buildWordIndex, type WordIndex } from './words';

/**
 * The catalog index: resources partitioned by where they apply and by theme, so a query reads only the
 * partitions of the person's place and needs, plus a coarse grid of local places for "near me" across
 * department borders.
 */
export type LonLat = [number, number];

export interface CatalogIndex {
  resources: readonly Resource[];
  /** Where people go, when the resource has a place. */
  points: (LonLat | undefined)[];
  /** `national`, `online`, `region:84`, `department:15` → theme → resource positions. */
  partitions: Map<string, Map<Theme, number[]>>;
  /** `cell|theme` → positions of local resources whose point lies in that grid cell. */
  grid: Map<string, number[]>;
  /** Every resource's words in every locale, for free-text search. */
  words: WordIndex;
}

/** About 55 km of latitude: a 3×3 block of cells always covers the "near me" radius. */
export const CELL_DEGREES = 0.5;

export function cellOf([lon, lat]: LonLat): string {
  return `${Math.floor(lon / CELL_DEGREES)}:${Math.floor(lat / CELL_DEGREES)}`;
}

function pointOf(r: Resource): LonLat | undefined {
  const g = r.geography;
  if (g.coordinates) return g.coordinates;
  const commune = g.communes?.[0];
  if (commune) return communePoint(commune);
  const department = g.departments?.[0];
  return g.scope === 'departmental' && department ? departmentPoint(department) : undefined;
}

function partitionKeys(r: Resource): string[] {
  const g = r.geography;
  switch (g.scope) {
    case 'national':
    case 'online':
      return [g.scope];
    case 'regional':
      return (g.regions ?? []).map((code) => `region:${code}`);
    case 'departmental':
      return (g.departments ?? []).map((code) => `department:${code}`);
    case 'local': {
      // A local place belongs to its communes' departments (and to the ones it names).
      const fromCommunes = (g.communes ?? []).map((c) => (c.startsWith('97') ? c.slice(0, 3) : c.slice(0, 2)));
      return [...new Set([...(g.departments ?? []), ...fromCommunes])].map((code) => `department:${code}`);
    }
  }
}

export function buildIndex(resources: readonly Resource[]): CatalogIndex {
  const partitions = new Map<string, Map<Theme, number[]>>();
  const grid = new Map<string, number[]>();
  const points = resources.map(pointOf);
  resources.forEach((r, position) => {
    for (const key of partitionKeys(r)) {
      let byTheme = partitions.get(key);
      if (!byTheme) partitions.set(key, (byTheme = new Map()));
      for (const theme of r.themes) {
        const list = byTheme.get(theme);
        if (list) list.push(position);
        else byTheme.set(theme, [position]);
      }
    }
    const point = points[position];
    if (point && r.geography.scope === 'local') {
      for (const theme of r.themes) {
        const key = `${cellOf(point)}|${theme}`;
        const list = grid.get(key);
        if (list) list.push(position);
        else grid.set(key, [position]);
      }
    }
  });
  return { resources, points, partitions, grid, words: buildWordIndex(resources) };
}

/** The partitions that apply to a person in this department (its region included), or only the nationwide ones. */
export function partitionsFor(department: string | undefined): string[] {
  if (!department) return ['national', 'online'];
  const region = regionOfDepartment(department);
  return ['national', 'online', `department:${department}`, ...(region ? [`region:${region}`] : [])];
}
