import { defineRule, type Condition } from '../schema';

const insured: Condition = { kind: 'statusIn', statuses: ['bpi', 'bpi_family', 'newcomer', 'temporary_protection'] };
const inMayotte: Condition = { kind: 'departmentIn', codes: ['976'], whenUnknown: 'fail' };
// Guadeloupe, Martinique, Guyane, La Réunion: the CGSS is the health insurer, not a CPAM.
const inCgssDepartment: Condition = { kind: 'departmentIn', codes: ['971', '972', '973', '974'], whenUnknown: 'fail' };
const threeMonthsInFrance: Condition = { kind: 'sinceArrival', minMonths: 3 };
// Only a stated age under 18 counts; the code only surfaces when every case fails, which a status listed here never does.
const minor: Condition = { kind: 'ageBetween', min: 0, max: 17, whenUnknown: 'fail', failCode: 'health_coverage.statusIn' };

/**
 * Health cover. Regular residents: PUMa (CPAM; CGSS overseas). Asylum seekers: PUMa after 3 months of
 * residence in France, counted from arrival (any proof), not from the claim; before that, urgent care at the
 * hospital; children at once (ameli). No right to stay: AME after 3 months, urgent care before. Mayotte has
 * neither PUMa nor AME: its own scheme, run by the CSSM, for regular residents. Minors wait for nothing: an asylum
 * seeker under 18 has the PUMa at once (gisti, "Demander l'asile en France" §6; CPAM de Maine-et-Loire), and a minor
 * without papers the AME at once (CE 7 June 2006 n° 285576, circulaire of 7 January 2008; CGSS Guyane).
 */
export default defineRule({
  program: 'health_coverage',
  checkedOn: '2026-11-27',
  sources: [
    'https://www.ameli.fr/assure/droits-demarches/europe-international/protection-sociale-france/demandeur-d-asile',
    'https://www.service-public.fr/particuliers/vosdroits/F3079',
    'https://welcometofrance.com/fiche/le-regime-de-securite-sociale-a-mayotte',
    '003_212a6d9f86037104.txt §L\'accès aux soins',
    'https://www.gisti.org/spip.php?article5156',
    'https://www.cgss-guyane.fr/assures/mes-demarches/ame/',
  ],
  cases: [
    { when: [insured, inMayotte], then: { status: 'eligible', code: 'health_coverage.mayotte_cssm' } },
    { when: [insured, inCgssDepartment], then: { status: 'eligible', code: 'health_coverage.regular_resident_cgss' } },
    { when: [insured], then: { status: 'eligible', code: 'health_coverage.regular_resident' } },
    {
      when: [{ kind: 'statusIn', statuses: ['asylum_seeker', 'no_right_to_stay'] }, inMayotte],
      then: { status: 'maybe', code: 'health_coverage.mayotte_no_puma_no_ame' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['asylum_seeker'] }, minor],
      then: { status: 'eligible', code: 'health_coverage.asylum_minor_at_once' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['no_right_to_stay'] }, minor],
      then: { status: 'eligible', code: 'health_coverage.ame_minor_at_once' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['asylum_seeker'] }, threeMonthsInFrance],
      then: { status: 'eligible', code: 'health_coverage.asylum_after_3_months' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['no_right_to_stay'] }, threeMonthsInFrance],
      then: { status: 'eligible', code: 'health_coverage.ame_after_3_months', notes: ['health_coverage.ame_resources'] },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['asylum_seeker', 'no_right_to_stay'] }],
      then: { status: 'not_eligible', code: 'health_coverage.urgent_care_first_3_months' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['other'] }],
      then: { status: 'maybe', code: 'health_coverage.check_regular_residence' },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
