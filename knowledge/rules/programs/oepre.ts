import { defineRule } from '../schema';

/** OEPRE: free French workshops in schools for newcomer parents of pupils, where the rectorat funds them. */
export default defineRule({
  program: 'oepre',
  checkedOn: '2026-11-23',
  sources: ['004_eeb3defcad75d417.txt', '002_d7fa1d1e28d3bdd7.txt §3.3', 'https://pedagogie.ac-toulouse.fr/casnav/circulaire-oepre-du-4-septembre-2025'],
  cases: [
    {
      when: [
        { kind: 'statusIn', statuses: ['bpi', 'newcomer'] },
        { kind: 'flag', field: 'children.schoolAge', equals: true },
        { kind: 'sinceStatus', maxMonths: 60 },
      ],
      then: { status: 'eligible', code: 'oepre.parent_of_pupil', notes: ['oepre.ask_school_or_casnav'] },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
