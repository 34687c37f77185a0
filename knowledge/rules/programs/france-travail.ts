import { defineRule } from '../schema';

/**
 * Registration as a jobseeker: everyone with the right to work, EU citizens on an identity card; `other`
 * (EU citizen, resident, student) is in, with the reminder that a permit must allow work. Asylum seekers
 * only with an authorisation; no right to stay → no registration. Under 16 nobody may be employed (Code du travail
 * L4153-1; apprenticeship from 15 only): school is compulsory until 16.
 */
export default defineRule({
  program: 'france_travail',
  checkedOn: '2026-11-27',
  sources: [
    '003_212a6d9f86037104.txt §L\'emploi',
    'https://www.gisti.org/spip.php?article5157',
    'https://www.service-public.fr/particuliers/vosdroits/F12136',
    'https://refugies.info/fr/demarche/5dc947cebceb3c004fc43214',
    'https://juriblio.fr/codes/code-du-travail/partie-legislative/quatrieme-partie/livre-ier/titre-v/chapitre-iii/section-1',
  ],
  // Refugies.info fiche "S'inscrire à France Travail (Pôle emploi)", checked on its own page (also /uk/ and /ru/)
  // on 2026-11-27.
  refugiesInfo: { id: '5dc947cebceb3c004fc43214', type: 'demarche', seenAt: 'https://refugies.info/en/procedure/5dc947cebceb3c004fc43214' },
  cases: [
    {
      // Only a stated age under 16 decides; otherwise the guard fails and the status decides. Its code surfaces only
      // when every case fails, i.e. when the status gives no right to work: the status reason is then the right one.
      when: [{ kind: 'ageBetween', min: 0, max: 15, whenUnknown: 'fail', failCode: 'france_travail.statusIn' }],
      then: { status: 'not_eligible', code: 'france_travail.under_16' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['bpi', 'bpi_family', 'newcomer', 'temporary_protection'] }],
      then: { status: 'eligible', code: 'france_travail.right_to_work' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['other'] }],
      then: { status: 'eligible', code: 'france_travail.other_if_work_allowed' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['asylum_seeker'] }],
      then: { status: 'maybe', code: 'france_travail.work_authorisation_after_6_months' },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
