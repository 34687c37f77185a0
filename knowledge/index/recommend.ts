import { annuaireLocator, MINORS_DOOR, NEED_LOCATORS } from '../catalog/annuaire-locator';
import type { Resource } from '../catalog/schema';
import type { Recommendation } from '../contracts/result';
import type { EligibilityStatus, Program, Scope, Theme } from '../contracts/vocabulary';
import { departmentName, distanceKm, regionOfDepartment } from '../geo';
import type { RecommendInput } from '../orient';
import { CELL_DEGREES, cellOf, type CatalogIndex, type LonLat } from './build';
import { audienceAllows, isMinorAlone, placeAllows, programsAllow } from './fit';
import { toRecommendation } from './localize';
import { acrossBorderProximity, compareRanked, proximityOf, WEIGHT_TOTAL, WEIGHTS, NEAR_KM, scoreParts, total, type ScoreParts } from './score';

/** With no need named, the plan still points at papers, French and health. */
export const DEFAULT_NEEDS: Theme[] = ['rights', 'language', 'health'];
export const PER_NEED = 3;
/** France services sites a plan with a place names, nearest first. */
export const FRANCE_SERVICES_DOORS = 2;

interface Door {
  position: number;
  distance?: number;
  inDepartment: boolean;
}

/**
 * The nearest offices of a kind to the person: those within the "near me" radius (over the department border
 * too), nearest first; when none is that near, the department's own (a plan with a place always names a door
 * when the department has one).
 */
export function nearestOffices(index: CatalogIndex, point: LonLat | undefined, department: string | undefined, fits: (r: Resource) => boolean, count: number): Door[] {
  const inDepartment = (position: number) => !!department && (index.resources[position]!.geography.departments ?? []).includes(department);
  const doors: Door[] = [];
  if (point) {
    const [cx, cy] = cellOf(point).split(':').map(Number) as [number, number];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const position of index.offices.byCell.get(`${cx + dx}:${cy + dy}`) ?? []) {
          if (!fits(index.resources[position]!)) continue;
          const distance = distanceKm(point, index.points[position]!);
          if (distance <= NEAR_KM) doors.push({ position, distance, inDepartment: inDepartment(position) });
        }
      }
    }
  }
  if (!doors.length && department) {
    for (const position of index.offices.byDepartment.get(`department:${department}`) ?? []) {
      if (!fits(index.resources[position]!)) continue;
      const at = index.points[position];
      doors.push({ position, inDepartment: true, ...(point && at ? { distance: distanceKm(point, at) } : {}) });
    }
  }
  return doors.sort((a, b) => (a.distance ?? Infinity) - (b.distance ?? Infinity) || a.position - b.position).slice(0, count);
}

interface Candidate {
  position: number;
  distance?: number;
  inDepartment: boolean;
}

/** Positional arguments, not an object: hundreds of candidates per need, most of them dropped at once. */
type Visit = (position: number, inDepartment: boolean, distance?: number) => void;

/** The most the proximity part can add in each group (score.ts: local ≤ 1, regional 0.6, national 0.4). */
const PROXIMITY_CEILING = {
  department: WEIGHTS.proximity / WEIGHT_TOTAL,
  region: (WEIGHTS.proximity * 0.6) / WEIGHT_TOTAL,
  nationwide: (WEIGHTS.proximity * 0.4) / WEIGHT_TOTAL,
};

/** Distance from a point to the nearest point of a grid cell (0 inside it). */
function distanceToCell([lon, lat]: LonLat, x: number, y: number): number {
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  return distanceKm([lon, lat], [clamp(lon, x * CELL_DEGREES, (x + 1) * CELL_DEGREES), clamp(lat, y * CELL_DEGREES, (y + 1) * CELL_DEGREES)]);
}

/**
 * The candidates for a need, in groups of falling rank: main theme before secondary theme, then in or
 * near the department (local places over the border within the radius included), then the region, then
 * nationwide. Ranking compares need match and proximity tier first, so once the top list is full after a
 * group, no later group can enter it and the search stops there.
 */
