import { defineRule } from '../schema';

/** School is compulsory from 3 to 16 and training to 18 for every child, whatever the parents' status. */
export default defineRule({
  program: 'school_enrolment',
  checkedOn: '2026-11-23',
  sources: ['003_212a6d9f86037104.txt §L\'accès à la scolarisation', 'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000038829065'],
  cases: [
    {
      when: [{ kind: 'flag', field: 'children.schoolAge', equals: true }],
      then: { status: 'eligible', code: 'school_enrolment.right_to_school' },
    },
  ],
  // Refugies.info fiche "Enroll your children in school", checked on its own page on 2026-11-27.
  refugiesInfo: { id: '61702a98b46dbd0014fa27a4', type: 'demarche', seenAt: 'https://refugies.info/en/procedure/61702a98b46dbd0014fa27a4' },
  otherwise: { status: 'not_eligible', code: 'school_enrolment.no_school_age_child' },
});
