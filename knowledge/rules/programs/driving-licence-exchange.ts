import { defineRule, type Condition } from '../schema';

const hasLicence: Condition = { kind: 'flag', field: 'foreignLicence', equals: true };
const withinOneYear: Condition = { kind: 'sinceStatus', maxMonths: 12 };

/**
 * A foreign licence is recognised for one year and can be exchanged if asked within it, only for a licence
 * of a State whose licences France exchanges (arrêté of 12 January 2012, art. 5). Since the arrêté of
 * 9 April 2019 this holds for refugees, stateless people and subsidiary protection too: their exemption
 * from reciprocity was removed. Article 11 (version since 18 May 2022) still gives them two things: the
 * year runs from the receipt "reconnu réfugié" / "protection subsidiaire" / stateless, and the licence
 * need not still be valid. A refugee need not get the licence authenticated by the State he fled (CE 2007).
 */
export default defineRule({
  program: 'driving_licence_exchange',
  checkedOn: '2026-11-27',
  sources: [
    'https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000045807221',
    'https://securibase.com/securibase/public/fiche/24227/27504',
    'https://securibase.com/securibase/public/fiche/24483/27796',
    'https://lexbase.fr/article-juridique/3223668-breves-la-procedure-prevue-pour-authentifier-un-titre-de-conduite-etranger-nest-pas-applicable-a-une',
    '003_212a6d9f86037104.txt §La mobilité',
  ],
  // Refugies.info fiche "Driver's licence exchange", checked on its own page on 2026-11-27.
  refugiesInfo: { id: '5dc53daebceb3c004fc43060', type: 'demarche', seenAt: 'https://refugies.info/en/procedure/5dc53daebceb3c004fc43060' },
  notModeled: ['driving_licence_exchange.agreement_country'],
  cases: [
    {
      when: [{ kind: 'statusIn', statuses: ['bpi'] }, hasLicence, withinOneYear],
      then: {
        status: 'eligible',
        code: 'driving_licence_exchange.within_one_year_of_protection',
        notes: ['driving_licence_exchange.bpi_validity_not_required'],
      },
    },
    {
      when: [{ kind: 'statusIn', statuses: ['newcomer', 'bpi_family'] }, hasLicence, withinOneYear],
      then: { status: 'eligible', code: 'driving_licence_exchange.within_one_year' },
    },
  ],
  otherwise: { status: 'not_eligible', code: 'driving_licence_exchange.take_french_licence' },
});
