import { defineRule, type Condition } from '../schema';

const asylumSeeker: Condition = { kind: 'statusIn', statuses: ['asylum_seeker'] };
// Paris and the seven departments around it: the SPADA appointment is first asked by phone to OFII.
const ILE_DE_FRANCE = ['75', '77', '78', '91', '92', '93', '94', '95'];

/**
 * Asylum reception. Before the claim is registered: the SPADA gives the appointment at the GUDA (préfecture
 * and OFII), except in Île-de-France where OFII's phone platform gives the SPADA appointment first. In the
 * Val-d'Oise an "Espace France Asile" (with OFPRA) replaced the GUDA in May 2025. Once the claim is
 * registered (the conversation asks its month), "go first to the SPADA" is wrong: the person follows the
 * claim (attestation renewed at the préfecture, mail at the address of domiciliation, OFPRA's letters).
 * An unaccompanied minor's claim: the procureur names an administrateur ad hoc who assists and represents the minor
 * in the procedures, and the département is told so as to protect the minor (CESEDA L521-9, L521-12); the préfet
 * registers the claim and completes it in the presence of the legal representative (R521-18).
 */
export default defineRule({
  program: 'asylum_support',
  checkedOn: '2026-11-27',
  sources: [
    'https://gisti.org/spip.php?article6271',
    'https://www.forumrefugies.org/s-informer/publications/articles-d-actualites/en-france/1771-acces-a-la-procedure-d-asile-premiers-retours-sur-le-dispositif-pilote-france-asile',
    'https://lacimade.org/droit-dasile-mise-en-place-des-poles-territoriaux-france-asile',
    'https://www.forumrefugies.org/nos-actions/en-france/demandeurs-d-asile/premier-accueil',
    'https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006070158/LEGISCTA000042772216/',
  ],
  cases: [
    {
      // The two guards' codes only surface when every case fails, i.e. for someone not asking for asylum.
      when: [
        asylumSeeker,
        { kind: 'flag', field: 'unaccompanied', equals: true, whenUnknown: 'fail', failCode: 'asylum_support.statusIn' },
        { kind: 'ageBetween', min: 0, max: 17, whenUnknown: 'pass', failCode: 'asylum_support.statusIn' },
      ],
      then: { status: 'eligible', code: 'asylum_support.unaccompanied_minor_ad_hoc' },
    },
    {
      // The month of registration is only known once the claim is registered.
      when: [asylumSeeker, { kind: 'sinceStatus', whenUnknown: 'fail' }],
      then: { status: 'eligible', code: 'asylum_support.registered_follow_claim' },
    },
    {
      when: [asylumSeeker, { kind: 'departmentIn', codes: ['95'], whenUnknown: 'fail' }],
      then: { status: 'eligible', code: 'asylum_support.idf_ofii_phone_first', notes: ['asylum_support.france_asile_val_d_oise'] },
    },
    {
      when: [asylumSeeker, { kind: 'departmentIn', codes: ILE_DE_FRANCE, whenUnknown: 'fail' }],
      then: { status: 'eligible', code: 'asylum_support.idf_ofii_phone_first' },
    },
    { when: [asylumSeeker], then: { status: 'eligible', code: 'asylum_support.spada_first' } },
  ],
  otherwise: { status: 'not_eligible' },
});