function candidateGroups(
  index: CatalogIndex,
  need: Theme,
  department: string | undefined,
  point: LonLat | undefined,
  /** Whether something with this best score before proximity, plus this proximity part, could still rank. */
  couldRank: (best: number, proximity: number) => boolean,
): ((visit: Visit) => void)[] {
  const region = department ? regionOfDepartment(department) : undefined;
  const lists = (key: string) => index.partitions.get(key)?.get(need);
  const groups: ((visit: Visit) => void)[] = [];
  for (const group of ['primary', 'secondary'] as const) {
    groups.push((visit) => {
      const seen = new Set<number>();
      for (const position of (department && lists(`department:${department}`)?.[group]) || []) {
        if (!couldRank(index.best[position]!, PROXIMITY_CEILING.department)) break;
        const at = index.points[position];
        const local = index.resources[position]!.geography.scope === 'local';
        if (local) seen.add(position);
        visit(position, true, local && at && point ? distanceKm(point, at) : undefined);
      }
      if (!point) return;
      const [cx, cy] = cellOf(point).split(':').map(Number) as [number, number];
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          const cell = index.grid.get(`${cx + dx}:${cy + dy}|${need}`);
          // A whole cell is skipped when even its best resource at its nearest corner cannot make the list.
          if (!cell || !couldRank(cell.best, acrossBorderProximity(distanceToCell(point, cx + dx, cy + dy)))) continue;
          for (const position of cell[group]) {
            if (!couldRank(index.best[position]!, acrossBorderProximity(0))) break;
            if (seen.has(position)) continue;
            const distance = distanceKm(point, index.points[position]!);
            if (distance <= NEAR_KM && couldRank(index.best[position]!, acrossBorderProximity(distance))) visit(position, false, distance);
          }
        }
      }
    });
    groups.push((visit) => {
      for (const position of (region && lists(`region:${region}`)?.[group]) || []) {
        if (!couldRank(index.best[position]!, PROXIMITY_CEILING.region)) break;
        visit(position, false);
      }
    });
    groups.push((visit) => {
      for (const key of ['national', 'online']) {
        for (const position of lists(key)?.[group] ?? []) {
          if (!couldRank(index.best[position]!, PROXIMITY_CEILING.nationwide)) break;
          visit(position, false);
        }
      }
    });
  }
  return groups;
}

interface Scored {
  c: Candidate;
  resource: Resource;
  parts: ScoreParts;
  scope: Scope;
  score: number;
}

const byRank = (a: Scored, b: Scored) => compareRanked(a, b) || (a.resource.id < b.resource.id ? -1 : a.resource.id > b.resource.id ? 1 : 0);

/** Keeps the best `size` items seen, in order, without sorting every candidate. */
class TopK {
  readonly items: Scored[] = [];
  constructor(private readonly size: number) {}
  get full(): boolean {
    return this.items.length >= this.size;
  }
  get last(): Scored | undefined {
    return this.items[this.items.length - 1];
  }
  offer(item: Scored): void {
    const items = this.items;
    if (items.length === this.size && byRank(item, items[items.length - 1]!) >= 0) return;
    let i = items.length;
    while (i > 0 && byRank(item, items[i - 1]!) < 0) i--;
    items.splice(i, 0, item);
    if (items.length > this.size) items.pop();
  }
}

