import { defineRule, type Condition } from '../schema';

const age: Condition = { kind: 'ageBetween', min: 16, max: 25, maxWithDisability: 30 };

/**
 * Volont'R: civic service for young refugees and newcomers, 16–25 (30 with a disability). A non-EU national
 * who is not a BPI must have stayed in France for more than one year on a listed residence permit
 * (service-civique.gouv.fr); refugees have no such wait. Family joining a BPI hold a permit as newcomers do.
 */
export default defineRule({
  program: 'volontr',
  checkedOn: '2026-11-27',
  sources: [
    'https://www.service-civique.gouv.fr/accueillir-un-volontaire/etape03-trouver-des-volontaires/accueillir-un-volontaire-de-nationalite-etrangere',
    'https://accueil-integration-refugies.fr/programme-de-service-civique-volontr-souvre-aux-jeunes-etrangers-primo-arrivants',
    '002_d7fa1d1e28d3bdd7.txt §3.3 c',
  ],
  cases: [
    {
      when: [{ kind: 'statusIn', statuses: ['bpi'] }, age],
      then: { status: 'eligible', code: 'volontr.young_newcomer' },
    },
    {
      when: [
        { kind: 'statusIn', statuses: ['newcomer', 'bpi_family'] },
        age,
        { kind: 'sinceStatus', minMonths: 12, failCode: 'volontr.one_year_of_stay' },
      ],
      then: { status: 'eligible', code: 'volontr.young_newcomer' },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
