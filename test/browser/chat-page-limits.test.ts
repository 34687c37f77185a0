import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../support/process';
import { STEP, activities, chatTexts, openAndPick, openBrowser, readStorage, screenshot, serve, typeAndSend, waitForBotText, type Served } from './browser.helpers';

jest.setTimeout(120_000);

const pageText = (lng: string, key: string): string =>
  (JSON.parse(readFileSync(join(ROOT, 'locales', lng, 'webchat.json'), 'utf8')) as { page: Record<string, string> }).page[key]!;

/** Three messages in a row with a cap of two a minute: the bot says why the third went unread, in the person's language. */
async function sendTooFast(page: Page, lng: string): Promise<void> {
  const t = chatTexts(lng);
  await waitForBotText(page, t('q.language'));
  // Not answers (a number would pick a button): the conversation stays at its first question.
  for (const text of ['?', '??', '???']) await typeAndSend(page, text);
  await waitForBotText(page, t('notice.tooFast'));
  // Said once per minute, however many more are refused.
  await typeAndSend(page, '????');
  await page.waitForTimeout(1500);
  expect(await activities(page).filter({ hasText: t('notice.tooFast').slice(0, 30) }).count()).toBe(1);
}

describe('the chat page when the server says "too many"', () => {
  let server: Served;
  afterEach(() => server?.close());

  it('explains refused messages in French then in Arabic (right to left), and a refused new conversation in English', async () => {
    server = await serve({ CHAT_MESSAGES_PER_MINUTE: '2', CHAT_CONVERSATIONS_PER_ADDRESS: '2' });
    const b = await openBrowser(server.url, { locale: 'fr-FR' });
    try {
      const { page } = b;
      await page.goto(`${server.url}/`);
      await page.locator('html[lang="fr"]').waitFor({ state: 'attached' });
      await sendTooFast(page, 'fr');
      await screenshot(page, 'limits-fr-too-fast');

      // Another language is another conversation (the second this address may open); the cap on
      // messages is per conversation.
      await openAndPick(page, server.url, 'fr', 'ar');
      await sendTooFast(page, 'ar');
      const direction = await activities(page)
        .filter({ hasText: chatTexts('ar')('notice.tooFast').slice(0, 20) })
        .locator('.webchat__text-content')
        .first()
        .evaluate((el) => getComputedStyle(el).direction);
      expect(direction).toBe('rtl');
      await screenshot(page, 'limits-ar-too-fast');

      // A third conversation from this address is refused: the page says the service is busy, in
      // English, and that it will try again by itself (no blank chat).
      await page.selectOption('#language', 'en');
      await page.locator('.status.error').filter({ hasText: pageText('en', 'busy') }).waitFor({ state: 'visible', timeout: STEP });
      await screenshot(page, 'limits-en-busy');
      expect(b.pageErrors).toEqual([]);
      expect(await b.cspViolations()).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('offers a new conversation when one is full, and starts it on a tap', async () => {
    server = await serve({ CHAT_ACTIVITIES_PER_CONVERSATION: '10' });
    const t = chatTexts('fr');
    const b = await openBrowser(server.url, { locale: 'fr-FR' });
    try {
      const { page } = b;
      await page.goto(`${server.url}/`);
      await waitForBotText(page, t('q.language'));
      const first = (await readStorage(page)).conversation!.conversationId;
      const notice = page.locator('#notice');
      // Words that answer nothing (a greeting would answer "which language?" now), so the question stays.
      for (let i = 0; i < 8 && (await notice.isHidden()); i++) {
        await typeAndSend(page, 'zzz');
        await page.waitForTimeout(700);
      }
      await notice.waitFor({ state: 'visible', timeout: STEP });
      expect(await notice.getAttribute('role')).toBe('alert');
      expect((await page.locator('#notice-text').innerText()).trim()).toBe(pageText('fr', 'full'));
      await waitForBotText(page, t('notice.full'));
      // Said once, however many more are refused.
      await typeAndSend(page, 'zzz');
      await page.waitForTimeout(1000);
      expect(await activities(page).filter({ hasText: t('notice.full').slice(0, 30) }).count()).toBe(1);
      await screenshot(page, 'limits-fr-full');

      await page.getByRole('button', { name: pageText('fr', 'newConversation') }).click();
      await notice.waitFor({ state: 'hidden', timeout: STEP });
      await waitForBotText(page, t('q.language'));
      expect((await readStorage(page)).conversation!.conversationId).not.toBe(first);
      expect(await activities(page).filter({ hasText: t('notice.full').slice(0, 30) }).count()).toBe(0);
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});

