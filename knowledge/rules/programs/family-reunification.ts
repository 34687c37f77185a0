import { defineRule } from '../schema';

/**
 * Family reunification: a refugee, a subsidiary-protection holder or a stateless person may be joined by the spouse
 * or partner of a union older than the asylum claim and their unmarried children up to 19, with no condition of
 * length of stay, income or housing; the family asks for a long-stay visa at the French embassy where it lives.
 * A union after the claim goes through OFII's regroupement familial, with those conditions (OFPRA).
 */
export default defineRule({
  program: 'family_reunification',
  checkedOn: '2026-11-27',
  sources: [
    'https://ofpra.gouv.fr/reunification-familiale',
    'https://www.service-public.fr/particuliers/vosdroits/F35158',
    'https://www.immigration.interieur.gouv.fr/Immigration/L-immigration-familiale/Le-sejour-de-la-famille-des-refugies-des-proteges-subsidiaires-et-des-apatrides',
  ],
  // Refugies.info fiche "The family reunification process", checked on its own page on 2026-11-27.
  refugiesInfo: { id: '5e3d2572ca16ad0056c9dc48', type: 'demarche', seenAt: 'https://refugies.info/en/procedure/5e3d2572ca16ad0056c9dc48' },
  cases: [
    {
      when: [{ kind: 'statusIn', statuses: ['bpi'] }],
      then: { status: 'eligible', code: 'family_reunification.family_abroad', notes: ['family_reunification.declared_to_ofpra'] },
    },
  ],
  otherwise: { status: 'not_eligible' },
});
