import { defineRule, type Condition } from '../schema';

const protectedPerson: Condition = { kind: 'statusIn', statuses: ['bpi'] };
// "First admission" read as within 12 months of the status date, as for the CIR (README); unknown date → the first card.
const firstYear: Condition = { kind: 'sinceStatus', maxMonths: 12, whenUnknown: 'pass' };
const protection = (p: 'refugee' | 'subsidiary' | 'stateless'): Condition => ({ kind: 'protectionIn', protections: [p], whenUnknown: 'fail' });
const notes = ['residence_permit.no_language_condition', 'residence_permit.travel_document'];

/**
 * The préfecture step after protection. Refugees: a 10-year resident card by right (CESEDA L424-1), issued within 3
 * months of the decision (R424-1); subsidiary protection and stateless people: a multi-year card of up to 4 years
 * from the first admission (L424-9, L424-18). Their spouse, partner and children (at 18) get the same card (L424-3,
 * L424-11, L424-19). None of these cards is on L413-7's list (French level and civic exam since 2026). The receipt
 * given meanwhile allows work. To travel: a travel document from the préfecture, never valid for the country fled.
 */
export default defineRule({
  program: 'residence_permit',
  checkedOn: '2026-11-27',
  sources: [
    'https://www.legifrance.gouv.fr/codes/id/LEGIARTI000042776581/2021-05-01/',
    'https://legal.tricoteuses.fr/articles/LEGIARTI000042807154',
    'https://legal.tricoteuses.fr/articles/JORFARTI000042755718',
    'https://circulaires.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042776540',
    'https://legal.tricoteuses.fr/articles/LEGIARTI000049052366',
    'https://www.immigration.interieur.gouv.fr/fr/Asile/Les-droits-des-beneficiaires-d-une-protection/Le-sejour-en-France',
    'https://refugies.info/fr/demarche/5eb91481c2622f004e5fa686',
    'https://www.service-public.fr/particuliers/vosdroits/F15401',
    'https://www.service-public.fr/particuliers/vosdroits/F2689',
  ],
  // Refugies.info fiche "Getting your residence permit", checked on its own page on 2026-11-27.
  refugiesInfo: { id: '5eb91481c2622f004e5fa686', type: 'demarche', seenAt: 'https://refugies.info/en/procedure/5eb91481c2622f004e5fa686' },
  cases: [
    { when: [protectedPerson, protection('refugee'), firstYear], then: { status: 'eligible', code: 'residence_permit.refugee_resident_card', notes } },
    { when: [protectedPerson, protection('subsidiary'), firstYear], then: { status: 'eligible', code: 'residence_permit.subsidiary_multi_year_card', notes } },
    { when: [protectedPerson, protection('stateless'), firstYear], then: { status: 'eligible', code: 'residence_permit.stateless_multi_year_card', notes } },
    // The conversation does not ask which protection: name both cards rather than hold the step back.
    { when: [protectedPerson, firstYear], then: { status: 'eligible', code: 'residence_permit.card_by_protection', notes } },
    {
      when: [{ kind: 'statusIn', statuses: ['bpi_family'] }, firstYear],
      then: { status: 'eligible', code: 'residence_permit.family_same_card', notes: ['residence_permit.no_language_condition'] },
    },
    { when: [{ kind: 'statusIn', statuses: ['bpi', 'bpi_family'] }], then: { status: 'maybe', code: 'residence_permit.renew_before_end' } },
  ],
  otherwise: { status: 'not_eligible' },
});
