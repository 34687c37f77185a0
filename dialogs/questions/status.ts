import type { Status } from '../../knowledge/contracts/vocabulary';
import { answer } from '../draft';
import { asking, choice, type Question } from './question';

export const STATUS_CHOICES: readonly Status[] = ['bpi', 'bpi_family', 'temporary_protection', 'newcomer', 'asylum_seeker', 'no_right_to_stay', 'other', 'unknown'];

/**
 * "Under 18, alone in France" is no residence status, but the first thing to know: the ASE protects a minor alone
 * whatever the papers (issue 9). Offered beside the statuses so a minor says it at once and no adult is asked.
 */
const MINOR_ALONE = 'minorAlone';

export const status: Question = {
  echo: true,
  options: ({ texts }) => {
    const button = (s: string) => choice(texts, s, s === 'unknown' ? 'choice.dontKnow' : `choice.status.${s}`, `synonyms.status.${s}`);
    const [others, dontKnow] = [STATUS_CHOICES.slice(0, -1), STATUS_CHOICES.at(-1)!];
    return asking(texts, texts.t('q.status'), [...others.map(button), button(MINOR_ALONE), button(dontKnow)]);
  },
  apply({ draft, value }) {
    if (value === MINOR_ALONE) {
      draft.profile.status = 'unknown';
      draft.profile.unaccompanied = true;
      answer(draft, 'status');
      answer(draft, 'unaccompanied');
      return;
    }
    draft.profile.status = value as Status;
    answer(draft, 'status');
  },
};
