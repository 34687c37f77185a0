import { defineRule } from '../schema';

/**
 * Mission locale and the Contrat d'engagement jeune: 16–25, under 30 with a recognised disability, for young
 * people with the right to work, `other` included (EU citizens, residents, students within their work limits).
 */
export default defineRule({
  program: 'mission_locale',
  checkedOn: '2026-11-27',
  sources: ['003_212a6d9f86037104.txt §L\'emploi', 'https://www.service-public.fr/particuliers/vosdroits/F32700'],
  cases: [
    {
      when: [
        { kind: 'statusIn', statuses: ['bpi', 'bpi_family', 'newcomer', 'temporary_protection', 'other'] },
        { kind: 'ageBetween', min: 16, max: 25, maxWithDisability: 29 },
      ],
      then: { status: 'eligible', code: 'mission_locale.young_with_right_to_work' },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
