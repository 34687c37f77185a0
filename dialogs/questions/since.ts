import { answer, type Draft } from '../draft';
import type { Texts } from '../i18n';
import { asking, choice, dontKnow, type Question } from './question';

const SINCE_RECENT = ['thisYear', 'lastYear', 'twoToFive', 'moreThanFive'] as const;
const SINCE_ASYLUM = ['lessThan3Months', 'moreThan3Months'] as const;

const month = (today: Date, monthsAgo: number): string => {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - monthsAgo, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

/**
 * Buttons that mean a range become a representative month. "This year" is January of this year: every rule
 * that counts calendar years or "within 12 months" then answers right. "Last year" lands exactly 12 months
 * back, so the licence rule says "check the exact date" instead of guessing.
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

/** A date asked as a month, typed or as a range button; a typed one is said back as understood. */
function since(field: 'statusSince' | 'inFranceSince', asked: (draft: Draft, texts: Texts) => { prompt: string; values: readonly string[] }): Question {
  return {
    echo: true,
    options({ draft, texts }) {
      const { prompt, values } = asked(draft, texts);
      return asking(texts, prompt, [...values.map((v) => choice(texts, v, `choice.since.${v}`)), dontKnow(texts)], 'month');
    },
    apply({ draft, result, value, today }) {
      const when = result.kind === 'month' ? result.month : value ? sinceOf(value, today) : undefined;
      if (when) draft.profile[field] = when;
      answer(draft, field);
    },
  };
}

export const statusSince = since(
  'statusSince',
  (draft, { t }) => {
    // Family joining a refugee holds a residence permit: asked as any newcomer is.
    const held = draft.profile.status;
    const status = held === 'asylum_seeker' ? 'asylum_seeker' : held === 'newcomer' || held === 'bpi_family' ? 'newcomer' : 'bpi';
    return { prompt: t(`q.statusSince.${status}`), values: status === 'asylum_seeker' ? SINCE_ASYLUM : SINCE_RECENT };
  },
);

export const inFranceSince = since('inFranceSince', (_draft, { t }) => ({ prompt: t('q.inFranceSince'), values: SINCE_ASYLUM }));
