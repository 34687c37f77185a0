/**
 * The naive baselines the benchmark compares against (benchmark code, not product code): fuse.js over the
 * whole catalog, every multilingual field, no facet filtering; eligibility, geography, audience, department
 * and theme are filtered after the fuzzy search, then the survivors are sorted.
 */
import Fuse, { type FuseOptionKey } from 'fuse.js';
import type { Resource } from '../../knowledge/catalog/schema';
import type { Recommendation } from '../../knowledge/contracts/result';
import { LOCALES, type EligibilityStatus, type Program, type Theme } from '../../knowledge/contracts/vocabulary';
import { communePoint, distanceKm, regionOfDepartment } from '../../knowledge/geo';
import { audienceAllows, programsAllow } from '../../knowledge/index/fit';
import { pick, toRecommendation } from '../../knowledge/index/localize';
import type { SearchHit, SearchQuery } from '../../knowledge/index/search';
import { NEAR_KM } from '../../knowledge/index/score';
import type { RecommendInput } from '../../knowledge/orient';

/** What a naive recommender would type for each need. */
export const NEED_WORDS: Record<Theme, string> = {
  language: 'français',
  employment: 'emploi',
  training: 'formation',
  studies: 'études',
  housing: 'logement',
  mobility: 'permis',
  health: 'santé',
  mental_health: 'psychologique',
  schooling: 'école',
  childcare: 'enfants',
  digital: 'numérique',
  rights: 'droits',
  social: 'social',
  emergency: 'urgence',
};

const KEYS: FuseOptionKey<Resource>[] = LOCALES.flatMap((l) => [
  { name: ['title', l], weight: 1 },
  { name: ['keywords', l], weight: 0.9 },
  { name: ['summary', l], weight: 0.5 },
]);

/** fuse.js over every resource and every multilingual field, built once. */
export function buildBaselineFuse(resources: readonly Resource[]): Fuse<Resource> {
  return new Fuse(resources as Resource[], { keys: KEYS, includeScore: true, threshold: 0.3, ignoreLocation: true, ignoreDiacritics: true });
}

const TIER = { local: 2, departmental: 2, regional: 1, national: 0, online: 0 } as const;

function departmentsOf(r: Resource): string[] {
  const g = r.geography;
  return [...(g.departments ?? []), ...(g.communes ?? []).map((c) => (c.startsWith('97') ? c.slice(0, 3) : c.slice(0, 2)))];
}

/** Where the person is allowed to go, checked after the fact on each fuzzy match. */
function placeAllows(r: Resource, department: string | undefined, region: string | undefined, point: [number, number] | undefined): boolean {
  const g = r.geography;
  switch (g.scope) {
    case 'national':
    case 'online':
      return true;
    case 'regional':
      return region !== undefined && (g.regions ?? []).includes(region);
    case 'departmental':
      return department !== undefined && (g.departments ?? []).includes(department);
    case 'local': {
      if (department !== undefined && departmentsOf(r).includes(department)) return true;
      const at = g.coordinates ?? (g.communes?.[0] ? communePoint(g.communes[0]) : undefined);
      return point !== undefined && at !== undefined && distanceKm(point, at) <= NEAR_KM;
    }
  }
}

/** The naive recommender: one whole-catalog fuzzy search per need, then filters, then a sort. */
export function baselineRecommend(fuse: Fuse<Resource>, { profile, decisions, geo, locale }: RecommendInput): Recommendation[] {
  const byProgram = new Map(decisions.map((d) => [d.program, d.status]));
  const statusOf = (p: Program): EligibilityStatus | undefined => byProgram.get(p);
  const location = geo.location;
  const department = location.status === 'resolved' ? location.department : undefined;
  const region = location.status === 'resolved' ? location.region : department ? regionOfDepartment(department) : undefined;
  const needs: Theme[] = profile.needs.length > 0 ? profile.needs : ['rights', 'language', 'health'];
  const chosen = new Set<string>();
  const out: Recommendation[] = [];
  for (const need of needs) {
    const ranked = fuse
      .search(NEED_WORDS[need])
      .filter(({ item }) => placeAllows(item, department, region, geo.point) && programsAllow(item, statusOf) && audienceAllows(item, profile))
      .sort((a, b) => TIER[b.item.geography.scope] - TIER[a.item.geography.scope] || (a.score ?? 1) - (b.score ?? 1));
    for (const { item: r, score } of ranked.filter((x) => !chosen.has(x.item.id)).slice(0, 3)) {
      chosen.add(r.id);
      out.push(toRecommendation(r, { need, locale, why: [], score: Math.round((1 - (score ?? 1)) * 1000) / 1000 }));
    }
  }
  return out;
}

/** The naive search: whole-catalog fuzzy search on the text, then department (its partitions) and theme filters. */
export function baselineSearch(fuse: Fuse<Resource>, query: SearchQuery): SearchHit[] {
  const department = query.department;
  const region = department ? regionOfDepartment(department) : undefined;
  const locale = query.locale ?? 'fr';
  return fuse
    .search(query.text)
    .filter(({ item }) => {
      if (query.theme && !item.themes.includes(query.theme)) return false;
      if (!department) return true;
      const g = item.geography;
      if (g.scope === 'national' || g.scope === 'online') return true;
      if (g.scope === 'regional') return region !== undefined && (g.regions ?? []).includes(region);
      return departmentsOf(item).includes(department);
    })
    .slice(0, query.limit ?? 10)
    .map(({ item, score }) => ({
      id: item.id,
      title: pick(item.title, locale),
      theme: query.theme ?? item.themes[0]!,
      scope: item.geography.scope,
      score: Math.round((1 - (score ?? 1)) * 1000) / 1000,
    }));
}
