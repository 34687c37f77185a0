import { defineRule, type Condition } from '../schema';

const signatories: Condition = { kind: 'statusIn', statuses: ['bpi', 'newcomer'] };
const levelAsk = { askCode: 'ofii_language.level_set_at_signature', failCode: 'ofii_language.beyond_ofii' } as const;

/**
 * The CIR language training since OFII's contracts of July 2025: no more 100/200/400 h packages nor the
 * 100 h A2 and B1 ones. People who cannot read or write get the 600 h classroom track; everyone else below
 * A2 an online platform without an hour limit, aimed at A2 certification. From A2 on, French goes on beyond
 * OFII (French for work, certification, associations).
 */
export default defineRule({
  program: 'ofii_language',
  checkedOn: '2026-11-27',
  sources: [
    'https://questions.assemblee-nationale.fr/q17/17-7550QE.htm',
    'https://www.ofii.fr/le-contrat-d-integration-republicaine/',
    '002_d7fa1d1e28d3bdd7.txt §3.5',
  ],
  cases: [
    {
      when: [
        signatories,
        { kind: 'levelIn', levels: ['none'], ...levelAsk },
        { kind: 'flag', field: 'readsWrites', equals: false, whenUnknown: 'fail' },
      ],
      then: { status: 'eligible', code: 'ofii_language.track_a1_alpha', track: 'A1_alpha' },
    },
    {
      when: [signatories, { kind: 'levelIn', levels: ['none'], ...levelAsk }],
      then: { status: 'eligible', code: 'ofii_language.track_a1', track: 'A1', notes: ['ofii_language.online_since_2025'] },
    },
    {
      when: [signatories, { kind: 'levelIn', levels: ['A1'], ...levelAsk }],
      then: { status: 'eligible', code: 'ofii_language.track_a2', track: 'A2', notes: ['ofii_language.online_since_2025'] },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
