import { FRENCH_LEVELS, type FrenchLevel, type Status, type Theme } from '../knowledge/contracts/vocabulary';
import type { AskResult } from './ask-dialog';
import { answer, type Draft, type Field } from './draft';
import { AGE_CHOICES } from './questions';

/** Turns a recognized answer into profile fields. Buttons that mean a range become a representative value. */

const month = (today: Date, monthsAgo: number): string => {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - monthsAgo, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

/**
 * "This year" is January of this year: every rule that counts calendar years or "within 12 months" then
 * answers right. "Last year" lands exactly 12 months back, so the licence rule says "check the exact date"
 * instead of guessing.
 */
function sinceOf(value: string, today: Date): string | undefined {
  switch (value) {
    case 'thisYear':
      return month(today, today.getUTCMonth());
    case 'lastYear':
      return month(today, 12);
    case 'twoToFive':
      return month(today, 36);
    case 'moreThanFive':
      return month(today, 72);
    case 'lessThan3Months':
      return month(today, 1);
    case 'moreThan3Months':
      return month(today, 6);
    default:
      return undefined;
  }
}

const AGE_OF: Record<(typeof AGE_CHOICES)[number], number> = { under16: 15, '16to25': 20, '26to29': 27, '30plus': 35 };

function yesNo(result: AskResult): boolean | undefined {
  if (result.kind !== 'choice') return undefined;
  return result.value === 'yes' ? true : result.value === 'no' ? false : undefined;
}

export function applyAnswer(draft: Draft, field: Field, result: AskResult, today: Date): void {
  const p = draft.profile;
  const value = result.kind === 'choice' ? result.value : undefined;
  switch (field) {
    case 'status':
      p.status = value as Status;
      break;
    case 'statusSince': {
      const since = result.kind === 'month' ? result.month : value ? sinceOf(value, today) : undefined;
      if (since) p.statusSince = since;
      break;
    }
    case 'inFranceSince': {
      const since = result.kind === 'month' ? result.month : value ? sinceOf(value, today) : undefined;
      if (since) p.inFranceSince = since;
      break;
    }
    case 'cir':
      p.cir = value === 'yes' ? 'signed' : value === 'no' ? 'not_signed' : 'unknown';
      break;
    case 'frenchLevel':
      if (value === 'alpha' || value === 'none') {
        p.frenchLevel = 'none';
        p.readsWrites = value === 'none';
        answer(draft, 'readsWrites');
      } else if (value && (FRENCH_LEVELS as readonly string[]).includes(value)) {
        p.frenchLevel = value as FrenchLevel;
      }
      break;
    case 'readsWrites':
      p.readsWrites = yesNo(result) ?? 'unknown';
      break;
    case 'foreignLicence':
    case 'disability': {
      const yes = yesNo(result);
      if (yes !== undefined) p[field] = yes;
      break;
    }
    case 'children.schoolAge': {
      const yes = yesNo(result);
      if (yes !== undefined) p.children = { ...p.children, schoolAge: yes };
      break;
    }
    case 'age':
      if (result.kind === 'integer') p.age = result.value;
      else if (value && value in AGE_OF) p.age = AGE_OF[value as keyof typeof AGE_OF];
      break;
    case 'needs': {
      const values = result.kind === 'several' ? result.values : value ? [value] : [];
      p.needs = [...new Set([...(p.needs ?? []), ...values.filter((v) => v !== 'done')])] as Theme[];
      if (!values.includes('done')) return;
      break;
    }
    default:
      return;
  }
  answer(draft, field);
}
