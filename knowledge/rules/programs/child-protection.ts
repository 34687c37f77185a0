import { defineRule } from '../schema';

/**
 * Unaccompanied minors ("mineurs non accompagnés"): a person under 18 in France without a parent or legal guardian
 * is a child in danger, protected by the Aide sociale à l'enfance (ASE) of the conseil départemental, whatever the
 * nationality or papers (CASF L112-3, L221-2-4, L223-2; L111-2 1° for foreigners). The département where the young
 * person is puts them up at once (accueil provisoire d'urgence, 5 days, renewable twice: R221-11) and assesses
 * minority and isolation; the procureur or the juge des enfants then decides the placement (justice.gouv.fr). The
 * minor may ask the juge des enfants directly (Code civil art. 375: "à la requête … du mineur lui-même"). The 119
 * (Allô enfance en danger, free, day and night) answers children themselves.
 *
 * One answer settles it: `unaccompanied` means "under 18 and without a parent or guardian"; a stated age of 18 or
 * more wins over it. Without the answer the rule asks `unaccompanied` (not the age: an adult answers "no" as fast).
 */
export default defineRule({
  program: 'child_protection',
  checkedOn: '2026-11-27',
  sources: [
    'https://justice.gouv.fr/justice-france/justice-mineurs/mineurs-non-accompagnes-mise-labri-evaluation-orientation',
    'https://www.infomie.net/article7173.html',
    'https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006070158/LEGISCTA000042772216/',
    'https://allo119.gouv.fr',
  ],
  cases: [
    {
      when: [
        { kind: 'flag', field: 'unaccompanied', equals: true, failCode: 'child_protection.not_unaccompanied' },
        { kind: 'ageBetween', min: 0, max: 17, whenUnknown: 'pass', failCode: 'child_protection.adult' },
      ],
      then: {
        status: 'eligible',
        code: 'child_protection.ase_unaccompanied_minor',
        notes: ['child_protection.evaluation', 'child_protection.juge_des_enfants'],
      },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
