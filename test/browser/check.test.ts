import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../support/process';
import { STEP, openBrowser, screenshot, serveForSuite } from './browser.helpers';
import { blockingViolations, orientationPosts, profileOf } from './pages.helpers';

/** The quick check (/check) over HTTP and in Chromium: form, inline checks, live plan, what is missing. */
jest.setTimeout(90_000);

const server = serveForSuite();

const LAPTOP = { width: 1280, height: 800 };

async function openCheck(page: Page): Promise<void> {
  await page.goto(`${server.url}/check`);
  await page.locator('#needs-list input').first().waitFor();
  await page.getByRole('status').filter({ hasText: 'Plan à jour' }).waitFor();
}

/** Waits until the plan has answered for the form as it is now. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.getElementById('plan')!.hasAttribute('aria-busy'));
  await page.waitForTimeout(300); // longer than the debounce: a pending change would have started by now
  await page.waitForFunction(() => !document.getElementById('plan')!.hasAttribute('aria-busy'));
}

const todoTexts = (page: Page) => page.locator('#todo-list li').allInnerTexts();

describe('the pages over HTTP', () => {
  it('serves /check and /summary with a strict CSP that forbids form submission, nosniff and no-store', async () => {
    for (const path of ['/check', '/summary']) {
      const res = await fetch(`${server.url}${path}`);
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 200, 'text/html; charset=utf-8']);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "form-action 'none'", "frame-ancestors 'none'"]) {
        expect(csp).toContain(directive);
      }
      expect(csp).not.toMatch(/unsafe|nonce|data:|blob:/);
      const html = await res.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=/i);
    }
  });

  it('serves the pages’ files with their types, the QR generator from node_modules, and labels for the 8 languages only', async () => {
    const types: Record<string, string> = {
      '/pages.css': 'text/css; charset=utf-8',
      '/plan-view.js': 'text/javascript; charset=utf-8',
      '/check.js': 'text/javascript; charset=utf-8',
      '/summary.js': 'text/javascript; charset=utf-8',
      '/qrcode.js': 'text/javascript; charset=utf-8',
      '/i18n/pages/ps.json': 'application/json; charset=utf-8',
    };
    for (const [path, type] of Object.entries(types)) {
      const res = await fetch(`${server.url}${path}`);
      expect([path, res.status, res.headers.get('content-type'), res.headers.get('x-content-type-options')]).toEqual([path, 200, type, 'nosniff']);
    }
    const qr = Buffer.from(await (await fetch(`${server.url}/qrcode.js`)).arrayBuffer());
    expect(qr.equals(readFileSync(join(ROOT, 'node_modules', 'qrcode-generator', 'dist', 'qrcode.js')))).toBe(true);
    const ps = (await (await fetch(`${server.url}/i18n/pages/ps.json`)).json()) as { section: Record<string, string>; status: Record<string, string> };
    expect(ps.section.rights).toMatch(/[\u0600-\u06FF]/);
    expect(ps.status.bpi).toMatch(/[\u0600-\u06FF]/); // the engine's own names come along
    for (const path of ['/i18n/pages/xx.json', '/i18n/pages/fr', '/i18n/pages/..%2Ffr.json', '/check.html', '/summary.html', '/pages/check.js', '/qrcode']) {
      expect([path, (await fetch(`${server.url}${path}`)).status]).toEqual([path, 404]);
    }
  });
});

describe('the quick check in Chromium', () => {
  it('fills the form by keyboard on a laptop, shows the plan beside it, in the person’s language, and what is missing', async () => {
    const b = await openBrowser(server.url, { ...LAPTOP });
    try {
      const { page } = b;
      const posts = orientationPosts(page);
      await openCheck(page);

      // Keyboard only: every control is reached by Tab, in the order of the form.
      await page.locator('#f-locale').focus();
      const reached: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        reached.push(await page.evaluate(() => document.activeElement?.id || (document.activeElement as HTMLInputElement | null)?.value || ''));
        await page.keyboard.press('Tab');
      }
      const controls = await page.locator('#profile-form select, #profile-form input').evaluateAll((all) => all.map((c) => c.id || (c as HTMLInputElement).value));
      expect(reached.slice(0, controls.length)).toEqual(controls);

      // The person's language, their status and month, a place and needs: typed and picked with keys.
      await page.locator('#f-locale').focus();
      await page.keyboard.press('ArrowDown'); // English
      await page.keyboard.press('ArrowDown'); // العربية
      expect(await page.locator('#f-locale').inputValue()).toBe('ar');
      await page.locator('#f-status').focus();
      await page.keyboard.press('ArrowDown');
      expect(await page.locator('#f-status').inputValue()).toBe('bpi');
      await page.locator('#f-statusSince').focus();
      await page.keyboard.type('03/2026');
      await page.locator('#f-location').focus();
      await page.keyboard.type('87000');
      await page.locator('#needs-list input[value="employment"]').focus();
      await page.keyboard.press('Space');
      await page.locator('#needs-list input[value="housing"]').focus();
      await page.keyboard.press('Space');
      await settled(page);

      // The plan is in Arabic, right to left, with the engine's texts.
      const plan = page.locator('#plan');
      expect(await plan.getAttribute('lang')).toBe('ar');
      expect(await plan.getAttribute('dir')).toBe('rtl');
      expect(await plan.locator('.plan-rights h3').innerText()).toMatch(/[\u0600-\u06FF]/);
      expect(await plan.locator('.right-eligible[data-program="france_travail"]').count()).toBe(1);
      expect(await page.locator('#f-location-hint').innerText()).toContain('Limoges');

      // What is missing, in French, from the `ask` of each undecided right.
      const todo = await todoTexts(page);
      expect(todo).toContainEqual(expect.stringMatching(/^Âge — déciderait : .*Mission locale/));
      expect(todo).toContainEqual(expect.stringMatching(/^Contrat d'intégration républicaine \(CIR\) — déciderait : .*AGIR/));
      expect(todo.some((t) => t.startsWith('Lieu'))).toBe(false);
      // A button on a missing answer takes the keyboard to its field.
      await page.locator('#todo-list button', { hasText: 'Âge' }).press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-age');
      await page.keyboard.type('24');
      await settled(page);
      expect(await todoTexts(page)).not.toContainEqual(expect.stringMatching(/^Âge/));
      expect(await plan.locator('.right-eligible[data-program="mission_locale"]').count()).toBe(1);

      // The profile travelled in the body, the URL stayed bare; the summary link carries it in its fragment.
      expect(posts.urls.length).toBeGreaterThan(0);
      expect(new Set(posts.urls)).toEqual(new Set([`${server.url}/api/orientation`]));
      const last = posts.bodies.at(-1)!;
      expect(last).toEqual({ locale: 'ar', needs: ['employment', 'housing'], status: 'bpi', statusSince: '2026-03', location: { postcode: '87000' }, age: 24 });
      const href = (await page.locator('#to-summary').getAttribute('href'))!;
      expect(href).toMatch(/^\/summary#[A-Za-z0-9_-]+$/);
      expect(profileOf(href.split('#')[1]!)).toEqual(last);

      // Enter submits nothing: the page stays, no request carries the form.
      await page.locator('#f-age').press('Enter');
      await settled(page);
      expect(page.url()).toBe(`${server.url}/check`);

      // Side by side on a wide screen.
      await page.evaluate(() => window.scrollTo(0, 0));
      const form = (await page.locator('#profile-form').boundingBox())!;
      const panel = (await page.locator('.plan-panel').boundingBox())!;
      expect(panel.x).toBeGreaterThanOrEqual(form.x + form.width);
      expect(Math.abs(panel.y - form.y)).toBeLessThan(5);
      await screenshot(page, 'check-laptop-ar');

      expect(await blockingViolations(page)).toEqual([]);
      expect(b.pageErrors).toEqual([]);
      expect(await b.cspViolations()).toEqual([]);
      expect(b.foreignRequests).toEqual([]);

      // The summary opens in a new tab, with both languages.
      const [summary] = await Promise.all([b.context.waitForEvent('page'), page.locator('#to-summary').click()]);
      await summary.locator('.col-person .plan-steps li').first().waitFor({ timeout: STEP });
      expect(await summary.locator('.col').evaluateAll((cols) => cols.map((c) => `${c.getAttribute('lang')} ${c.getAttribute('dir')}`))).toEqual(['ar rtl', 'fr ltr']);
      await summary.close();
    } finally {
      await b.close();
    }
  });

  it('checks answers inline, still gives a plan without the wrong one, and settles an ambiguous place; stacked on a phone', async () => {
    const b = await openBrowser(server.url);
    try {
      const { page } = b;
      const posts = orientationPosts(page);
      await openCheck(page);
      await page.getByLabel('Situation', { exact: true }).selectOption('asylum_seeker');
      const place = page.getByLabel('Lieu', { exact: true });
      const before = posts.urls.length;
      await place.pressSequentially('870', { delay: 40 });
      await place.press('Tab'); // committed: now the message shows
      const error = page.locator('#f-location-error');
      await error.waitFor();
      expect(await error.innerText()).toBe('Un code postal a 5 chiffres, par exemple 87000.');
      expect(await place.getAttribute('aria-invalid')).toBe('true');
      expect((await place.getAttribute('aria-describedby'))?.split(' ')).toContain('f-location-error');
      await settled(page);
      // Debounced: three keystrokes, far fewer requests than one per key and change.
      expect(posts.urls.length - before).toBeLessThanOrEqual(2);
      // The plan still came, without the place, and the wrong answer is the first thing to do.
      expect(posts.bodies.at(-1)).toEqual({ locale: 'fr', needs: [], status: 'asylum_seeker' });
      expect(await page.locator('#plan .right[data-program="asylum_support"]').count()).toBe(1);
      expect((await todoTexts(page))[0]).toBe('Lieu — à corriger : Un code postal a 5 chiffres, par exemple 87000.');
      expect(await todoTexts(page)).toContainEqual('Besoins — ajouteraient les services et adresses utiles.');

      // Once shown, the message follows each keystroke; a commune the engine cannot place alone offers its candidates.
      await page.getByLabel('Le lieu est donné par').selectOption('commune');
      await place.fill('Saint-Denis');
      await settled(page);
      expect(await error.isHidden()).toBe(true);
      expect(await place.getAttribute('aria-invalid')).toBeNull();
      const candidates = page.locator('#todo-list button.candidate');
      expect(await candidates.allInnerTexts()).toEqual(expect.arrayContaining(['Saint-Denis (93)', 'Saint-Denis (974)']));
      await candidates.filter({ hasText: 'Saint-Denis (93)' }).click();
      await settled(page);
      expect(await page.getByLabel('Le lieu est donné par').inputValue()).toBe('inseeCode');
      expect(await place.inputValue()).toBe('93066');
      expect(await page.locator('#f-location-hint').innerText()).toBe('Reconnu : Saint-Denis, département 93.');

      // A month to come and an age in letters are refused, each with its own words.
      await page.getByLabel("Mois d'arrivée en France").fill('2031-01');
      await page.getByLabel("Mois d'arrivée en France").press('Tab');
      expect(await page.locator('#f-inFranceSince-error').innerText()).toBe('Ce mois est dans le futur : vérifiez la date du document.');
      await page.getByLabel('Âge').pressSequentially('e');
      await page.getByLabel('Âge').press('Tab');
      expect(await page.locator('#f-age-error').innerText()).toBe("L'âge s'écrit en chiffres, par exemple 34.");
      await settled(page);
      expect(await todoTexts(page)).toEqual(
        expect.arrayContaining([
          "Mois d'arrivée en France — à corriger : Ce mois est dans le futur : vérifiez la date du document.",
          "Âge — à corriger : L'âge s'écrit en chiffres, par exemple 34.",
        ]),
      );

      // Stacked on a phone: the plan comes after the form.
      const form = (await page.locator('#profile-form').boundingBox())!;
      const panel = (await page.locator('.plan-panel').boundingBox())!;
      expect(panel.y).toBeGreaterThanOrEqual(form.y + form.height);
      expect(Math.abs(panel.x - form.x)).toBeLessThan(2);
      await page.locator('#todo').scrollIntoViewIfNeeded();
      await screenshot(page, 'check-phone-errors');

      // Clearing the form forgets everything, messages included.
      await page.getByRole('button', { name: 'Tout effacer' }).click();
      await settled(page);
      expect(await page.locator('.error:not([hidden])').count()).toBe(0);
      expect(posts.bodies.at(-1)).toEqual({ locale: 'fr', needs: [] });

      expect(await blockingViolations(page)).toEqual([]);
      expect(b.pageErrors).toEqual([]);
      expect(await b.cspViolations()).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
