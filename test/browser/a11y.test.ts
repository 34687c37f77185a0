import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../support/process';
import { STEP, activities, chatTexts, openAndPick, openBrowser, screenshot, serveForSuite, waitForBotText } from './browser.helpers';
import { blockingViolations } from './pages.helpers';

/** axe-core (in Chromium) on the chat page, on a phone, in French and in Arabic (right to left), and on the advisor's page. */
jest.setTimeout(90_000);

const server = serveForSuite();

/** WCAG contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r = 0, g = 0, bl = 0] = (css.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour of the last message's timestamp and the first opaque background behind it. */
function timestampColours(page: Page): Promise<[string, string]> {
  return page.evaluate(() => {
    const status = [...document.querySelectorAll<HTMLElement>('.webchat__activity-status')].pop();
    if (!status) throw new Error('no timestamp on the page');
    let node: HTMLElement | null = status;
    let background = 'rgba(0, 0, 0, 0)';
    while (node && /^rgba\(.*, 0\)$|^transparent$/.test((background = getComputedStyle(node).backgroundColor))) node = node.parentElement;
    return [getComputedStyle(status).color, background] as [string, string];
  });
}

/** Waits for the bot's first question and its buttons, the page a newcomer first sees. */
async function waitForFirstQuestion(page: Page, lng: string): Promise<void> {
  const t = chatTexts(lng);
  await waitForBotText(page, t('q.language'));
  await page.locator('.webchat__suggested-actions').getByRole('button', { name: t('language.name'), exact: true }).waitFor({ state: 'visible' });
}

describe('accessibility of the chat page (axe-core, WCAG 2.1 A and AA, phone)', () => {
  it('has no serious or critical violation in French', async () => {
    const b = await openBrowser(server.url, { width: 390, height: 844, locale: 'fr-FR' });
    try {
      const { page } = b;
      await page.goto(`${server.url}/`);
      await page.locator('html[lang="fr"][dir="ltr"]').waitFor({ state: 'attached' });
      await waitForFirstQuestion(page, 'fr');
      await screenshot(page, 'a11y-fr');
      // axe goes in through the DevTools protocol: the page's CSP (no 'unsafe-inline') refuses an inline script.
      await expect(page.addScriptTag({ content: 'window.injected = 1' })).rejects.toThrow(/Content Security Policy/);
      expect(await blockingViolations(page)).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('has no serious or critical violation in Arabic, and its screen-reader labels are Arabic', async () => {
    const b = await openBrowser(server.url, { width: 390, height: 844, locale: 'fr-FR' });
    try {
      const { page } = b;
      await openAndPick(page, server.url, 'fr', 'ar');
      await waitForFirstQuestion(page, 'ar');
      await screenshot(page, 'a11y-ar');
      expect(await blockingViolations(page)).toEqual([]);
      // axe takes the timestamp "الآن" (its lam-alef ligature) for an icon font and skips its contrast: measured here.
      const [colour, background] = await timestampColours(page);
      expect(contrast(colour, background)).toBeGreaterThanOrEqual(4.5);

      // Screen readers hear Web Chat's labels from locales/ar/webchat.json, not Web Chat's own ar-SA or English ones.
      const ar = (JSON.parse(readFileSync(join(ROOT, 'locales', 'ar', 'webchat.json'), 'utf8')) as { webchat: Record<string, string> }).webchat;
      expect(await page.locator('.webchat__basic-transcript [role="feed"]').getAttribute('aria-roledescription')).toBe(ar.TRANSCRIPT_ARIA_ROLE_ALT);
      expect(await page.locator('.webchat__suggested-actions').getAttribute('aria-label')).toBe(ar.SUGGESTED_ACTIONS_LABEL_ALT);
      expect(await page.locator('.webchat__activity-status').last().textContent()).toContain(ar.ACTIVITY_STATUS_SEND_STATUS_ALT_SENT_AT!.replace('$1', '').trim());
    } finally {
      await b.close();
    }
  });

  it("has no serious or critical violation on the advisor's page, at its first step", async () => {
    const b = await openBrowser(server.url, { width: 1280, height: 900, locale: 'fr-FR' });
    try {
      const { page } = b;
      await page.goto(`${server.url}/advisor`);
      await page.locator('html[lang="fr"]').waitFor({ state: 'attached' });
      await activities(page).filter({ hasText: 'Étape 1 — À lire' }).waitFor({ state: 'visible', timeout: STEP });
      await screenshot(page, 'a11y-advisor');
      expect(await blockingViolations(page)).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
