import { defineRule } from '../schema';

/** State-funded integration actions (programme 104): regular newcomers in their first five years. */
export default defineRule({
  program: 'integration_actions',
  checkedOn: '2026-11-23',
  sources: ['002_d7fa1d1e28d3bdd7.txt §1.1', '001_ba2c3e7c451a652d.txt §Introduction'],
  cases: [
    {
      when: [{ kind: 'statusIn', statuses: ['bpi', 'newcomer'] }, { kind: 'sinceStatus', maxMonths: 60 }],
      then: { status: 'eligible', code: 'integration_actions.first_five_years' },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
