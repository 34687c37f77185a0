import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { STEP, chatTexts, completeConversation, openAndPick, openBrowser, screenshot, serve, tapSuggested, waitForBotText, type Served } from './browser.helpers';
import { profileOf } from './pages.helpers';

/**
 * Issue 11: from the chat's plan, the bilingual summary to print or to open on the person's phone. The answers go
 * from the server to the page in a response body and on to /summary in the address's fragment: never in a URL
 * the server sees, never in its log, never written down again.
 */
jest.setTimeout(120_000);

let server: Served;
beforeAll(async () => {
  server = await serve();
});
afterAll(async () => {
  await server?.close();
});

function storedText(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? storedText(path) : readFileSync(path, 'utf8')))
    .join('\n');
}

describe('the printable summary from the chat (phone, Arabic)', () => {
  it('opens from the menu in a new tab, bilingual with the Arabic column right to left, its answers only in the fragment', async () => {
    const t = chatTexts('ar');
    const b = await openBrowser(server.url, { locale: 'fr-FR' });
    const urls: string[] = [];
    b.context.on('request', (request) => urls.push(request.url()));
    try {
      const { page, context } = b;
      await openAndPick(page, server.url, 'fr', 'ar');
      await completeConversation(page, 'ar');
      await waitForBotText(page, t('q.planMenu'));
      await tapSuggested(page, t('choice.plan.menu'));
      await waitForBotText(page, t('q.menu'));
      await tapSuggested(page, t('choice.menu.summary'));
      await waitForBotText(page, t('summary.ready'));

      // The page's notice, in Arabic, with its button.
      const notice = page.locator('#notice');
      await notice.waitFor({ state: 'visible', timeout: STEP });
      const strings = JSON.parse(readFileSync(join(__dirname, '..', '..', 'locales', 'ar', 'webchat.json'), 'utf8')) as { page: Record<string, string> };
      expect(await page.locator('#notice-text').innerText()).toBe(strings.page.summaryReady);
      await screenshot(page, 'chat-summary-notice-ar');
      const [tab] = await Promise.all([context.waitForEvent('page'), page.locator('#notice-action').click()]);
      await tab!.waitForURL(/\/summary#/, { timeout: STEP });
      await tab!.locator('#sheet:not([aria-busy])').waitFor({ timeout: STEP });
      const fragment = new URL(tab!.url()).hash;
      expect(profileOf(fragment)).toMatchObject({ status: 'bpi', cir: 'signed', frenchLevel: 'A2', location: { inseeCode: '87085' }, locale: 'ar' });
      expect(await tab!.locator('.col').evaluateAll((cols) => cols.map((c) => `${c.getAttribute('lang')} ${c.getAttribute('dir')}`))).toEqual(['ar rtl', 'fr ltr']);
      expect(await tab!.locator('.col-fr .situation').innerText()).toContain('Limoges');
      await screenshot(tab!, 'chat-summary-ar');

      // Privacy: no URL the browser asked for carries the answers; the server neither logged nor stored them again.
      const encoded = fragment.slice(1);
      expect(urls.filter((u) => u.includes(encoded) && !u.startsWith(`${server.url}/summary#`))).toEqual([]);
      expect(urls.filter((u) => /[?&](status|profile)=/.test(u))).toEqual([]);
      expect(server.output()).not.toContain(encoded);
      expect(storedText(server.dataDir)).not.toContain(encoded);
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
