import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { OrientationResult } from '../../knowledge/contracts/result';
import { SCREENSHOTS, openBrowser, screenshot, serve, serveForSuite } from './browser.helpers';
import { blockingViolations, fragmentOf, profileOf, readQrCode } from './pages.helpers';

/** The bilingual hand-over (/summary#<profile>): both languages, the RTL column, the QR code, print, privacy. */
jest.setTimeout(120_000);

const server = serveForSuite();

/** A refugee in Limoges, in Arabic, with needs that bring places with multi-group phone numbers. */
const PROFILE = {
  status: 'bpi',
  protection: 'refugee',
  statusSince: '2026-03',
  cir: 'signed',
  frenchLevel: 'A1',
  readsWrites: true,
  location: { postcode: '87000' },
  age: 34,
  needs: ['housing', 'employment', 'mental_health'],
  children: { schoolAge: true },
  locale: 'ar',
};

async function orient(profile: object): Promise<OrientationResult> {
  const res = await fetch(`${server.url}/api/orientation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(profile) });
  return (await res.json()) as OrientationResult;
}

async function openSummary(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('#sheet:not([aria-busy])').waitFor();
}

const columnLanguages = (page: Page) => page.locator('.col').evaluateAll((cols) => cols.map((c) => `${c.getAttribute('lang')} ${c.getAttribute('dir')}`));

describe('the hand-over summary in Chromium', () => {
  it('shows French and Arabic side by side on a laptop, the engine’s texts in each, phone numbers kept left to right, a QR code of the same plan', async () => {
    const b = await openBrowser(server.url, { width: 1280, height: 900 });
    try {
      const { page, context } = b;
      const fragment = fragmentOf(PROFILE);
      await openSummary(page, `${server.url}/summary#${fragment}`);

      expect(await columnLanguages(page)).toEqual(['ar rtl', 'fr ltr']);
      const ar = page.locator('.col-person');
      const fr = page.locator('.col-fr');
      // French on the left, Arabic on the right, side by side.
      const [arBox, frBox] = [(await ar.boundingBox())!, (await fr.boundingBox())!];
      expect(frBox.x + frBox.width).toBeLessThanOrEqual(arBox.x);
      expect(Math.abs(frBox.y - arBox.y)).toBeLessThan(2);
      expect(await ar.locator('h2').innerText()).toBe('العربية');
      expect(await fr.locator('h2').innerText()).toBe('Français');
      expect(await page.locator('h1').innerText()).toBe("Plan d'orientation · خطة التوجيه");

      // Each column says what the engine says in its language: steps, help numbers, situation, date.
      for (const [column, lng] of [[fr, 'fr'], [ar, 'ar']] as const) {
        const result = await orient({ ...PROFILE, locale: lng });
        expect(await column.locator('.plan-steps li').allInnerTexts()).toEqual(result.nextSteps.map((s) => s.text));
        expect(await column.locator('.plan-help li .phone').allInnerTexts()).toEqual(result.help.map((h) => h.phone));
        expect(await column.locator('.place').count()).toBe(result.recommendations.length);
        const open = result.eligibility.filter((d) => d.status !== 'not_eligible').map((d) => d.program);
        expect((await column.locator('.right').evaluateAll((all) => all.map((r) => r.getAttribute('data-program')))).sort()).toEqual(open.sort());
        expect(await column.locator('.situation').innerText()).toContain('Limoges (87000)');
      }
      expect(await fr.locator('.situation').innerText()).toContain('réfugié ou protection subsidiaire');
      expect(await ar.locator('.situation').innerText()).toContain('لاجئ أو حماية فرعية');
      expect(await fr.locator('.date').innerText()).toBe(`Établi le ${new Intl.DateTimeFormat('fr', { dateStyle: 'long' }).format(new Date())}`);

      // In the RTL column every phone number is isolated left to right.
      expect(await ar.locator('a.phone').count()).toBeGreaterThan(0);
      expect(await ar.locator('a.phone > bdi[dir="ltr"]').count()).toBe(await ar.locator('a.phone').count());

      // The QR code opens this very plan: read back from its pixels.
      const target = await readQrCode(context, page, '#qr-code svg');
      expect(target).toBe(`${server.url}/summary#${fragment}`);
      expect(profileOf(new URL(target!).hash)).toEqual(PROFILE);
      expect(await page.locator('#qr-code svg').getAttribute('aria-label')).toBe('Code QR qui ouvre ce plan sur un téléphone');
      expect(await page.locator('#qr-captions p').evaluateAll((ps) => ps.map((p) => `${p.getAttribute('lang')} ${p.getAttribute('dir')}`))).toEqual(['ar rtl', 'fr ltr']);
      await screenshot(page, 'summary-laptop-ar');
      expect(await blockingViolations(page)).toEqual([]);

      // Printed: A4 (the page's own @page rule), both columns side by side, no button.
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 794, height: 1123 });
      expect(await page.locator('#print').isHidden()).toBe(true);
      const [printedAr, printedFr] = [(await ar.boundingBox())!, (await fr.boundingBox())!];
      expect(printedFr.x + printedFr.width).toBeLessThanOrEqual(printedAr.x);
      await screenshot(page, 'summary-print-ar');
      const pdf = await page.pdf({ path: join(SCREENSHOTS, 'summary-ar.pdf'), preferCSSPageSize: true, printBackground: true });
      const sizes = new Set([...pdf.toString('latin1').matchAll(/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`));
      expect(sizes).toEqual(new Set(['595x842'])); // A4 in points

      expect(b.pageErrors).toEqual([]);
      expect(await b.cspViolations()).toEqual([]);
      expect(b.foreignRequests).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('opens on a phone with the person’s language first and no QR code; a phone number inside RTL text keeps its digit groups in order', async () => {
    const b = await openBrowser(server.url);
    try {
      const { page } = b;
      // An asylum seeker in Saint-Denis: the engine's texts give the OFII line for Île-de-France.
      const asylum = { status: 'asylum_seeker', location: { postcode: '93200' }, needs: ['housing', 'emergency'] };
      for (const lng of ['fa', 'ps', 'ar']) {
        await openSummary(page, `${server.url}/summary#${fragmentOf({ ...asylum, locale: lng })}`);
        expect(await columnLanguages(page)).toEqual([`${lng} rtl`, 'fr ltr']);
        const person = (await page.locator('.col-person').boundingBox())!;
        const french = (await page.locator('.col-fr').boundingBox())!;
        expect(french.y).toBeGreaterThanOrEqual(person.y + person.height);
        expect(await page.locator('#qr').isVisible()).toBe(false);
        expect(await page.locator('.col-person .plan-rights h3').innerText()).toMatch(/[\u0600-\u06FF]/);
        // Where the browser has no Pashto dates or lists, they come in digits and plain, never in French.
        const column = await page.locator('.col-person').innerText();
        expect(column).not.toMatch(/\b(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b| et /);
        // Where the number shows in the RTL column, its first digit is left of its last: "01 42 500 900",
        // not "900 500 42 01" as the bidi algorithm would lay the groups out without an isolate.
        const shown = await page.locator('.col-person').evaluate((column, number) => {
          const out: { isolated: boolean; first: number; last: number }[] = [];
          const walker = document.createTreeWalker(column, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent!.indexOf(number);
            if (at < 0) continue;
            const x = (i: number) => {
              const range = document.createRange();
              range.setStart(node!, i);
              range.setEnd(node!, i + 1);
              return range.getBoundingClientRect().x;
            };
            out.push({ isolated: node.parentElement!.matches('bdi[dir="ltr"]'), first: x(at), last: x(at + number.length - 1) });
          }
          return out;
        }, '01 42 500 900');
        expect(shown.length).toBeGreaterThan(0);
        for (const { isolated, first, last } of shown) expect([lng, isolated, first < last]).toEqual([lng, true, true]);
      }
      await screenshot(page, 'summary-phone-ar');
      expect(await blockingViolations(page)).toEqual([]);
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('shows one column for a French speaker and a plain message for a missing or broken fragment', async () => {
    const b = await openBrowser(server.url);
    try {
      const { page } = b;
      await openSummary(page, `${server.url}/summary#${fragmentOf({ ...PROFILE, locale: 'fr' })}`);
      expect(await columnLanguages(page)).toEqual(['fr ltr']);
      for (const broken of ['', '#not-base64!', `#${fragmentOf({ status: 'nobody' })}`, `#${fragmentOf(['a'])}`]) {
        await page.goto('about:blank');
        await openSummary(page, `${server.url}/summary${broken}`);
        expect([broken, await page.locator('#summary-status').innerText()]).toEqual([broken, 'Aucun plan à afficher. Ouvrez cette page depuis la vérification rapide ou le chat.']);
        expect(await page.locator('.col').count()).toBe(0);
        expect(await page.locator('#qr').isHidden()).toBe(true);
      }
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});

/** Everything under a folder, as text. */
function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, text: readFileSync(path, 'latin1') + readFileSync(path, 'utf8') }];
  });
}

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A pass-through proxy in front of the server: records exactly what the browser sends it. */
async function recordingProxy(target: string): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const proxy: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: body.toString('utf8') });
      const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((resolve) => proxy.close(() => resolve())),
  };
}

