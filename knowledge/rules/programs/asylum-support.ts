import { defineRule } from '../schema';

/** First reception of asylum seekers: SPADA, then GUDA, then OFII material reception conditions. */
export default defineRule({
  program: 'asylum_support',
  checkedOn: '2026-11-23',
  sources: ['https://www.forumrefugies.org/nos-actions/en-france/demandeurs-d-asile/premier-accueil'],
  cases: [
    {
      when: [{ kind: 'statusIn', statuses: ['asylum_seeker'] }],
      then: { status: 'eligible', code: 'asylum_support.spada_first' },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
