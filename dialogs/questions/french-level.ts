import { FRENCH_LEVELS, type FrenchLevel } from '../../knowledge/contracts/vocabulary';
import { answer } from '../draft';
import { asking, choice, dontKnow, type Question } from './question';

export const LEVEL_CHOICES = ['alpha', 'none', 'A1', 'A2', 'B1', 'B2'] as const;

export const frenchLevel: Question = {
  echo: true,
  options: ({ texts }) => asking(texts, texts.t('q.frenchLevel'), [...LEVEL_CHOICES.map((l) => choice(texts, l, `choice.level.${l}`, `synonyms.level.${l}`)), dontKnow(texts, 'unknown')]),
  apply({ draft, value }) {
    const p = draft.profile;
    // Not reading at all ("alpha") also answers whether the person reads and writes.
    if (value === 'alpha' || value === 'none') {
      p.frenchLevel = 'none';
      p.readsWrites = value === 'none';
      answer(draft, 'readsWrites');
    } else if (value && (FRENCH_LEVELS as readonly string[]).includes(value)) {
      p.frenchLevel = value as FrenchLevel;
    }
    answer(draft, 'frenchLevel');
  },
};
