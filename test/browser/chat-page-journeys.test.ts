import { STEP, activities, answer, chatTexts, openBrowser, readStorage, screenshot, serveForSuite, tapSuggested, typeAndSend, waitForBotText } from './browser.helpers';

jest.setTimeout(90_000);

const server = serveForSuite();

describe('the chat page follows what the person does in the chat', () => {
  it('turns right-to-left, in Arabic, when Arabic is chosen by a button inside the chat (same conversation)', async () => {
    const fr = chatTexts('fr');
    const ar = chatTexts('ar');
    const b = await openBrowser(server.url, { locale: 'fr-FR' });
    try {
      const { page } = b;
      await page.goto(`${server.url}/`);
      await page.locator('html[lang="fr"][dir="ltr"]').waitFor({ state: 'attached' });
      await waitForBotText(page, fr('q.language'));
      const conversation = (await readStorage(page)).conversation!.conversationId;

      await tapSuggested(page, ar('language.name'));
      await page.locator('html[lang="ar"][dir="rtl"]').waitFor({ state: 'attached', timeout: STEP });
      await waitForBotText(page, ar('q.status'));
      // Web Chat itself follows: right to left, Arabic placeholder; the picker says Arabic too.
      await page.locator('.webchat [dir="rtl"]').first().waitFor({ state: 'attached', timeout: STEP });
      expect(await page.locator('.webchat__send-box textarea').first().getAttribute('placeholder')).toBe('اكتب رسالتك');
      expect(await page.locator('#language').inputValue()).toBe('ar');
      // Same conversation: the French welcome is still above.
      expect((await readStorage(page)).conversation!.conversationId).toBe(conversation);
      expect(await activities(page).filter({ hasText: fr('q.language').slice(0, 20) }).count()).toBeGreaterThan(0);
      await screenshot(page, 'journey-ar-switched');

      // A reload resumes it, in Arabic.
      await page.reload();
      await page.locator('html[lang="ar"][dir="rtl"]').waitFor({ state: 'attached', timeout: STEP });
      await waitForBotText(page, ar('q.status'));
      expect((await readStorage(page)).conversation!.conversationId).toBe(conversation);
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('erase asks first, then clears the page and offers a new start', async () => {
    const fr = chatTexts('fr');
    const b = await openBrowser(server.url, { locale: 'fr-FR' });
    try {
      const { page } = b;
      await page.goto(`${server.url}/`);
      await answer(page, fr('q.language'), fr('language.name'));
      await answer(page, fr('q.status'), fr('choice.status.bpi'));
      await waitForBotText(page, fr('q.statusSince.bpi'));
      const before = await readStorage(page);

      await typeAndSend(page, 'effacer');
      await answer(page, fr('q.eraseConfirm'), fr('choice.erase.keep'));
      await waitForBotText(page, fr('erase.kept'));
      await typeAndSend(page, 'effacer');
      await answer(page, fr('q.eraseConfirm'), fr('choice.erase.confirm'), 2);

      // The transcript is gone from the page, and so are the person's id and conversation.
      const restart = page.getByRole('button', { name: fr('choice.startAgain') });
      await restart.waitFor({ state: 'visible', timeout: STEP });
      await page.getByText(fr('erased')).waitFor({ state: 'visible' });
      expect(await activities(page).count()).toBe(0);
      expect(await readStorage(page)).toEqual({ userId: null, conversation: null });
      await screenshot(page, 'journey-erased');

      await restart.click();
      await waitForBotText(page, fr('q.language'));
      const after = await readStorage(page);
      expect(after.userId).not.toBe(before.userId);
      expect(after.conversation!.conversationId).not.toBe(before.conversation!.conversationId);
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('reads the last message aloud with the device\'s own voice for the language, and offers it only where there is one', async () => {
    const fr = chatTexts('fr');
    const b = await openBrowser(server.url, { locale: 'fr-FR' });
    try {
      const { page } = b;
      // The device's speech engine, as the page sees it: a French voice only (headless Chromium has none).
      await b.context.addInitScript(() => {
        const spoken: Array<{ text: string; lang: string }> = [];
        const w = window as unknown as Record<string, unknown>;
        w.__spoken = spoken;
        w.SpeechSynthesisUtterance = class {
          text: string;
          lang = '';
          voice: unknown = null;
          constructor(text: string) {
            this.text = text;
          }
        };
        const voices = [{ lang: 'fr-FR', name: 'Voix de test' }];
        Object.defineProperty(window, 'speechSynthesis', {
          configurable: true,
          value: { getVoices: () => voices, cancel: () => undefined, speak: (u: { text: string; lang: string }) => spoken.push({ text: u.text, lang: u.lang }), addEventListener: () => undefined },
        });
      });
      await page.goto(`${server.url}/`);
      await waitForBotText(page, fr('q.language'));
      const listen = page.getByRole('button', { name: 'Écouter le dernier message' });
      await listen.click();
      const spoken = await page.evaluate(() => (window as unknown as { __spoken: Array<{ text: string; lang: string }> }).__spoken);
      expect(spoken).toHaveLength(1);
      expect(spoken[0]!.lang).toBe('fr-FR');
      expect(spoken[0]!.text).toContain(fr('q.language'));

      // No Arabic voice on this device: no button in Arabic.
      await page.selectOption('#language', 'ar');
      await page.locator('html[lang="ar"]').waitFor({ state: 'attached' });
      await page.waitForTimeout(500);
      expect(await page.locator('#listen').isHidden()).toBe(true);
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
