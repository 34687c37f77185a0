import { defineRule } from '../schema';

/**
 * AGIR: up to 24 months of support for BPI protected this year or last year who signed the CIR, and their
 * spouse or parents joining them; OFII orients at the CIR signature, so before it the answer is "maybe".
 * Not deployed in Corsica nor overseas.
 */
export default defineRule({
  program: 'agir',
  checkedOn: '2026-11-27',
  sources: [
    '002_d7fa1d1e28d3bdd7.txt §3.4',
    '003_212a6d9f86037104.txt §Le logement',
    'https://www.immigration.interieur.gouv.fr/Integration-et-Acces-a-la-nationalite/Lancement-d-AGIR-programme-d-accompagnement-vers-l-emploi-et-le-logement',
    'https://forumrefugies.org/nos-actions/en-france/refugies/programmes-d-integration',
    'https://forumrefugies.org/s-informer/publications/articles-d-actualites/en-france/1641-integration-l-ambition-du-programme-agir-freinee-par-les-contraintes-budgetaire',
  ],
  notModeled: ['agir.criteria_tightened_2024'],
  cases: [
    {
      when: [
        { kind: 'statusIn', statuses: ['bpi', 'bpi_family'] },
        { kind: 'sinceStatus', maxCalendarYears: 1 },
        {
          kind: 'departmentNotIn',
          codes: ['2A', '2B', '971', '972', '973', '974', '975', '976'],
          whenFalse: 'maybe',
          whenUnknown: 'pass',
        },
        { kind: 'flag', field: 'cir', equals: 'signed', whenFalse: 'maybe', failCode: 'agir.at_cir_signature' },
      ],
      then: { status: 'eligible', code: 'agir.recent_bpi', notes: ['agir.confirm_with_ofii'] },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
