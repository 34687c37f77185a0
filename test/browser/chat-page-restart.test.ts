import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type Started } from '../support/process';
import { readFileSync } from 'node:fs';
import { ROOT } from '../support/process';
import { STEP, activities, answer, chatTexts, openBrowser, screenshot, tapSuggested, typeAndSend, waitForBotText } from './browser.helpers';

/** A restart of the server while the page stays open: the page notices and resumes the same conversation. */
const dataDir = mkdtempSync(join(tmpdir(), 'boussole-restart-'));
const env = { DATA_DIR: dataDir, BOUSSOLE_TODAY: '2026-11-23' };
let server: Started;

beforeAll(async () => {
  server = await startServer(env);
});
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the chat page across a server restart', () => {
  it('continues the conversation without a reload when the server comes back', async () => {
    const fr = chatTexts('fr');
    const b = await openBrowser(server.url, { locale: 'fr-FR' });
    try {
      const { page } = b;
      await page.goto(`${server.url}/`);
      await page.locator('html[lang="fr"]').waitFor({ state: 'attached' });
      await answer(page, fr('q.language'), fr('language.name'));
      await answer(page, fr('q.status'), fr('choice.status.bpi'));
      await waitForBotText(page, fr('q.statusSince.bpi'));
      // The page watches which server process answers.
      await page.locator('html[data-server]').waitFor({ state: 'attached', timeout: STEP });
      const before = await page.locator('html').getAttribute('data-server');

      // Same port, same data folder, a new process.
      const port = new URL(server.url).port;
      await server.stop();
      server = await startServer({ ...env, PORT: port });

      // The page notices the new process and resumes by itself (no reload); the next tap reaches the new process.
      await page.waitForFunction((old) => document.documentElement.getAttribute('data-server') !== old, before, { timeout: STEP });
      await waitForBotText(page, fr('q.statusSince.bpi'));
      await tapSuggested(page, fr('choice.since.thisYear'));
      await waitForBotText(page, fr('q.cir'));
      await screenshot(page, 'restart-1-continued');
      expect(await b.cspViolations()).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('says so when the server cannot be reached, keeps what is typed meanwhile, and gets it answered on return', async () => {
    const ru = chatTexts('ru');
    const offline = (JSON.parse(readFileSync(join(ROOT, 'locales', 'ru', 'webchat.json'), 'utf8')) as { page: { offline: string } }).page.offline;
    const b = await openBrowser(server.url, { locale: 'ru-RU' });
    try {
      const { page } = b;
      await page.goto(`${server.url}/`);
      await page.locator('html[lang="ru"]').waitFor({ state: 'attached' });
      await answer(page, ru('q.language'), ru('language.name'));
      await answer(page, ru('q.status'), ru('choice.status.bpi'));
      await waitForBotText(page, ru('q.statusSince.bpi'));
      await page.locator('html[data-server]').waitFor({ state: 'attached', timeout: STEP });

      const port = new URL(server.url).port;
      await server.stop();
      // The page notices within a few seconds and says so in Russian.
      await page.locator('#notice').filter({ hasText: offline }).waitFor({ state: 'visible', timeout: STEP });
      await screenshot(page, 'outage-ru-offline');
      // Typed while the server is down: kept, not lost.
      await typeAndSend(page, ru('choice.since.thisYear'));
      await page.waitForFunction(() => (localStorage.getItem('boussole.outbox') ?? '').length > 2, undefined, { timeout: STEP });

      server = await startServer({ ...env, PORT: port });
      // Back: the notice goes, the kept message is sent and answered (the next question comes).
      await waitForBotText(page, ru('q.cir'));
      expect(await page.locator('#notice').isHidden()).toBe(true);
      expect(await page.evaluate(() => localStorage.getItem('boussole.outbox'))).toBeNull();
      // Sent once: one copy of it in the conversation's history.
      expect(await activities(page).filter({ hasText: ru('choice.since.thisYear') }).count()).toBe(1);
      await screenshot(page, 'outage-ru-answered');
    } finally {
      await b.close();
    }
  });
});
