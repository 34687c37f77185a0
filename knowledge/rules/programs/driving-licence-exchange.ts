import { defineRule } from '../schema';

/** A foreign licence can be exchanged if asked within one year, and only with an agreement country. */
export default defineRule({
  program: 'driving_licence_exchange',
  checkedOn: '2026-11-23',
  sources: ['003_212a6d9f86037104.txt §La mobilité', 'https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000045807221'],
  notModeled: ['driving_licence_exchange.agreement_country'],
  cases: [
    {
      when: [
        { kind: 'statusIn', statuses: ['bpi', 'newcomer'] },
        { kind: 'flag', field: 'foreignLicence', equals: true },
        { kind: 'sinceStatus', maxMonths: 12 },
      ],
      then: { status: 'eligible', code: 'driving_licence_exchange.within_one_year' },
    },
  ],
  otherwise: { status: 'not_eligible', code: 'driving_licence_exchange.take_french_licence' },
});
