import type { Resource } from '../catalog/schema';
import type { Profile } from '../contracts/profile';
import type { EligibilityStatus, Locale, Program, Scope, Theme } from '../contracts/vocabulary';

/**
 * Ranking is lexicographic and transparent: first how well the resource answers the need (main theme before
 * secondary theme), then how near it is (local and departmental, then regional, then national and online:
 * DOMAIN.md §4 "nearer scopes rank first"), then the score, a weighted sum of named parts between 0 and 1.
 */
export const WEIGHTS = { need: 3, proximity: 3, eligibility: 2, fit: 1, language: 0.5 } as const;
export type ScoreParts = Record<keyof typeof WEIGHTS, number>;

/** Nearer scopes first; "near me" decays over the radius. */
export const PROXIMITY: Record<Scope, number> = { local: 1, departmental: 0.8, regional: 0.6, national: 0.4, online: 0.35 };
export const NEAR_KM = 60;

export function proximityOf(scope: Scope, inDepartment: boolean, distanceKm: number | undefined): number {
  if (scope !== 'local') return PROXIMITY[scope];
  // A place next door over the border beats the department's other end only by distance.
  const km = distanceKm ?? (inDepartment ? NEAR_KM / 2 : NEAR_KM);
  return (inDepartment ? 0.85 : 0.7) + 0.15 * (1 - Math.min(km, NEAR_KM) / NEAR_KM);
}

export interface ScoreInput {
  resource: Resource;
  need: Theme;
  profile: Profile;
  locale: Locale;
  statusOf: (p: Program) => EligibilityStatus | undefined;
  distanceKm?: number;
  inDepartment: boolean;
}

export function scoreParts({ resource, need, profile, locale, statusOf, distanceKm, inDepartment }: ScoreInput): ScoreParts {
  const need_ = resource.themes[0] === need ? 1 : resource.themes.includes(need) ? 0.6 : 0;

  const proximity = proximityOf(resource.geography.scope, inDepartment, distanceKm);

  let eligibility = resource.programs.length === 0 ? 0.3 : 1;
  for (const p of resource.programs) if (statusOf(p) !== 'eligible') eligibility = 0.5;

  const a = resource.audience;
  let fit = 0.5;
  if (a.levels?.length && profile.frenchLevel && a.levels.includes(profile.frenchLevel)) fit += 0.25;
  if (a.literacy === 'non_readers' && profile.readsWrites === false) fit += 0.25;
  if (a.literacy === 'readers' && profile.readsWrites === false) fit -= 0.5;
  if (a.statuses?.length && profile.status && a.statuses.includes(profile.status)) fit += 0.25;

  const language = resource.title[locale] ? 1 : 0;
  return { need: need_, proximity, eligibility, fit: Math.max(0, Math.min(1, fit)), language };
}

export const WEIGHT_TOTAL = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
const TOTAL = WEIGHT_TOTAL;

/**
 * The best score a resource could reach for anyone, without its proximity part (that depends on the
 * person's place): computed once per resource, it lets ranking skip places that cannot make the list.
 */
export function bestWithoutProximity(resource: Resource): number {
  const a = resource.audience;
  const fit = Math.min(1, 0.5 + 0.25 * (Number(!!a.levels?.length) + Number(a.literacy === 'non_readers') + Number(!!a.statuses?.length)));
  const eligibility = resource.programs.length === 0 ? 0.3 : 1;
  return (WEIGHTS.need + WEIGHTS.eligibility * eligibility + WEIGHTS.fit * fit + WEIGHTS.language) / TOTAL;
}

/** The proximity part of a local place over the border at `km` (the most it can add). */
export function acrossBorderProximity(km: number): number {
  return (WEIGHTS.proximity * (0.7 + 0.15 * (1 - Math.min(km, NEAR_KM) / NEAR_KM))) / TOTAL;
}
export function total(parts: ScoreParts): number {
  const sum = (Object.keys(WEIGHTS) as (keyof ScoreParts)[]).reduce((acc, k) => acc + WEIGHTS[k] * parts[k], 0);
  return Math.round((sum / TOTAL) * 1000) / 1000;
}

/** Scope tiers for the second sort key: what is in or near the person's department comes first. */
const TIER: Record<Scope, number> = { local: 2, departmental: 2, regional: 1, national: 0, online: 0 };

export interface Ranked {
  parts: ScoreParts;
  score: number;
  scope: Scope;
}

export function compareRanked(a: Ranked, b: Ranked): number {
  return b.parts.need - a.parts.need || TIER[b.scope] - TIER[a.scope] || b.score - a.score;
}
