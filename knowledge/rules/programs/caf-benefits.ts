import { defineRule } from '../schema';

/**
 * The CAF (MSA for farm workers): housing aid, family benefits and the RSA. The RSA asks non-EU nationals
 * for five years of a permit allowing work, but not refugees, stateless people, subsidiary protection nor
 * resident-card holders (CASF L262-4); it starts at 25 unless the person has a child or is pregnant. Asylum
 * seekers get the ADA from OFII instead. Other permits and temporary protection: the CAF checks the document.
 */
export default defineRule({
  program: 'caf_benefits',
  checkedOn: '2026-11-27',
  sources: [
    'https://www.service-public.fr/particuliers/vosdroits/F15553',
    'https://www.lagazettedescommunes.com/477547/rsa-quel-mecanisme-pour-les-couples-dont-lun-des-conjoints-dispose-dun-titre-de-sejour-depuis-moins-de-cinq-ans',
    'https://www.immigration.interieur.gouv.fr/Asile/Les-droits-des-beneficiaires-d-une-protection/Les-droits-sociaux',
  ],
  // Refugies.info fiche "Register and request assistance from CAF", checked on its own page on 2026-11-27.
  refugiesInfo: { id: '60e4649a5f46ee00146d570f', type: 'demarche', seenAt: 'https://refugies.info/en/procedure/60e4649a5f46ee00146d570f' },
  notModeled: ['caf_benefits.resources_and_age'],
  cases: [
    {
      when: [{ kind: 'statusIn', statuses: ['bpi'] }],
      then: { status: 'eligible', code: 'caf_benefits.bpi_no_five_year_wait' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['bpi_family', 'newcomer'] }],
      then: { status: 'eligible', code: 'caf_benefits.housing_and_family', notes: ['caf_benefits.rsa_depends_on_permit'] },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['temporary_protection', 'other'] }],
      then: { status: 'maybe', code: 'caf_benefits.check_document' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['asylum_seeker'] }],
      then: { status: 'not_eligible', code: 'caf_benefits.asylum_ada_ofii' },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
