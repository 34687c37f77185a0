import { defineRule } from '../schema';

/** AGIR: up to 24 months of support for recent BPI; not deployed in Corsica nor overseas. */
export default defineRule({
  program: 'agir',
  checkedOn: '2026-11-23',
  sources: [
    '002_d7fa1d1e28d3bdd7.txt §3.4',
    '003_212a6d9f86037104.txt §Le logement',
    'https://www.immigration.interieur.gouv.fr/Integration-et-Acces-a-la-nationalite/Lancement-d-AGIR-programme-d-accompagnement-vers-l-emploi-et-le-logement',
  ],
  notModeled: ['agir.criteria_tightened_2024'],
  cases: [
    {
      when: [
        { kind: 'statusIn', statuses: ['bpi'] },
        { kind: 'sinceStatus', maxCalendarYears: 1 },
        {
          kind: 'departmentNotIn',
          codes: ['2A', '2B', '971', '972', '973', '974', '975', '976'],
          whenFalse: 'maybe',
          whenUnknown: 'pass',
        },
      ],
      then: { status: 'eligible', code: 'agir.recent_bpi', notes: ['agir.confirm_with_ofii'] },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
