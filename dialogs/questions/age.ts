import { answer } from '../draft';
import { asking, choice, type Question } from './question';

/** 16–17 apart: training is compulsory to 18 and a minor alone is protected by the ASE (issue 9). */
export const AGE_CHOICES = ['under16', '16to17', '18to25', '26to29', '30plus'] as const;

/** Each range button stands for an age inside it. */
const AGE_OF: Record<(typeof AGE_CHOICES)[number], number> = { under16: 15, '16to17': 17, '18to25': 21, '26to29': 27, '30plus': 35 };

export const age: Question = {
  echo: true,
  options: ({ texts }) => asking(texts, texts.t('q.age'), AGE_CHOICES.map((a) => choice(texts, a, `choice.age.${a}`)), 'integer'),
  apply({ draft, result, value }) {
    if (result.kind === 'integer') draft.profile.age = result.value;
    else if (value && value in AGE_OF) draft.profile.age = AGE_OF[value as keyof typeof AGE_OF];
    answer(draft, 'age');
  },
};