export function recommend(index: CatalogIndex, { profile, decisions, geo, locale, t }: RecommendInput): Recommendation[] {
  const byProgram = new Map(decisions.map((d) => [d.program, d]));
  const statusOf = (p: Program): EligibilityStatus | undefined => byProgram.get(p)?.status;
  const location = geo.location;
  const department = location.status === 'resolved' ? location.department : undefined;
  const needs = profile.needs.length > 0 ? profile.needs : DEFAULT_NEEDS;

  const why = (r: Resource, need: Theme, c: Omit<Candidate, 'position'>): string[] => {
    const lines = [t('why.need', { theme: t(`theme.${need}`) })];
    const scope = r.geography.scope;
    if (c.distance !== undefined) {
      const place = location.status === 'resolved' ? (location.commune ?? departmentName(location.department) ?? location.department) : '';
      lines.push(t('why.near', { km: Math.max(1, Math.round(c.distance)), place }));
    } else if (scope === 'departmental' || scope === 'local') {
      lines.push(t('why.department', { department: department ? (departmentName(department) ?? department) : '' }));
    } else {
      lines.push(t(`why.${scope}`));
    }
    for (const p of r.programs) {
      const d = byProgram.get(p);
      const reason = d?.reasons[0];
      if (d && reason && (d.status === 'eligible' || d.status === 'maybe')) {
        lines.push(t(`why.program_${d.status}`, { reason: t(reason.code, reason.params) }));
      }
    }
    const a = r.audience;
    if (a.literacy === 'non_readers' && profile.readsWrites === false) lines.push(t('why.literacy'));
    else if (a.levels?.length && profile.frenchLevel && a.levels.includes(profile.frenchLevel)) {
      lines.push(t('why.level', { level: t(`level.${profile.frenchLevel}`) }));
    }
    if (a.statuses?.length && profile.status && a.statuses.includes(profile.status)) {
      lines.push(t('why.status', { status: t(`status.${profile.status}`) }));
    }
    // Without the number: an age tapped as a range ("16 to 25") reaches the engine as a representative one.
    if ((a.youth || a.maxAge !== undefined) && profile.age !== undefined) lines.push(t('why.age'));
    if (a.parents && profile.children?.schoolAge) lines.push(t('why.parents'));
    return lines;
  };

  const chosen = new Set<number>();
  const out: Recommendation[] = [];
  // A minor alone is a child in danger whatever they asked about: their protection (the ASE, the 119) comes first,
  // and it is their roof too (no adult's housing scheme is theirs).
  const minorAlone = isMinorAlone(profile);
  if (minorAlone) {
    // The national schemes (offices are never in the partitions), each once whatever its themes.
    const national = new Set([...(index.partitions.get('national')?.values() ?? [])].flatMap((lists) => [...lists.primary, ...lists.secondary]));
    for (const position of [...national].sort((a, b) => a - b)) {
      const r = index.resources[position]!;
      // With a place, the département's own page below replaces the national locator.
      const located = department !== undefined && r.kind === 'locator';
      if (located || !r.programs.includes('child_protection') || !programsAllow(r, statusOf) || !audienceAllows(r, profile)) continue;
      chosen.add(position);
      const need = profile.needs[0] ?? 'emergency';
      out.push(toRecommendation(r, { need, locale, why: why(r, need, { inDepartment: false }), score: total(scoreParts({ resource: r, need, profile, locale, statusOf, inDepartment: false })) }));
    }
  }
  for (const need of needs) {
    if (minorAlone && need === 'housing') continue;
    // Enough to fill this need after skipping what earlier needs already took.
    const top = new TopK(PER_NEED + chosen.size);
    const couldRank = (best: number, proximity: number) => !top.full || best + proximity >= top.last!.score;
    for (const group of candidateGroups(index, need, department, geo.point, couldRank)) {
      group((position, inDepartment, distance) => {
        const resource = index.resources[position]!;
        // Its proximity is known already: if even its best other parts cannot rank, nothing else is computed.
        const proximity = proximityOf(resource.geography.scope, inDepartment, distance);
        if (!couldRank(index.best[position]!, (WEIGHTS.proximity * proximity) / WEIGHT_TOTAL)) return;
        if (!programsAllow(resource, statusOf) || !audienceAllows(resource, profile) || !placeAllows(resource, location)) return;
        const parts = scoreParts({ resource, need, profile, locale, statusOf, distanceKm: distance, inDepartment });
        const c: Candidate = distance === undefined ? { position, inDepartment } : { position, inDepartment, distance };
        top.offer({ c, resource, parts, scope: resource.geography.scope, score: total(parts) });
      });
      if (top.full) break;
    }
    const fresh = top.items.filter((x) => !chosen.has(x.c.position)).slice(0, PER_NEED);
    // Every need gets an answer, even when its best resource already answers another need.
    const picked = fresh.length > 0 ? fresh : top.items.slice(0, 1);
    for (const { c, resource: r, score } of picked) {
      chosen.add(c.position);
      out.push(toRecommendation(r, { need, locale, why: why(r, need, c), score, ...(c.distance !== undefined ? { distanceKm: c.distance } : {}) }));
    }
  }

  // The doors: with a place, the nearest France services, then for each need the nearest office of the
  // Annuaire whose main work it is, or, while that directory is not loaded, its page for the department.
  if (department) {
    const door = (r: Resource, need: Theme, c: Omit<Candidate, 'position'>) => {
      const parts = scoreParts({ resource: r, need, profile, locale, statusOf, inDepartment: c.inDepartment, ...(c.distance !== undefined ? { distanceKm: c.distance } : {}) });
      // "You asked about…" only for a need the person named: France services is on every plan with a place.
      const lines = profile.needs.includes(need) ? why(r, need, c) : why(r, need, c).slice(1);
      out.push(toRecommendation(r, { need, locale, why: lines, score: total(parts), ...(c.distance !== undefined ? { distanceKm: c.distance } : {}) }));
    };
    for (const d of nearestOffices(index, geo.point, department, (r) => r.office === 'france_services', FRANCE_SERVICES_DOORS)) door(index.resources[d.position]!, 'rights', d);
    // A minor alone: whatever the need, the first door is the département's, whose ASE shelters and assesses them.
    const minorsDoor = annuaireLocator(department, MINORS_DOOR);
    if (minorsDoor && audienceAllows(minorsDoor, profile)) {
      const [office] = nearestOffices(index, geo.point, department, (r) => r.office === MINORS_DOOR, 1);
      const need = profile.needs[0] ?? 'emergency';
      if (office) door(index.resources[office.position]!, need, office);
      else door(minorsDoor, need, { inDepartment: true });
    }
    for (const need of profile.needs) {
      // The département's offices are the minors' door above, not a door for a need.
      const fits = (r: Resource) => r.office !== 'france_services' && r.office !== MINORS_DOOR && r.themes[0] === need && programsAllow(r, statusOf) && audienceAllows(r, profile);
      const [office] = nearestOffices(index, geo.point, department, fits, 1);
      if (office) door(index.resources[office.position]!, need, office);
      else {
        const locator = NEED_LOCATORS.map((o) => annuaireLocator(department, o)).find((r) => r && fits(r));
        if (locator) door(locator, need, { inDepartment: true });
      }
    }
  }
  return out;
}
