import { defineRule } from '../schema';

/**
 * Social housing (HLM) needs a regular and permanent stay, proven by a document on the arrêté's list
 * (refugees from their first "reconnu réfugié" receipt). An asylum claim certificate is not one: asylum
 * seekers are housed through OFII's national reception system (DNA), and anyone without a roof calls the
 * 115 (emergency shelter has no condition of status, CASF L345-2-2). Temporary protection and `other`
 * depend on the document held: the person checks it with the town hall or the landlord.
 */
export default defineRule({
  program: 'social_housing',
  checkedOn: '2026-11-27',
  sources: [
    '003_212a6d9f86037104.txt §Le logement',
    'https://www.service-public.fr/particuliers/vosdroits/F869',
    'https://defendstesdroits.fr/blog-posts/logement-social-quel-titre-de-sejour-est-requis',
    'https://ash.tm.fr/numeros-juridiques/2952/laccueil-des-demandeurs-dasile/lhebergement-des-demandeurs-dasile/le-dispositif-national-daccueil-des-demandeurs-dasile-506409.php',
    'https://guide.comede.org/hebergement-et-logement/',
  ],
  // Refugies.info fiche "Apply for social housing (HLM)", checked on its own page on 2026-11-27.
  refugiesInfo: { id: '5dc54940bceb3c004fc430d8', type: 'demarche', seenAt: 'https://refugies.info/en/procedure/5dc54940bceb3c004fc430d8' },
  cases: [
    {
      when: [{ kind: 'statusIn', statuses: ['bpi', 'bpi_family', 'newcomer'] }],
      then: { status: 'eligible', code: 'social_housing.regular_stay' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['temporary_protection', 'other'] }],
      then: { status: 'maybe', code: 'social_housing.check_document' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['asylum_seeker'] }],
      then: { status: 'not_eligible', code: 'social_housing.asylum_route_ofii' },
    },
  ],
  otherwise: { status: 'not_eligible', code: 'social_housing.emergency_115' },
});
