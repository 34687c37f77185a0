import { defineRule } from '../schema';

/**
 * The person's own school or training, when they are under 18 (the children's school is `school_enrolment`).
 * Instruction is compulsory from 3 to 16 (Code de l'éducation L131-1) and training until 18 (L114-1, loi 2019-791
 * art. 15, since the 2020 school year): school, apprenticeship, vocational training, a job, a civic service or a
 * support scheme; the missions locales check it for 16–18-year-olds (L114-1). Allophone newcomers are assessed and
 * placed with the CASNAV (circulaire 2012-141): under 16 through the collège or the DSDEN, with the CASNAV
 * (onisep); over 16 a minor who wants to study first goes to the nearest CIO, which asks the CASNAV for the
 * language and school assessment (académie de Lille's procedure, following the circulaire). Whatever the papers:
 * the obligation is for every young person.
 */
const outOfAge = { failCode: 'training_obligation.out_of_age' } as const;

export default defineRule({
  program: 'training_obligation',
  checkedOn: '2026-11-27',
  sources: [
    'https://circulaire.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006071191/LEGISCTA000038848540/2021-12-02/',
    'https://www.education.gouv.fr/l-obligation-de-formation-306954',
    'https://www.education.gouv.fr/pid25535/bulletin_officiel.html?cid_bo=61536',
    'https://casnav.ac-lille.fr/eana/accueil-et-scolarisation/au-lycee/accueil-et-scolarisation-des-mineurs-allophones-de-plus-de-16-ans',
    'https://concourspostprepas.onisep.fr/inclusion-et-handicap/les-parcours-de-scolarite/l-accueil-des-eleves-nouveaux-arrivants-en-france-et-ceux-issus-de-familles-itinerantes-et-de-voyageurs',
  ],
  cases: [
    {
      when: [{ kind: 'ageBetween', min: 16, max: 17, whenUnknown: 'fail', ...outOfAge }],
      then: { status: 'eligible', code: 'training_obligation.training_until_18', notes: ['training_obligation.mission_locale_if_no_solution'] },
    },
    {
      when: [{ kind: 'ageBetween', min: 3, max: 15, whenUnknown: 'fail', ...outOfAge }],
      then: { status: 'eligible', code: 'training_obligation.school_until_16' },
    },
    // Reached without an age only (a known age out of 3–17 fails here too): ask it.
    { when: [{ kind: 'ageBetween', min: 3, max: 17, ...outOfAge }], then: { status: 'eligible', code: 'training_obligation.training_until_18' } },
  ],
  otherwise: { status: 'not_eligible' },
});
