import { ProfileSchema } from '../../knowledge/contracts/profile';
import { createEngine } from '../../knowledge/orient';
import { directed, planDetails } from '../../dialogs/plan-messages';
import { textsFor } from '../../dialogs/i18n';

/** "More details" in the chat: each right with its own Refugies.info fiche, in the person's language. */
const engine = createEngine({ today: () => new Date('2026-11-23T12:00:00Z') });
const PERMIT = '5eb91481c2622f004e5fa686';

function rightsMessage(locale: 'fr' | 'ar') {
  const result = engine.orient(ProfileSchema.parse({ status: 'bpi', statusSince: '2026-09', locale }), locale);
  const texts = textsFor(locale);
  return String(planDetails(result, ['rights'], texts)[0]!.text);
}

describe('rights in the chat', () => {
  it('link the program fiche, labelled, in the locale', () => {
    const fr = rightsMessage('fr');
    expect(fr).toContain(`[${textsFor('fr').t('card.fiche')}](https://refugies.info/fr/demarche/${PERMIT})`);
  });

  it('keep the address whole in right-to-left text (no isolate inside it)', () => {
    const ar = rightsMessage('ar');
    expect(ar).toContain(`](https://refugies.info/ar/procedure/${PERMIT})`);
    expect(directed('- 01 42 500 900 → [x](https://refugies.info/ar/procedure/5dc947cebceb3c004fc43214)', 'ar')).toBe(
      '- \u200f\u206601 42 500 900\u2069 → [x](https://refugies.info/ar/procedure/5dc947cebceb3c004fc43214)',
    );
  });
});
