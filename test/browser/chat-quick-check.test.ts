import { STEP, chatTexts, openBrowser, screenshot, serveForSuite, typeAndSend, waitForBotText } from './browser.helpers';

/** Issue 11: the quick check as an Adaptive Card in the chat, filled in part on a phone, gives a plan at once. */
jest.setTimeout(90_000);

const server = serveForSuite();

describe('the quick-check card in the chat (phone, French)', () => {
  it('is sent half filled (no age): the plan comes, with what is missing', async () => {
    const t = chatTexts('fr');
    const b = await openBrowser(server.url, { locale: 'fr-FR' });
    try {
      const { page } = b;
      await page.goto(`${server.url}/`);
      await waitForBotText(page, t('q.language'));
      await typeAndSend(page, 'vérification rapide');
      const card = page.locator('.ac-adaptiveCard').filter({ hasText: t('check.title') }).last();
      await card.waitFor({ state: 'visible', timeout: STEP });
      await card.locator('select').first().selectOption('bpi');
      await card.getByPlaceholder(t('check.placeExample')).fill('Limoges');
      await screenshot(page, 'chat-quick-check-filled');
      await card.getByRole('button', { name: t('check.submit') }).click();
      await waitForBotText(page, t('plan.intro'));
      await waitForBotText(page, t('check.missing'));
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
