import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/process';
import {
  SCREENSHOTS,
  STEP,
  activities,
  answer,
  chatTexts,
  completeConversation,
  expectFirstScreenReadable,
  openAndPick,
  openBrowser,
  probe,
  readStorage,
  screenshot,
  serveForSuite,
  tapSuggested,
  waitForBotText,
} from './browser.helpers';

jest.setTimeout(90_000);

const server = serveForSuite();

describe('the chat page over HTTP', () => {
  it('serves the page with a strict CSP, nosniff and no-store', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    const html = await res.text();
    expect(nonce).toBeTruthy();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(html).toContain('<meta name="viewport"');
    // A new nonce on every load.
    const again = await fetch(`${server.url}/`);
    expect(again.headers.get('content-security-policy')).not.toBe(csp);
  });

  it('serves the Web Chat bundle from node_modules with a long cache, compressed or not', async () => {
    const bundle = readFileSync(join(ROOT, 'node_modules', 'botframework-webchat', 'dist', 'webchat.js'));
    const plain = await fetch(`${server.url}/webchat.js?v=4.18.1`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toMatch(/max-age=31536000/);
    expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await plain.arrayBuffer()).equals(bundle)).toBe(true);
    // fetch decompresses gzip itself: the body is the same bundle.
    const gz = await fetch(`${server.url}/webchat.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(Buffer.from(await gz.arrayBuffer()).equals(bundle)).toBe(true);
  });

  it('serves the static files with their types and nothing else', async () => {
    const types: Record<string, string> = {
      '/app.js': 'text/javascript; charset=utf-8',
      '/app.css': 'text/css; charset=utf-8',
      '/favicon.svg': 'image/svg+xml',
      '/i18n/fa.json': 'application/json; charset=utf-8',
    };
    for (const [path, type] of Object.entries(types)) {
      const res = await fetch(`${server.url}${path}`);
      expect([path, res.status, res.headers.get('content-type'), res.headers.get('x-content-type-options')]).toEqual([path, 200, type, 'nosniff']);
    }
    const strings = (await (await fetch(`${server.url}/i18n/ti.json`)).json()) as { webchat: Record<string, string> };
    expect(strings.webchat.TEXT_INPUT_PLACEHOLDER).toMatch(/[\u1200-\u137F]/);
    for (const path of ['/index.html', '/public/app.js', '/bot/public/app.js', '/i18n/xx.json', '/i18n/fr', '/i18n/..%2Fpackage.json', '/package.json', '/locales/fr/chat.json', '/nope']) {
      expect([path, (await fetch(`${server.url}${path}`)).status]).toEqual([path, 404]);
    }
  });
});

describe('the chat page in Chromium', () => {
  it('(1) runs a whole conversation in French by taps, up to the plan cards, on a phone', async () => {
    const t = chatTexts('fr');
    const b = await openBrowser(server.url, { locale: 'en-US' });
    try {
      const { page } = b;
      // First visit in an English browser: the page starts in English; the person picks Français.
      await openAndPick(page, server.url, 'en', 'fr');
      await waitForBotText(page, t('welcome.hello'));
      expect(await page.locator('.webchat__send-box textarea').first().getAttribute('placeholder')).toBe('Écrivez votre message');
      // No upload button.
      expect(await page.locator('.webchat__upload-button').count()).toBe(0);
      await screenshot(page, 'fr-1-welcome');

      const stored = await readStorage(page);
      expect(stored.userId).toMatch(/^r_[A-Za-z0-9_-]{22,}$/); // chosen and signed by the server
      expect(stored.conversation?.conversationId).toBeTruthy();

      await completeConversation(page, 'fr');
      await waitForBotText(page, t('plan.intro'));

      // The plan's hero cards: a title and buttons (Refugies.info fiche or web site).
      const cards = page.locator('.webchat__basic-transcript .ac-adaptiveCard');
      await cards.first().waitFor({ state: 'visible', timeout: STEP });
      expect(await cards.count()).toBeGreaterThan(0);
      const firstCard = cards.first();
      const title = (await firstCard.locator('.ac-textBlock').first().innerText()).trim();
      expect(title.length).toBeGreaterThan(2);
      const buttons = await cards.locator('button').allInnerTexts();
      expect(buttons.some((x) => x.includes(t('card.fiche')) || x.includes(t('card.website')))).toBe(true);
      expect(buttons.some((x) => x.includes(t('card.fiche')))).toBe(true);
      // Three buttons follow the plan; its first screen (three things to do, each with its place) stays
      // readable above them on a phone.
      await waitForBotText(page, t('q.planMenu'));
      await expectFirstScreenReadable(page, t('plan.now'));
      await screenshot(page, 'fr-2-plan');
      await cards.first().screenshot({ path: join(SCREENSHOTS, 'fr-2-first-card.png') });

      // No horizontal scroll at 360 px.
      await page.setViewportSize({ width: 360, height: 740 });
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]);
      expect(widths[0]).toBeLessThanOrEqual(360);
      expect(widths[1]).toBeLessThanOrEqual(360);
      await screenshot(page, 'fr-3-plan-360px');

      // Everything came from our server, under the CSP, without errors.
      expect(await b.cspViolations()).toEqual([]);
      expect(b.foreignRequests).toEqual([]);
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('(3) resumes the same conversation after a reload, then a language change starts a new one', async () => {
    const fr = chatTexts('fr');
    const en = chatTexts('en');
    const b = await openBrowser(server.url, { locale: 'fr-FR' });
    try {
      const { page } = b;
      await page.goto(`${server.url}/`);
      await page.locator('html[lang="fr"]').waitFor({ state: 'attached' });
      await answer(page, fr('q.language'), fr('language.name'));
      await answer(page, fr('q.status'), fr('choice.status.bpi'));
      await waitForBotText(page, fr('q.statusSince.bpi'));
      const before = await readStorage(page);

      await page.reload();
      // Same conversation: the history is back and the bot still waits on the same question.
      await waitForBotText(page, fr('welcome.hello'));
      await waitForBotText(page, fr('q.statusSince.bpi'));
      const after = await readStorage(page);
      expect(after.userId).toBe(before.userId);
      expect(after.conversation?.conversationId).toBe(before.conversation?.conversationId);
      expect(await activities(page).filter({ hasText: probe(fr('welcome.hello')) }).count()).toBe(1);
      await screenshot(page, 'reload-1-resumed');
      await tapSuggested(page, fr('choice.since.thisYear'));
      await waitForBotText(page, fr('q.cir'));

      // A conversation the server no longer knows (404) or a bad token (403): a new one starts.
      await page.evaluate(() => {
        const saved = JSON.parse(localStorage.getItem('boussole.conversation') ?? '{}') as Record<string, unknown>;
        localStorage.setItem('boussole.conversation', JSON.stringify({ ...saved, token: 'not-a-token' }));
      });
      await page.reload();
      await page.waitForFunction(
        (old) => (JSON.parse(localStorage.getItem('boussole.conversation') ?? '{}') as { conversationId?: string }).conversationId !== old,
        before.conversation?.conversationId,
        { timeout: STEP },
      );
      const renewed = await readStorage(page);
      expect(renewed.userId).toBe(before.userId);
      // The same person (user id): the bot knows the answers already given and asks the next question.
      await waitForBotText(page, fr('q.cir'));

      // Another language: a new conversation, same user id, the page in that language.
      await page.selectOption('#language', 'en');
      await page.locator('html[lang="en"][dir="ltr"]').waitFor({ state: 'attached' });
      await page.waitForFunction(
        (old) => (JSON.parse(localStorage.getItem('boussole.conversation') ?? '{}') as { conversationId?: string }).conversationId !== old,
        renewed.conversation?.conversationId,
        { timeout: STEP },
      );
      expect((await readStorage(page)).userId).toBe(before.userId);
      expect(await page.locator('.webchat__send-box textarea').first().getAttribute('placeholder')).toBe('Type your message');
      await activities(page).first().waitFor({ state: 'visible', timeout: STEP });
      await screenshot(page, 'reload-2-language-en');
      expect(en('welcome.hello').length).toBeGreaterThan(0);
      expect(await b.cspViolations()).toEqual([]);
      expect(b.foreignRequests).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('greets in the picked language when the person has not chosen one yet, with RTL for fa', async () => {
    const en = chatTexts('en');
    const b = await openBrowser(server.url, { locale: 'fr-FR' });
    try {
      const { page } = b;
      await openAndPick(page, server.url, 'fr', 'en');
      await waitForBotText(page, en('welcome.hello'));

      await page.selectOption('#language', 'fa');
      await page.locator('html[lang="fa"][dir="rtl"]').waitFor({ state: 'attached' });
      const root = page.locator('.webchat [dir="rtl"]').first();
      await root.waitFor({ state: 'attached', timeout: STEP });
      // Persian Web Chat strings come from locales/fa/webchat.json (Web Chat itself has none).
      await page.waitForFunction(() => document.querySelector('.webchat__send-box textarea')?.getAttribute('placeholder') === 'پیام خود را بنویسید', undefined, {
        timeout: STEP,
      });
      await activities(page).first().waitFor({ state: 'visible', timeout: STEP });
      await screenshot(page, 'fa-1-welcome');
      expect(await b.cspViolations()).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
