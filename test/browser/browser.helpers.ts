import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ROOT, runScript, startServer, type Started } from '../support/process';

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
/** Per-step wait: the bot answers in well under a second, but CI machines can be slow. */
export const STEP = 25_000;

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Served extends Started {
  dataDir: string;
  close(): Promise<void>;
}

/** The real server process on a free port, with a fresh data folder, a pinned "today" and `env` on top. */
export async function serve(env: NodeJS.ProcessEnv = {}, { offices = false } = {}): Promise<Served> {
  const dataDir = mkdtempSync(join(tmpdir(), 'boussole-browser-'));
  const settings = { DATA_DIR: dataDir, BOUSSOLE_TODAY: '2026-11-23', ...env };
  // As `npm start` does (its prestart): the France services list imported before the server starts.
  if (offices) expect((await runScript('scripts/import-offices.ts', [], settings)).code).toBe(0);
  const started = await startServer(settings);
  return {
    ...started,
    dataDir,
    async close() {
      await started.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The real server for a whole test file: started before its tests, stopped after them. */
export function serveForSuite(env: NodeJS.ProcessEnv = {}, options: { offices?: boolean } = {}): Pick<Served, 'url' | 'dataDir'> {
  let served: Served | undefined;
  beforeAll(async () => {
    served = await serve(env, options);
  });
  afterAll(async () => {
    await served?.close();
  });
  return {
    get url() {
      return served!.url;
    },
    get dataDir() {
      return served!.dataDir;
    },
  };
}

export interface Browsing {
  context: BrowserContext;
  page: Page;
  /** Content-Security-Policy violations seen by the page (directive, blocked URI, sample). */
  cspViolations(): Promise<string[]>;
  /** Requests that left our origin (blob: and data: URLs of the page itself excepted). */
  foreignRequests: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

/** A phone-sized Chromium with a fresh profile (so a fresh localStorage and user id). */
export async function openBrowser(
  baseUrl: string,
  options: { width?: number; height?: number; locale?: string } = {},
): Promise<Browsing> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'boussole-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: options.width ?? 390, height: options.height ?? 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: options.locale ?? 'fr-FR',
  });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  const origin = new URL(baseUrl).origin;
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith('data:')) return;
    foreignRequests.push(url);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.setDefaultTimeout(STEP);
  return {
    context,
    page,
    foreignRequests,
    pageErrors,
    cspViolations: () => page.evaluate(() => [...(window as unknown as { __csp: string[] }).__csp]),
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

type Tree = { [key: string]: string | string[] | Tree };

/** `t(key)` over `locales/<lng>/chat.json`, falling back to French as the bot does. */
export function chatTexts(lng: string): (key: string) => string {
  const load = (l: string): Tree | undefined => {
    const file = join(ROOT, 'locales', l, 'chat.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Tree) : undefined;
  };
  const trees = [load(lng), load('fr')].filter((t): t is Tree => t !== undefined);
  const lookup = (tree: Tree, key: string): string | undefined => {
    let node: Tree | string | string[] | undefined = tree;
    for (const part of key.split('.')) node = typeof node === 'object' && !Array.isArray(node) ? node[part] : undefined;
    return typeof node === 'string' ? node : undefined;
  };
  return (key) => {
    for (const tree of trees) {
      const value = lookup(tree, key);
      if (value !== undefined) return value;
    }
    throw new Error(`missing chat text ${key}`);
  };
}

/**
 * A piece of a bot text that survives Markdown rendering (no quotes, asterisks, brackets), to find the
 * message on screen.
 */
export function probe(text: string): string {
  const pieces = text
    .split(/['"«»*_`[\]()\n:?!.,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const longest = pieces.reduce((a, b) => (b.length > a.length ? b : a), '');
  return longest.slice(0, 40);
}

export const activities = (page: Page): Locator => page.locator('.webchat__basic-transcript__activity');

/** Waits until at least `count` transcript activities contain the text. */
export async function waitForBotText(page: Page, text: string, count = 1): Promise<void> {
  const hit = activities(page).filter({ hasText: probe(text) });
  await hit.nth(count - 1).waitFor({ state: 'visible', timeout: STEP });
}

/** Taps a suggested action (the big buttons under the bot's last message). */
export async function tapSuggested(page: Page, title: string): Promise<void> {
  const button = page.locator('.webchat__suggested-actions').getByRole('button', { name: title, exact: true }).first();
  await button.waitFor({ state: 'visible', timeout: STEP });
  await button.click();
}

/** Answers a question by a suggested action once the question is on screen. */
export async function answer(page: Page, question: string, button: string, occurrence = 1): Promise<void> {
  await waitForBotText(page, question, occurrence);
  await tapSuggested(page, button);
}

export async function typeAndSend(page: Page, text: string): Promise<void> {
  const input = page.locator('.webchat__send-box textarea:not([aria-hidden="true"])').first();
  await input.waitFor({ state: 'visible', timeout: STEP });
  await input.fill(text);
  await input.press('Enter');
}

/** Which of these texts shows first in a new bot message (after `after` activities). */
export async function firstOf(page: Page, texts: Record<string, string>, after: number): Promise<string> {
  const deadline = Date.now() + STEP;
  let fresh = '';
  while (Date.now() < deadline) {
    const all = await activities(page).allInnerTexts();
    fresh = all.slice(after).join('\n');
    for (const [name, text] of Object.entries(texts)) if (fresh.includes(probe(text))) return name;
    await page.waitForTimeout(150);
  }
  throw new Error(`none of ${Object.keys(texts).join(', ')} appeared in:\n${fresh.slice(-1500)}`);
}

/**
 * The whole questionnaire by taps (the town is typed): a refugee since this year, CIR signed, a little
 * French, in Limoges, needing French classes and work; follow-up questions answered as they come.
 */
export async function completeConversation(page: Page, lng: string): Promise<void> {
  const t = chatTexts(lng);
  await answer(page, t('q.language'), t('language.name'));
  await answer(page, t('q.status'), t('choice.status.bpi'));
  await answer(page, t('q.statusSince.bpi'), t('choice.since.thisYear'));
  await answer(page, t('q.cir'), t('choice.yes'));
  await answer(page, t('q.frenchLevel'), t('choice.level.A2'));
  await waitForBotText(page, t('q.location'));
  await typeAndSend(page, 'Limoges');
  await answer(page, t('q.needs'), t('choice.need.language'));
  await answer(page, t('q.moreNeeds'), t('choice.need.employment'));
  await waitForBotText(page, t('q.moreNeeds'), 2);
  let seen = await activities(page).count();
  await tapSuggested(page, t('choice.need.done'));

  // Follow-ups depend on the rules: answer whichever comes, until the plan.
  const followUps: Record<string, [question: string, button: string]> = {
    age: [t('q.age'), t('choice.age.26to29')],
    disability: [t('q.disability'), t('choice.no')],
    foreignLicence: [t('q.foreignLicence'), t('choice.no')],
    children: [t('q.children.schoolAge'), t('choice.no')],
    readsWrites: [t('q.readsWrites'), t('choice.yes')],
  };
  const expected: Record<string, string> = { plan: t('plan.intro') };
  for (const [name, [question]] of Object.entries(followUps)) expected[name] = question;
  for (let turn = 0; turn < 6; turn += 1) {
    const next = await firstOf(page, expected, seen);
    if (next === 'plan') return;
    const [, button] = followUps[next]!;
    delete expected[next];
    seen = await activities(page).count();
    await tapSuggested(page, button);
  }
  throw new Error('no plan after the follow-up questions');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export function readStorage(page: Page): Promise<{ userId: string | null; conversation: { conversationId: string; token: string } | null }> {
  return page.evaluate(() => ({
    // The server-signed credential "<user id>.<signature>"; tests compare the id part.
    userId: localStorage.getItem('boussole.user')?.split('.')[0] ?? null,
    conversation: JSON.parse(localStorage.getItem('boussole.conversation') ?? 'null') as { conversationId: string; token: string } | null,
  }));
}

const RTL = new Set(['ar', 'fa', 'ps']);

/** Opens the page (which starts in the browser's language), then picks `lng` in the language picker. */
export async function openAndPick(page: Page, url: string, from: string, lng: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.locator(`html[lang="${from}"]`).waitFor({ state: 'attached' });
  await page.selectOption('#language', lng);
  await page.locator(`html[lang="${lng}"][dir="${RTL.has(lng) ? 'rtl' : 'ltr'}"]`).waitFor({ state: 'attached' });
}

/**
 * The plan's first message (three things to do now, each with its place) scrolled to the top is whole
 * above the buttons that follow it, and those buttons take at most a quarter of the screen.
 */
export async function expectFirstScreenReadable(page: Page, firstLine: string): Promise<void> {
  const plan = activities(page).filter({ hasText: probe(firstLine) }).last();
  // As a person does: scroll the transcript up with the finger (Web Chat re-sticks programmatic scrolls).
  const transcript = page.locator('.webchat__basic-transcript__scrollable').first();
  const area = (await transcript.boundingBox())!;
  await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
  for (let i = 0; i < 5; i++) {
    const top = (await plan.boundingBox())!.y;
    if (Math.abs(top - area.y) < 2) break;
    await page.mouse.wheel(0, top - area.y);
    await page.waitForTimeout(300);
  }
  const box = await plan.boundingBox();
  const menu = await page.locator('.webchat__suggested-actions').last().boundingBox();
  const viewport = page.viewportSize()!;
  expect(box && menu).toBeTruthy();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(menu!.y + 1);
  expect(menu!.height).toBeLessThanOrEqual(viewport.height / 4);
  expect(await plan.locator('li').count()).toBe(3);
}
