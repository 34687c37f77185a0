import type { Resource } from '../catalog/schema';
import type { Profile } from '../contracts/profile';
import type { LocationResult } from '../contracts/result';
import { getCommune } from '../geo';
import type { EligibilityStatus, Program } from '../contracts/vocabulary';

/**
 * Hard filters: what a person must never be shown. Only known answers exclude: an unanswered question keeps
 * the resource (the plan says what to ask instead).
 */
export function programsAllow(resource: Resource, statusOf: (p: Program) => EligibilityStatus | undefined): boolean {
  // `done` excludes too: nobody needs to be sent to sign a CIR they already signed.
  return resource.programs.every((p) => {
    const status = statusOf(p);
    return status !== 'not_eligible' && status !== 'done';
  });
}

/** Under 18 and in France without a parent or guardian, as the person said; a stated age of 18 or more wins (as in the rules). */
export function isMinorAlone(profile: Profile): boolean {
  return profile.unaccompanied === true && !(profile.age !== undefined && profile.age >= 18);
}

export function audienceAllows(resource: Resource, profile: Profile): boolean {
  const a = resource.audience;
  const status = profile.status && profile.status !== 'unknown' ? profile.status : undefined;
  if (a.statuses?.length && status && !a.statuses.includes(status)) return false;

  const level = profile.frenchLevel && profile.frenchLevel !== 'unknown' ? profile.frenchLevel : undefined;
  if (a.levels?.length && level && !a.levels.includes(level)) return false;
  if (a.literacy === 'non_readers' && profile.readsWrites === true) return false;

  const age = profile.age;
  if (age !== undefined) {
    const max = profile.disability ? (a.maxAgeWithDisability ?? a.maxAge) : a.maxAge;
    if (a.minAge !== undefined && age < a.minAge) return false;
    if (max !== undefined && age > max) return false;
    if (a.youth && age > (profile.disability ? 30 : 25) && a.maxAge === undefined) return false;
  }
  // Targeted services are for people who said so: a disability or employee scheme is noise to anyone else.
  if (a.disability && profile.disability !== true) return false;
  if (a.employed && profile.employed !== true) return false;
  if (a.unaccompanied === true && profile.unaccompanied !== true) return false;
  // A minor alone is sheltered by the ASE, not by adults' schemes.
  if (a.unaccompanied === false && isMinorAlone(profile)) return false;
  if (a.ageStated && profile.age === undefined) return false;
  if (a.parents && profile.children && profile.children.schoolAge === false && profile.children.under3 === false) {
    return false;
  }
  return true;
}

/**
 * A town of this size is not the "zone peu dense" rural car-pools and workshops are made for. INSEE's density
 * grid is not in our data; a population floor this high only leaves them out where they are clearly wrong.
 */
export const LARGE_TOWN = 50_000;

export function placeAllows(resource: Resource, location: LocationResult): boolean {
  if (location.status !== 'resolved') return true;
  if (resource.geography.excludeDepartments?.includes(location.department)) return false;
  if (resource.geography.rural && location.inseeCode) {
    const population = getCommune(location.inseeCode)?.population;
    if (population !== undefined && population >= LARGE_TOWN) return false;
  }
  return true;
}
