import { defineRule } from '../schema';

/** CIR: signed once at OFII by non-EU nationals admitted to stay for the first time, refugees included. */
export default defineRule({
  program: 'cir',
  checkedOn: '2026-11-23',
  sources: ['002_d7fa1d1e28d3bdd7.txt §1.1', 'https://www.ofii.fr/le-contrat-d-integration-republicaine/'],
  cases: [
    {
      when: [
        { kind: 'statusIn', statuses: ['bpi', 'newcomer'] },
        { kind: 'flag', field: 'cir', equals: 'signed', whenUnknown: 'fail' },
      ],
      then: { status: 'done', code: 'cir.signed' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['bpi', 'newcomer'] }],
      then: { status: 'eligible', code: 'cir.sign_at_ofii' },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
