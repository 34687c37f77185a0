import type { Profile } from '../contracts/profile';
import type { CirState, FrenchLevel, Protection, Status } from '../contracts/vocabulary';

/**
 * The facts the rules read. A missing answer and the literal `unknown` both become absent, and all date
 * arithmetic happens here, against an injected `today`, so rules never read the clock.
 */
export interface Facts {
  status?: Exclude<Status, 'unknown'>;
  protection?: Protection;
  /** Whole calendar months between `statusSince` (YYYY-MM) and today's month. */
  monthsSinceStatus?: number;
  /** Difference of calendar years (AGIR counts "since 1 January of the previous year"). */
  calendarYearsSinceStatus?: number;
  /** Whole calendar months since `inFranceSince`. */
  monthsInFrance?: number;
  /** Without an arrival date, the status date still proves at least this many months in France. */
  monthsInFranceAtLeast?: number;
  age?: number;
  disability?: boolean;
  level?: Exclude<FrenchLevel, 'unknown'>;
  readsWrites?: boolean;
  department?: string;
  cir?: Exclude<CirState, 'unknown'>;
  foreignLicence?: boolean;
  employed?: boolean;
  /** Under 18 and in France without a parent or legal guardian. */
  unaccompanied?: boolean;
  'children.schoolAge'?: boolean;
  'children.under3'?: boolean;
}

function known<T extends string>(value: T | undefined, unknown: T): Exclude<T, typeof unknown> | undefined {
  return value === undefined || value === unknown ? undefined : (value as Exclude<T, typeof unknown>);
}

/** Whole calendar months from a YYYY-MM month to today's; a month in the future is a typo, left unknown. */
function monthsSince(month: string | undefined, today: Date): number | undefined {
  if (!month) return undefined;
  const [year, m] = month.split('-').map(Number) as [number, number];
  const months = (today.getUTCFullYear() - year) * 12 + (today.getUTCMonth() + 1 - m);
  return months >= 0 ? months : undefined;
}

export function buildFacts(profile: Profile, department: string | undefined, today: Date): Facts {
  const facts: Facts = {
    status: known(profile.status, 'unknown'),
    protection: profile.protection,
    level: known(profile.frenchLevel, 'unknown'),
    cir: known(profile.cir, 'unknown'),
    readsWrites: typeof profile.readsWrites === 'boolean' ? profile.readsWrites : undefined,
    age: profile.age,
    disability: profile.disability,
    department,
    foreignLicence: profile.foreignLicence,
    employed: profile.employed,
    unaccompanied: profile.unaccompanied,
    'children.schoolAge': profile.children?.schoolAge,
    'children.under3': profile.children?.under3,
  };
  const since = monthsSince(profile.statusSince, today);
  if (since !== undefined) {
    facts.monthsSinceStatus = since;
    facts.calendarYearsSinceStatus = today.getUTCFullYear() - Number(profile.statusSince!.slice(0, 4));
  }
  // Nobody claims asylum or gets a permit before arriving: the status date is a floor for the time in France.
  facts.monthsInFranceAtLeast = facts.monthsSinceStatus;
  const arrival = monthsSince(profile.inFranceSince, today);
  if (arrival !== undefined) facts.monthsInFrance = Math.max(arrival, facts.monthsSinceStatus ?? 0);
  return facts;
}
