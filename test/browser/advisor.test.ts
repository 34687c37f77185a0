import { STEP, activities, openBrowser, screenshot, serveForSuite } from './browser.helpers';
import { blockingViolations } from './pages.helpers';

jest.setTimeout(90_000);

const server = serveForSuite();

describe('the phone advisor\'s script (/advisor)', () => {
  it('runs a whole call with the keyboard alone, up to the case note and the caller\'s SMS', async () => {
    const b = await openBrowser(server.url, { width: 1280, height: 900, locale: 'fr-FR' });
    try {
      const { page } = b;
      await page.goto(`${server.url}/advisor`);
      const step = (n: number) => activities(page).filter({ hasText: `Étape ${n} — À lire` }).last();
      await step(1).waitFor({ state: 'visible', timeout: STEP });
      // The message box has the focus from the start: the advisor types the first number at once.
      await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA', undefined, { timeout: STEP });
      const key = async (answer: string, next: number) => {
        await page.keyboard.type(answer);
        await page.keyboard.press('Enter');
        await step(next).waitFor({ state: 'visible', timeout: STEP });
      };
      await key('3', 2); // Arabic
      await key('1', 3); // refugee
      await key('0', 2); // back: the status question again
      await key('1', 3);
      await key('1', 4); // this year
      await key('2', 5); // CIR not signed
      await key('4', 6); // French A2
      await key('93200', 7);
      await page.keyboard.type("C'est tout");
      await page.keyboard.press('Enter');
      await activities(page).filter({ hasText: 'Note de dossier' }).waitFor({ state: 'visible', timeout: STEP });
      const note = await activities(page).filter({ hasText: 'Note de dossier' }).innerText();
      expect(note).toContain('Langue : arabe');
      expect(note).toContain('Statut : Asile accordé');
      expect(note).toContain('Lieu : Saint-Denis (93)');
      const sms = await activities(page).filter({ hasText: 'SMS pour l’appelant' }).innerText();
      expect(sms).toMatch(/\d+ caractères · UCS-2 · \d+ SMS/);
      await screenshot(page, 'advisor-end');
      // The end of a call (case note, SMS) passes axe as the first step does (a11y.test.ts).
      expect(await blockingViolations(page)).toEqual([]);
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
