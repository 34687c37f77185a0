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

/** The yes/no answers that are plain profile flags (a "don't know" leaves them unset): the questions and the quick-check card read and write them here. */
export const PROFILE_FLAGS = {
  unaccompanied: { get: (p: ProfileInput) => p.unaccompanied, set: (_p: ProfileInput, yes: boolean): ProfileInput => ({ unaccompanied: yes }) },
  'children.schoolAge': { get: (p: ProfileInput) => p.children?.schoolAge, set: (p: ProfileInput, yes: boolean): ProfileInput => ({ children: { ...p.children, schoolAge: yes } }) },
  foreignLicence: { get: (p: ProfileInput) => p.foreignLicence, set: (_p: ProfileInput, yes: boolean): ProfileInput => ({ foreignLicence: yes }) },
  disability: { get: (p: ProfileInput) => p.disability, set: (_p: ProfileInput, yes: boolean): ProfileInput => ({ disability: yes }) },
} as const;
export type ProfileFlag = keyof typeof PROFILE_FLAGS;

const flag = (field: ProfileFlag) =>
  yesNo(field, (p, yes) => {
    if (yes !== undefined) Object.assign(p, PROFILE_FLAGS[field].set(p, yes));
  });

export const YES_NO_QUESTIONS: Record<YesNoField, Question> = {
  cir: yesNo('cir', (p, yes) => (p.cir = yes === true ? 'signed' : yes === false ? 'not_signed' : 'unknown')),
  readsWrites: yesNo('readsWrites', (p, yes) => (p.readsWrites = yes ?? 'unknown')),
  foreignLicence: flag('foreignLicence'),
  disability: flag('disability'),
  unaccompanied: flag('unaccompanied'),
  'children.schoolAge': flag('children.schoolAge'),
};
