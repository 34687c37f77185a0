import { defineRule, type Condition } from '../schema';

const signatories: Condition = { kind: 'statusIn', statuses: ['bpi', 'newcomer'] };
const levelAsk = { askCode: 'ofii_language.level_set_at_signature', failCode: 'ofii_language.beyond_ofii' } as const;

/** The CIR language training: track by level; the 600 h classroom track for people who cannot read or write. */
export default defineRule({
  program: 'ofii_language',
  checkedOn: '2026-11-23',
  sources: ['002_d7fa1d1e28d3bdd7.txt §3.5', 'https://www.ofii.fr/le-contrat-d-integration-republicaine/'],
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
      then: { status: 'eligible', code: 'ofii_language.track_a2', track: 'A2' },
    },
    {
      when: [signatories, { kind: 'levelIn', levels: ['A2'], ...levelAsk }],
      then: { status: 'eligible', code: 'ofii_language.track_b1', track: 'B1' },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
