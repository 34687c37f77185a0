import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type Started } from '../support/process';
import { STEP, answer, chatTexts, openBrowser, screenshot, tapSuggested, waitForBotText } from './browser.helpers';

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
});
