import type { Status } from '../../knowledge/contracts/vocabulary';
import { answer } from '../draft';
import { asking, choice, type Question } from './question';

export const STATUS_CHOICES: readonly Status[] = ['bpi', 'bpi_family', 'temporary_protection', 'newcomer', 'asylum_seeker', 'no_right_to_stay', 'other', 'unknown'];

export const status: Question = {
  echo: true,
  options: ({ texts }) =>
    asking(
      texts,
      texts.t('q.status'),
      STATUS_CHOICES.map((s) => choice(texts, s, s === 'unknown' ? 'choice.dontKnow' : `choice.status.${s}`, `synonyms.status.${s}`)),
    ),
  apply({ draft, value }) {
    draft.profile.status = value as Status;
    answer(draft, 'status');
  },
};
