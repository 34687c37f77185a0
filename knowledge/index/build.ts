import type { Resource } from '../catalog/schema';
import type { Theme } from '../contracts/vocabulary';
import { communePoint, departmentPoint, regionOfDepartment } from '../geo';
import { bestWithoutProximity } from './score';
import { buildWordIndex, type WordIndex } from './words';

/**
 * The catalog index: resources partitioned by where they apply and by theme, so a query reads only the
 * partitions of the person's place and needs, plus a coarse grid of local places for "near me" across
 * department borders.
 */
export type LonLat = [number, number];

export interface ThemeLists {
  primary: number[];
  secondary: number[];
  /** The highest `bestWithoutProximity` of the list, to skip a whole grid cell at once. */
  best: number;
}

function sortLists(lists: ThemeLists, order: (a: number, b: number) => number): void {
  lists.primary.sort(order);
  lists.secondary.sort(order);
}

function listsOf<K>(map: Map<K, ThemeLists>, key: K): ThemeLists {
  let lists = map.get(key);
  if (!lists) map.set(key, (lists = { primary: [], secondary: [], best: 0 }));
  return lists;
}

export interface CatalogIndex {
  resources: readonly Resource[];
  /** Where people go, when the resource has a place. */
  points: (LonLat | undefined)[];
  /**
   * `national`, `online`, `region:84`, `department:15` → theme → resource positions, those whose main
   * theme it is apart from those where it is secondary (ranking reads the first group first).
   */
  partitions: Map<string, Map<Theme, ThemeLists>>;
  /** `cell|theme` → the same two groups of local resources whose point lies in that grid cell. */
  grid: Map<string, ThemeLists>;
  /**
   * Public offices (France services, the Annuaire's offices) by grid cell and by department. They are the doors
   * of every plan with a place (recommend.ts), kept out of the need partitions so that thousands of them do not
   * crowd out the schemes a need is about.
   */
  offices: { byCell: Map<string, number[]>; byDepartment: Map<string, number[]> };
  /** Every resource's words in every locale, for free-text search: built on first use (orient never needs it). */
  readonly words: WordIndex;
  /** Per resource, the best score it could reach before proximity (see score.ts). */
  best: Float64Array;
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
  const partitions = new Map<string, Map<Theme, ThemeLists>>();
  const grid = new Map<string, ThemeLists>();
  const points = resources.map(pointOf);
  const best = Float64Array.from(resources, bestWithoutProximity);
  const offices = { byCell: new Map<string, number[]>(), byDepartment: new Map<string, number[]>() };
  const add = (map: Map<string, number[]>, key: string, position: number) => {
    const list = map.get(key);
    if (list) list.push(position);
    else map.set(key, [position]);
  };
  resources.forEach((r, position) => {
    const point = points[position];
    if (r.office) {
      if (point) add(offices.byCell, cellOf(point), position);
      for (const key of partitionKeys(r)) add(offices.byDepartment, key, position);
      return;
    }
    const cell = point && r.geography.scope === 'local' ? cellOf(point) : undefined;
    r.themes.forEach((theme, rank) => {
      const group = rank === 0 ? 'primary' : 'secondary';
      for (const key of partitionKeys(r)) {
        let byTheme = partitions.get(key);
        if (!byTheme) partitions.set(key, (byTheme = new Map()));
        listsOf(byTheme, theme)[group].push(position);
      }
      if (cell) {
        const lists = listsOf(grid, `${cell}|${theme}`);
        lists[group].push(position);
        lists.best = Math.max(lists.best, best[position]!);
      }
    });
  });
  // Best first within every list, so ranking can stop reading a list as soon as nothing left can rank.
  const byBest = (a: number, b: number) => best[b]! - best[a]! || a - b;
  for (const byTheme of partitions.values()) for (const lists of byTheme.values()) sortLists(lists, byBest);
  for (const lists of grid.values()) sortLists(lists, byBest);
  let words: WordIndex | undefined;
  return {
    resources,
    points,
    partitions,
    grid,
    offices,
    best,
    get words() {
      return (words ??= buildWordIndex(resources));
    },
  };
}

/** The partitions that apply to a person in this department (its region included), or only the nationwide ones. */
export function partitionsFor(department: string | undefined): string[] {
  if (!department) return ['national', 'online'];
  const region = regionOfDepartment(department);
  return ['national', 'online', `department:${department}`, ...(region ? [`region:${region}`] : [])];
}
