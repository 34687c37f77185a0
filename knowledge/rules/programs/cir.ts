import { defineRule, type Condition } from '../schema';

const signatories: Condition = { kind: 'statusIn', statuses: ['bpi', 'bpi_family', 'newcomer'] };

/**
 * CIR: signed at OFII at the *first* admission to stay (CESEDA L413-2), for one year (R413-4). Someone
 * admitted longer ago who did not sign then may ask to sign later (L413-4): the plan says so instead of
 * "you must sign". "Longer ago" is read as past the contract's one year.
 */
export default defineRule({
  program: 'cir',
  checkedOn: '2026-11-27',
  sources: [
    '002_d7fa1d1e28d3bdd7.txt §1.1',
    'https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006070158/LEGISCTA000042800844/',
    'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042776859',
    'https://www.ofii.fr/le-contrat-d-integration-republicaine/',
  ],
  // Refugies.info fiche "Sign the Republican Integration Contract (CIR)" (Ministère de l'Intérieur),
  // checked on its own page on 2026-11-27.
  refugiesInfo: { id: '695e72ee48154115afadec89', type: 'demarche', seenAt: 'https://refugies.info/en/procedure/695e72ee48154115afadec89' },
  cases: [
    {
      when: [signatories, { kind: 'flag', field: 'cir', equals: 'signed', whenUnknown: 'fail' }],
      then: { status: 'done', code: 'cir.signed' },
    },
    {
      when: [signatories, { kind: 'sinceStatus', maxMonths: 12, whenUnknown: 'pass' }],
      then: { status: 'eligible', code: 'cir.sign_at_ofii' },
    },
    { when: [signatories], then: { status: 'maybe', code: 'cir.sign_later_on_request' } },
  ],
  otherwise: { status: 'not_eligible' },
});
