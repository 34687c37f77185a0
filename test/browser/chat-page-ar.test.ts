import { join } from 'node:path';
import { SCREENSHOTS, STEP, chatTexts, completeConversation, expectFirstScreenReadable, openAndPick, openBrowser, screenshot, serveForSuite, tapSuggested, waitForBotText } from './browser.helpers';

jest.setTimeout(90_000);

// With the France services list imported, as `npm start` serves it: the plan's cards then have phones.
const server = serveForSuite({}, { offices: true });

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

      // "More details": the other places, France services among them with their phones. A phone number inside
      // Arabic text reads in its own order: "05 55 …" shows its groups left to right, as dialled (without the
      // isolates the bidi algorithm would show "… 55 05"), on the cards and on their Call buttons.
      await tapSuggested(page, t('choice.plan.more'));
      await waitForBotText(page, t('plan.morePlaces'));
      await page.locator('.ac-adaptiveCard button', { hasText: /\d{2} \d{2} \d{2}/ }).first().waitFor({ state: 'attached', timeout: STEP });
      const phones = await page.evaluate(() => {
        const found: { text: string; lefts: number[] }[] = [];
        const walker = document.createTreeWalker(document.querySelector('.webchat__basic-transcript')!, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          if (!node.parentElement?.closest('.ac-adaptiveCard')) continue;
          for (const phone of node.data.matchAll(/\d{2}(?: \d{2}){4}/g)) {
            const lefts = [...phone[0].matchAll(/\d{2}/g)].map((group) => {
              const range = document.createRange();
              range.setStart(node, phone.index + group.index);
              range.setEnd(node, phone.index + group.index + 2);
              return range.getBoundingClientRect().left;
            });
            found.push({ text: phone[0], lefts });
          }
        }
        return found;
      });
      expect(phones.length).toBeGreaterThan(0);
      for (const { text, lefts } of phones) expect({ text, ordered: lefts.every((x, i) => i === 0 || x > lefts[i - 1]!) }).toEqual({ text, ordered: true });

      // An address keeps its order too: "5 rue …, 87100 Limoges" shows the street number before the postcode.
      const addresses = await page.evaluate(() => {
        const found: { text: string; number: number; postcode: number }[] = [];
        const walker = document.createTreeWalker(document.querySelector('.webchat__basic-transcript')!, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          const m = /📍\s*\u2066?(\d+)[^\n]*?(\d{5})/u.exec(node.data);
          if (!m || !node.parentElement?.closest('.ac-adaptiveCard')) continue;
          const left = (start: number, length: number) => {
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + length);
            return range.getBoundingClientRect().left;
          };
          const numberAt = m.index + m[0].indexOf(m[1]!);
          const postcodeAt = m.index + m[0].lastIndexOf(m[2]!);
          found.push({ text: m[0], number: left(numberAt, m[1]!.length), postcode: left(postcodeAt, 5) });
        }
        return found;
      });
      expect(addresses.length).toBeGreaterThan(0);
      for (const a of addresses) expect({ text: a.text, numberFirst: a.number < a.postcode }).toEqual({ text: a.text, numberFirst: true });
      await screenshot(page, 'ar-3-more-places');
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
