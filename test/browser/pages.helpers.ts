import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AxeResults, RunOptions } from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT } from '../support/process';

/** What the page tests share: the fragment's encoding, axe-core, the QR reader. */

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const JSQR_SOURCE = readFileSync(join(ROOT, 'node_modules', 'jsqr', 'dist', 'jsQR.js'), 'utf8');
const WCAG21_A_AA: RunOptions = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] };
const BLOCKING = new Set(['serious', 'critical']);

/** The summary's fragment for a profile, as the pages write it: base64url of its UTF-8 JSON. */
export const fragmentOf = (profile: object): string => Buffer.from(JSON.stringify(profile), 'utf8').toString('base64url');
export const profileOf = (fragment: string): unknown => JSON.parse(Buffer.from(fragment.replace(/^#/, ''), 'base64url').toString('utf8'));

/**
 * Serious and critical WCAG 2.1 A/AA violations, one line per rule. axe is run through the DevTools
 * protocol (evaluate), which the page's CSP does not govern, so the policy stays as served.
 */
export async function blockingViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (options) => (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } }).axe.run(document, options),
    WCAG21_A_AA,
  );
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => `${v.id} (${v.impact}): ${v.help}, at ${v.nodes.map((n) => `${n.target.join(' ')} [${firstReason(n.failureSummary)}]`).join(' | ')}`);
}

/** "Fix any of the following:\n  Element has insufficient color contrast of 4.19 (…)" → its first reason. */
const firstReason = (summary = '') => summary.split('\n')[1]?.trim() ?? summary;

/**
 * Reads a QR code from the pixels of an element, as a phone's camera would: a screenshot of it, decoded by
 * jsQR in a blank page of the same browser (canvas and ImageData without a CSP in the way).
 */
export async function readQrCode(context: BrowserContext, page: Page, selector: string): Promise<string | null> {
  const png = (await page.locator(selector).screenshot()).toString('base64');
  const blank = await context.newPage();
  try {
    await blank.evaluate(JSQR_SOURCE);
    return await blank.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context2d = canvas.getContext('2d')!;
      context2d.drawImage(image, 0, 0);
      const pixels = context2d.getImageData(0, 0, canvas.width, canvas.height);
      type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
      return (window as unknown as { jsQR: JsQr }).jsQR(pixels.data, pixels.width, pixels.height)?.data ?? null;
    }, png);
  } finally {
    await blank.close();
  }
}

/** The profiles the page posted to /api/orientation, and the URLs it posted them to. */
export function orientationPosts(page: Page): { urls: string[]; bodies: Record<string, unknown>[] } {
  const seen = { urls: [] as string[], bodies: [] as Record<string, unknown>[] };
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !new URL(request.url()).pathname.startsWith('/api/orientation')) return;
    seen.urls.push(request.url());
    seen.bodies.push(JSON.parse(request.postData() ?? 'null') as Record<string, unknown>);
  });
  return seen;
}
