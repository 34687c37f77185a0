import { defineRule } from '../schema';

/** Volont'R: civic service for young refugees and newcomers, 16–25 (30 with a disability). */
export default defineRule({
  program: 'volontr',
  checkedOn: '2026-11-23',
  sources: ['002_d7fa1d1e28d3bdd7.txt §3.3 c'],
  cases: [
    {
      when: [
        { kind: 'statusIn', statuses: ['bpi', 'newcomer'] },
        { kind: 'ageBetween', min: 16, max: 25, maxWithDisability: 30 },
      ],
      then: { status: 'eligible', code: 'volontr.young_newcomer' },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
