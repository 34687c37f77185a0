import type { Profile } from '../contracts/profile';
import type { CirState, FrenchLevel, Status } from '../contracts/vocabulary';

/**
 * The facts the rules read. A missing answer and the literal `unknown` both become absent, and all date
 * arithmetic happens here, against an injected `today`, so rules never read the clock.
 */
export interface Facts {
  status?: Exclude<Status, 'unknown'>;
  /** Whole calendar months between `statusSince` (YYYY-MM) and today's month. */
  monthsSinceStatus?: number;
  /** Difference of calendar years (AGIR counts "since 1 January of the previous year"). */
  calendarYearsSinceStatus?: number;
  age?: number;
  disability?: boolean;
  level?: Exclude<FrenchLevel, 'unknown'>;
  readsWrites?: boolean;
  department?: string;
  cir?: Exclude<CirState, 'unknown'>;
  foreignLicence?: boolean;
  'children.schoolAge'?: boolean;
  'children.under3'?: boolean;
}

function known<T extends string>(value: T | undefined, unknown: T): Exclude<T, typeof unknown> | undefined {
  return value === undefined || value === unknown ? undefined : (value as Exclude<T, typeof unknown>);
}

export function buildFacts(profile: Profile, department: string | undefined, today: Date): Facts {
  const facts: Facts = {
    status: known(profile.status, 'unknown'),
    level: known(profile.frenchLevel, 'unknown'),
    cir: known(profile.cir, 'unknown'),
    readsWrites: typeof profile.readsWrites === 'boolean' ? profile.readsWrites : undefined,
    age: profile.age,
    disability: profile.disability,
    department,
    foreignLicence: profile.foreignLicence,
    'children.schoolAge': profile.children?.schoolAge,
    'children.under3': profile.children?.under3,
  };
  if (profile.statusSince) {
    const [year, month] = profile.statusSince.split('-').map(Number) as [number, number];
    const months = (today.getUTCFullYear() - year) * 12 + (today.getUTCMonth() + 1 - month);
    // A date in the future is a typo, not a fact: leave it unknown so the rule asks again.
    if (months >= 0) {
      facts.monthsSinceStatus = months;
      facts.calendarYearsSinceStatus = today.getUTCFullYear() - year;
    }
  }
  return facts;
}
