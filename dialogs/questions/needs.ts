import { THEMES, type Theme } from '../../knowledge/contracts/vocabulary';
import { answer } from '../draft';
import type { AskChoice } from '../ask-dialog';
import type { Texts } from '../i18n';
import { asking, choice, type Question } from './question';

export const NEED_CHOICES: readonly Theme[] = THEMES.filter((t) => t !== 'emergency');

/** The needs as choices (title and the words people use for each), those already chosen left out. */
export function needChoices(texts: Texts, chosen: readonly Theme[] = []): AskChoice[] {
  return NEED_CHOICES.filter((n) => !chosen.includes(n)).map((n) => choice(texts, n, `choice.need.${n}`, `synonyms.need.${n}`));
}

/** Needs are asked until "that's all": the first time, then again with the ones not chosen yet. */
function needsQuestion(id: 'needs' | 'moreNeeds'): Question {
  return {
    echo: true,
    options({ draft, texts }) {
      // On a call the numbers stay those the advisor read out (a need chosen twice counts once).
      const remaining = needChoices(texts, draft.advisor ? [] : (draft.profile.needs ?? []));
      return asking(texts, texts.t(`q.${id}`), [...remaining, choice(texts, 'done', 'choice.need.done', 'synonyms.need.done')], 'several');
    },
    apply({ draft, result, value }) {
      const values = result.kind === 'several' ? result.values : value ? [value] : [];
      draft.profile.needs = [...new Set([...(draft.profile.needs ?? []), ...values.filter((v) => v !== 'done')])] as Theme[];
      if (values.includes('done')) answer(draft, 'needs');
    },
  };
}

export const needs = needsQuestion('needs');
export const moreNeeds = needsQuestion('moreNeeds');
