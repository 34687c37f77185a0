import { join } from 'node:path';
import { SCREENSHOTS, STEP, chatTexts, completeConversation, expectFirstScreenReadable, openAndPick, openBrowser, screenshot, serveForSuite, waitForBotText } from './browser.helpers';

jest.setTimeout(90_000);

const server = serveForSuite();

const ARABIC = /[\u0600-\u06FF]/;

describe('the chat page in Arabic', () => {
  it('(2) runs right-to-left in Arabic script, by taps, up to the plan cards', async () => {
    const t = chatTexts('ar');
    const b = await openBrowser(server.url, { locale: 'fr-FR' });
    try {
      const { page } = b;
      await openAndPick(page, server.url, 'fr', 'ar');
      await waitForBotText(page, t('welcome.hello'));

      // Web Chat got dir="rtl": its root carries it and texts are laid out right to left.
      const rtlRoot = page.locator('.webchat [dir="rtl"]').first();
      await rtlRoot.waitFor({ state: 'attached', timeout: STEP });
      const layout = await page.evaluate(() => {
        const text = document.querySelector('.webchat__basic-transcript__activity .webchat__text-content') as HTMLElement;
        const style = getComputedStyle(text);
        const box = text.getBoundingClientRect();
        const transcript = (document.querySelector('.webchat__basic-transcript') as HTMLElement).getBoundingClientRect();
        return {
          direction: style.direction,
          textAlign: style.textAlign,
          htmlDir: document.documentElement.dir,
          // The bot's bubble hugs the right edge in RTL.
          rightGap: transcript.right - box.right,
          leftGap: box.left - transcript.left,
        };
      });
      expect(layout.htmlDir).toBe('rtl');
      expect(layout.direction).toBe('rtl');
      expect(['start', 'right']).toContain(layout.textAlign);
      expect(layout.rightGap).toBeLessThan(layout.leftGap + 1);
      expect(await page.locator('.webchat__send-box textarea').first().getAttribute('placeholder')).toBe('اكتب رسالتك');
      await screenshot(page, 'ar-1-welcome');

      await completeConversation(page, 'ar');
      await waitForBotText(page, t('plan.intro'));

      // Bot messages are in Arabic script (the French fallback would not be).
      const botTexts = await page.locator('.webchat__basic-transcript__activity .webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__text-content').allInnerTexts();
      expect(botTexts.length).toBeGreaterThan(5);
      const arabic = botTexts.filter((x) => ARABIC.test(x));
      expect(arabic.length).toBeGreaterThanOrEqual(botTexts.length - 1);

      const cards = page.locator('.webchat__basic-transcript .ac-adaptiveCard');
      await cards.first().waitFor({ state: 'visible', timeout: STEP });
      expect(await cards.count()).toBeGreaterThan(0);
      expect((await cards.first().locator('.ac-textBlock').first().innerText()).trim().length).toBeGreaterThan(2);
      const buttons = await cards.locator('button').allInnerTexts();
      expect(buttons.some((x) => x.includes(t('card.fiche')))).toBe(true);
      await waitForBotText(page, t('q.planMenu'));
      await expectFirstScreenReadable(page, t('plan.now'));
      await screenshot(page, 'ar-2-plan');
      await cards.first().screenshot({ path: join(SCREENSHOTS, 'ar-2-first-card.png') });

      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
      expect(await b.cspViolations()).toEqual([]);
      expect(b.foreignRequests).toEqual([]);
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
