import { defineRule, type Condition } from '../schema';

const notInMayotte: Condition = { kind: 'departmentNotIn', codes: ['976'], whenUnknown: 'pass' };

/**
 * Complémentaire santé solidaire (C2S, ex-CMU-C/CSS): for people covered by the Assurance maladie whose income is
 * under a ceiling; free or less than 1 € a day per person; one request for the household (ameli). Asylum seekers
 * may ask after 3 months in France, their children and asylum seekers under 18 at once (gisti); in Mayotte asylum seekers have no PUMa, hence no C2S,
 * while insured residents have it at the CSSM since 1 January 2024. No right to stay: the AME, not the C2S.
 */
export default defineRule({
  program: 'complementary_health',
  checkedOn: '2026-11-27',
  sources: [
    'https://www.ameli.fr/assure/droits-demarches/difficultes-acces-droits-soins/complementaire-sante/complementaire-sante-beneficiaires',
    'https://www.service-public.fr/particuliers/vosdroits/F10027',
    'https://complementaire-sante-solidaire.gouv.fr/node/185',
    'https://www.gisti.org/spip.php?article5156',
  ],
  // Refugies.info fiche "Obtain complementary health insurance" (the C2S), checked on its own page on 2026-11-27.
  refugiesInfo: { id: '6051e8eebf0a6d0014ee6809', type: 'demarche', seenAt: 'https://refugies.info/en/procedure/6051e8eebf0a6d0014ee6809' },
  notModeled: ['complementary_health.income_ceiling'],
  cases: [
    {
      when: [{ kind: 'statusIn', statuses: ['bpi', 'bpi_family', 'newcomer', 'temporary_protection'] }],
      then: { status: 'eligible', code: 'complementary_health.insured_low_income' },
    },
    {
      // The age guard's code only surfaces when every case fails, which an asylum seeker never does.
      when: [
        { kind: 'statusIn', statuses: ['asylum_seeker'] },
        notInMayotte,
        { kind: 'ageBetween', min: 0, max: 17, whenUnknown: 'fail', failCode: 'complementary_health.statusIn' },
      ],
      then: { status: 'eligible', code: 'complementary_health.asylum_minor_at_once' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['asylum_seeker'] }, notInMayotte, { kind: 'sinceArrival', minMonths: 3 }],
      then: { status: 'eligible', code: 'complementary_health.asylum_after_3_months' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['asylum_seeker'] }, notInMayotte],
      then: { status: 'not_eligible', code: 'complementary_health.children_at_once_adults_after_3_months' },
    },
    { when: [{ kind: 'statusIn', statuses: ['no_right_to_stay'] }], then: { status: 'not_eligible', code: 'complementary_health.ame_instead' } },
    { when: [{ kind: 'statusIn', statuses: ['other'] }], then: { status: 'maybe', code: 'complementary_health.check_regular_residence' } },
  ],
  otherwise: { status: 'not_eligible' },
});
