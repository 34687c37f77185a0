import { defineRule } from '../schema';

/** Assurance maladie (PUMa): regular residents; asylum seekers after three months (PASS clinics before). */
export default defineRule({
  program: 'health_coverage',
  checkedOn: '2026-11-23',
  sources: ['003_212a6d9f86037104.txt §L\'accès aux soins', 'https://www.immigration.interieur.gouv.fr/fr/Asile/L-acces-aux-soins'],
  cases: [
    {
      when: [{ kind: 'statusIn', statuses: ['bpi', 'newcomer', 'temporary_protection'] }],
      then: { status: 'eligible', code: 'health_coverage.regular_resident' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['asylum_seeker'] }, { kind: 'sinceStatus', minMonths: 3 }],
      then: { status: 'eligible', code: 'health_coverage.asylum_after_3_months' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['asylum_seeker'] }],
      then: { status: 'not_eligible', code: 'health_coverage.pass_until_3_months' },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['other'] }],
      then: { status: 'maybe', code: 'health_coverage.check_regular_residence' },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
