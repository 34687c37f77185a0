import { defineRule } from '../schema';

/** Registration as a jobseeker: everyone with the right to work; asylum seekers only with an authorisation. */
export default defineRule({
  program: 'france_travail',
  checkedOn: '2026-11-23',
  sources: ['003_212a6d9f86037104.txt §L\'emploi', 'https://www.gisti.org/spip.php?article5157'],
  cases: [
    {
      when: [{ kind: 'statusIn', statuses: ['bpi', 'newcomer', 'temporary_protection'] }],
      then: { status: 'eligible', code: 'france_travail.right_to_work' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['asylum_seeker'] }],
      then: { status: 'maybe', code: 'france_travail.work_authorisation_after_6_months' },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
