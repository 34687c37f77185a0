import type { Resource } from '../catalog/schema';
import type { Recommendation } from '../contracts/result';
import type { EligibilityStatus, Program, Scope, Theme } from '../contracts/vocabulary';
import { departmentName, distanceKm } from '../geo';
import type { RecommendInput } from '../orient';
import { cellOf, partitionsFor, type CatalogIndex, type LonLat } from './build';
import { audienceAllows, programsAllow } from './fit';
import { localizedRefugiesInfo, pick } from './localize';
import { compareRanked, NEAR_KM, scoreParts, total, type ScoreParts } from './score';

/** With no need named, the plan still points at papers, French and health. */
export const DEFAULT_NEEDS: Theme[] = ['rights', 'language', 'health'];
export const PER_NEED = 3;

interface Candidate {
  position: number;
  distance?: number;
  inDepartment: boolean;
}

/**
 * Calls `visit` for every resource that could answer the need here: the nationwide ones, the region's, the
 * department's, and local places over the border within the radius (grid cells of that theme only).
 */
function forEachCandidate(
  index: CatalogIndex,
  need: Theme,
  department: string | undefined,
  point: LonLat | undefined,
  visit: (c: Candidate) => void,
): void {
  const seen = new Set<number>();
  for (const key of partitionsFor(department)) {
    const inDepartment = key.startsWith('department:');
    for (const position of index.partitions.get(key)?.get(need) ?? []) {
      const at = index.points[position];
      const local = index.resources[position]!.geography.scope === 'local';
      if (local) seen.add(position);
      visit({ position, inDepartment, ...(local && at && point ? { distance: distanceKm(point, at) } : {}) });
    }
  }
  if (!point) return;
  const [cx, cy] = cellOf(point).split(':').map(Number) as [number, number];
  for (let dx = -1; dx <= 1; dx++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (const position of index.grid.get(`${cx + dx}:${cy + dy}|${need}`) ?? []) {
        if (seen.has(position)) continue;
        const distance = distanceKm(point, index.points[position]!);
        if (distance <= NEAR_KM) visit({ position, inDepartment: false, distance });
      }
    }
  }
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

  const why = (r: Resource, need: Theme, c: Candidate): string[] => {
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
    if ((a.youth || a.maxAge !== undefined) && profile.age !== undefined) lines.push(t('why.age', { age: profile.age }));
    if (a.parents && profile.children?.schoolAge) lines.push(t('why.parents'));
    return lines;
  };

  const chosen = new Set<number>();
  const out: Recommendation[] = [];
  for (const need of needs) {
    // Enough to fill this need after skipping what earlier needs already took.
    const top = new TopK(PER_NEED + chosen.size);
    forEachCandidate(index, need, department, geo.point, (c) => {
      const resource = index.resources[c.position]!;
      if (!programsAllow(resource, statusOf) || !audienceAllows(resource, profile)) return;
      const parts = scoreParts({ resource, need, profile, locale, statusOf, distanceKm: c.distance, inDepartment: c.inDepartment });
      top.offer({ c, resource, parts, scope: resource.geography.scope, score: total(parts) });
    });
    const fresh = top.items.filter((x) => !chosen.has(x.c.position)).slice(0, PER_NEED);
    // Every need gets an answer, even when its best resource already answers another need.
    const picked = fresh.length > 0 ? fresh : top.items.slice(0, 1);
    for (const { c, resource: r, score } of picked) {
      chosen.add(c.position);
      const refugiesInfo = localizedRefugiesInfo(r, locale);
      out.push({
        id: r.id,
        kind: r.kind,
        title: pick(r.title, locale),
        summary: pick(r.summary, locale),
        theme: need,
        themes: r.themes,
        programs: r.programs,
        scope: r.geography.scope,
        why: why(r, need, c),
        ...(r.contact.url ? { url: r.contact.url } : {}),
        ...(r.contact.phone ? { phone: r.contact.phone } : {}),
        ...(r.contact.address ? { address: r.contact.address } : {}),
        ...(refugiesInfo ? { refugiesInfo } : {}),
        ...(c.distance !== undefined ? { distanceKm: Math.round(c.distance * 10) / 10 } : {}),
        score,
        source: r.source,
        verifiedOn: r.verifiedOn,
      });
    }
  }
  return out;
}
