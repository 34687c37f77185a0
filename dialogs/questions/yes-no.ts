import type { ProfileInput } from '../../knowledge/contracts/profile';
import { answer } from '../draft';
import { asking, choice, dontKnow, type Question } from './question';

type YesNoField = 'cir' | 'readsWrites' | 'foreignLicence' | 'children.schoolAge' | 'disability' | 'unaccompanied';

/** Yes, no or "I don't know" (undefined), each field keeping it its own way. */
function yesNo(field: YesNoField, keep: (profile: ProfileInput, yes: boolean | undefined) => void): Question {
  return {
    echo: true,
    options: ({ texts }) => asking(texts, texts.t(`q.${field}`), [choice(texts, 'yes', 'choice.yes', 'synonyms.yes'), choice(texts, 'no', 'choice.no', 'synonyms.no'), dontKnow(texts)]),
    apply({ draft, value }) {
      keep(draft.profile, value === 'yes' ? true : value === 'no' ? false : undefined);
      answer(draft, field);
    },
  };
}

export const YES_NO_QUESTIONS: Record<YesNoField, Question> = {
  cir: yesNo('cir', (p, yes) => (p.cir = yes === true ? 'signed' : yes === false ? 'not_signed' : 'unknown')),
  readsWrites: yesNo('readsWrites', (p, yes) => (p.readsWrites = yes ?? 'unknown')),
  foreignLicence: yesNo('foreignLicence', (p, yes) => {
    if (yes !== undefined) p.foreignLicence = yes;
  }),
  disability: yesNo('disability', (p, yes) => {
    if (yes !== undefined) p.disability = yes;
  }),
  unaccompanied: yesNo('unaccompanied', (p, yes) => {
    if (yes !== undefined) p.unaccompanied = yes;
  }),
  'children.schoolAge': yesNo('children.schoolAge', (p, yes) => {
    if (yes !== undefined) p.children = { ...p.children, schoolAge: yes };
  }),
};
