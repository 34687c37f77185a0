import type { LocationQuery, ProfileInput } from '../knowledge/contracts/profile';
import type { Locale } from '../knowledge/contracts/vocabulary';

/**
 * What the person has answered, kept in UserState so a returning user finds their plan. It holds only
 * profile fields (DOMAIN.md §3) plus the order of answers, for "go back" and "change one answer".
 */
export const FIELDS = [
  'language',
  'status',
  'statusSince',
  'cir',
  'frenchLevel',
  'readsWrites',
  'location',
  'needs',
  'foreignLicence',
  'children.schoolAge',
  'age',
  'disability',
  'inFranceSince',
  'unaccompanied',
] as const;
export type Field = (typeof FIELDS)[number];

export interface Draft {
  locale?: Locale;
  profile: ProfileInput;
  /** Fields answered (or skipped with "I don't know"), in order. */
  answered: Field[];
  /** Set once a plan was shown, so the next visit can offer it again. */
  planAt?: string;
  /** The plan's details were shown (until the plan changes): "more" is not offered again. */
  detailsShown?: boolean;
  /** A phone advisor is guiding a call (texts in French); `caller` is the caller's language, for their SMS. */
  advisor?: {
    caller?: Locale;
    /** Questions in the order first asked on this call: their step numbers. */
    steps?: string[];
  };
}

export const emptyDraft = (locale?: Locale): Draft => ({ ...(locale ? { locale } : {}), profile: { needs: [] }, answered: [] });

/** Forgets one answer, and what only made sense with it (the date belongs to the status). */
export function forget(draft: Draft, field: Field): void {
  draft.answered = draft.answered.filter((f) => f !== field);
  const p = draft.profile;
  switch (field) {
    case 'language':
      // The locale stays until another is chosen: the language question is asked in it.
      break;
    case 'status':
      delete p.status;
      delete p.statusSince;
      delete p.cir;
      draft.answered = draft.answered.filter((f) => f !== 'statusSince' && f !== 'cir');
      break;
    case 'needs':
      p.needs = [];
      break;
    case 'children.schoolAge':
      delete p.children;
      break;
    case 'frenchLevel':
      delete p.frenchLevel;
      delete p.readsWrites;
      draft.answered = draft.answered.filter((f) => f !== 'readsWrites');
      break;
    default:
      delete (p as Record<string, unknown>)[field];
  }
  delete draft.planAt;
  delete draft.detailsShown;
}

export function answer(draft: Draft, field: Field): void {
  if (!draft.answered.includes(field)) draft.answered.push(field);
}

/** All answers again, in the language already chosen. */
export function startOver(draft: Draft): void {
  const locale = draft.locale;
  Object.assign(draft, emptyDraft(locale));
  if (locale) answer(draft, 'language');
}

export type { LocationQuery };