describe('privacy of the quick check, the summary and the QR code', () => {
  it('sends the profile only in request bodies: nothing of it in any URL or referrer, the server’s logs or its data folder', async () => {
    const own = await serve();
    const logs: string[] = [];
    own.child.stdout!.on('data', (d: Buffer) => logs.push(d.toString()));
    own.child.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
    const proxy = await recordingProxy(own.url);
    const laptop = await openBrowser(proxy.url, { width: 1280, height: 800 });
    const phone = await openBrowser(proxy.url);
    try {
      // A distinctive person: a town, months and an age nobody else in the suite uses.
      const page = laptop.page;
      await page.goto(`${proxy.url}/check`);
      await page.locator('#needs-list input').first().waitFor();
      await page.getByLabel('Langue de la personne (pour le plan)').selectOption('fa');
      await page.getByLabel('Situation', { exact: true }).selectOption('newcomer');
      await page.getByLabel("Mois d'obtention du statut ou du titre").fill('2025-07');
      await page.getByLabel("Mois d'arrivée en France").fill('2025-05');
      await page.getByLabel('Le lieu est donné par').selectOption('commune');
      await page.getByLabel('Lieu', { exact: true }).fill('Saint-Junien');
      await page.getByLabel('Âge').fill('47');
      await page.locator('#needs-list input[value="housing"]').check();
      await page.locator('#f-location-hint', { hasText: 'Reconnu : Saint-Junien' }).waitFor();

      const [summary] = await Promise.all([laptop.context.waitForEvent('page'), page.locator('#to-summary').click()]);
      await summary.locator('#sheet:not([aria-busy])').waitFor();
      expect(await summary.locator('.col-fr .situation').innerText()).toContain('Saint-Junien');
      const fragment = new URL(summary.url()).hash.slice(1);
      expect(profileOf(fragment)).toMatchObject({ location: { commune: 'Saint-Junien' }, age: 47, locale: 'fa' });

      const target = (await readQrCode(laptop.context, summary, '#qr-code svg'))!;
      expect(target).toBe(`${proxy.url}/summary#${fragment}`);
      await phone.page.goto(target);
      await phone.page.locator('#sheet:not([aria-busy])').waitFor();
      expect(await phone.page.locator('.col-person .situation').innerText()).toContain('Saint-Junien');
      await laptop.close();
      await phone.close();
      await own.stop(); // its logs are complete and its files closed

      const secrets = ['Saint-Junien', 'Saint%2DJunien', '87154', '2025-07', '2025-05', fragment, fragment.slice(0, 24)];
      const found = (where: string, text: string) => secrets.filter((s) => text.includes(s)).map((s) => `${where}: ${s}`);

      // The profile did reach the server, in POST bodies to /api/orientation and nowhere else.
      const withProfile = proxy.seen.filter((r) => r.body.includes('Saint-Junien'));
      expect(withProfile.length).toBeGreaterThan(2); // the quick check, the summary's two languages, the phone's two
      expect(new Set(withProfile.map((r) => `${r.method} ${r.url}`))).toEqual(new Set(['POST /api/orientation']));
      expect(proxy.seen.map((r) => r.url).filter((u) => u.includes('?') || u.includes('#'))).toEqual([]);
      expect(proxy.seen.flatMap((r) => found(`${r.method} ${r.url}`, `${r.url} ${r.headers.referer ?? ''} ${r.headers.cookie ?? ''}`))).toEqual([]);
      expect(proxy.seen.some((r) => r.url === '/summary')).toBe(true);
      expect(proxy.seen.filter((r) => r.headers.referer !== undefined)).toEqual([]);

      expect(found('server output', logs.join(''))).toEqual([]);
      const files = filesUnder(own.dataDir);
      expect(files.flatMap((f) => found(f.path, f.text))).toEqual([]);
    } finally {
      await laptop.close().catch(() => undefined);
      await phone.close().catch(() => undefined);
      await proxy.close();
      await own.close();
    }
  });
});
