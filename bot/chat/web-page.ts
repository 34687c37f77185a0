import { randomBytes } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzip } from 'node:zlib';
import type { Next, Request, Response, Server } from 'restify';
import { z } from 'zod';
import { LOCALES } from '../../knowledge/contracts/vocabulary';
import { loadPageStrings } from '../pages/strings';

/**
 * The Web Chat page: GET / (the page, with a per-request CSP nonce), a fixed list of static files from
 * bot/public, the Web Chat bundle from node_modules and the Web Chat UI strings of our 8 locales.
 * The professionals' pages: GET /check (quick check) and GET /summary (bilingual hand-over, QR code),
 * their scripts and styles, the QR generator from node_modules and their labels (/i18n/pages/<lng>.json).
 * Everything is same-origin, so the pages work under `default-src 'self'`. Only listed paths are served;
 * anything else is restify's 404.
 */

const PUBLIC_DIR = join(__dirname, '..', 'public');
const LOCALES_DIR = join(__dirname, '..', '..', 'locales');
const WEBCHAT_DIST = join(dirname(require.resolve('botframework-webchat')), '..', 'dist');
const WEBCHAT_BUNDLE = join(WEBCHAT_DIST, 'webchat.js');

const YEAR_SECONDS = 365 * 24 * 3600;

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** Static files, by URL path: nothing outside this list is ever read from disk. */
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  '/app.js': { file: join(PUBLIC_DIR, 'app.js'), type: JS },
  '/app.css': { file: join(PUBLIC_DIR, 'app.css'), type: CSS },
  '/favicon.svg': { file: join(PUBLIC_DIR, 'favicon.svg'), type: 'image/svg+xml' },
  '/pages.css': { file: join(PUBLIC_DIR, 'pages.css'), type: CSS },
  '/plan-view.js': { file: join(PUBLIC_DIR, 'plan-view.js'), type: JS },
  '/check.js': { file: join(PUBLIC_DIR, 'check.js'), type: JS },
  '/summary.js': { file: join(PUBLIC_DIR, 'summary.js'), type: JS },
  // qrcode-generator's browser build (a global `qrcode`): the summary draws its QR code in the browser.
  '/qrcode.js': { file: join(dirname(require.resolve('qrcode-generator')), 'qrcode.js'), type: JS },
};

/** The professionals' pages, static HTML: no inline script or style, so no nonce either. */
const PAGES: Record<string, string> = {
  '/check': join(PUBLIC_DIR, 'check.html'),
  '/summary': join(PUBLIC_DIR, 'summary.html'),
};

/** Strings of `locales/<lng>/webchat.json`: Web Chat's keys (overrideLocalizedStrings) and the page's own. */
const webchatStringsSchema = z.object({
  webchat: z.record(z.string(), z.string()),
  page: z.record(z.string(), z.string()),
});

/**
 * sha256 of the empty string. Web Chat 4.18.1 passes its `nonce` to its own emotion caches but not to
 * react-scroll-to-bottom's, which creates an empty `<style data-emotion="react-scroll-to-bottom--css-…">`
 * and fills it through CSSOM (insertRule, not governed by CSP). Allowing exactly an empty style element
 * keeps the transcript scrollable without 'unsafe-inline'.
 */
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/**
 * The policy the page runs under. Web Chat injects its styles through emotion, which takes the nonce
 * (`nonce` prop); its icons are data: or blob: images; Direct Line is polled on this origin.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}' ${EMPTY_STYLE_HASH}`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The policy of /check and /summary: same-origin scripts, styles and API calls, nothing inline, and no form
 * submission at all (a submitted form would put the profile in a URL).
 */
export function pagesContentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function commonHeaders(res: Response): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

function readWebchatVersion(): string {
  const pkg = JSON.parse(readFileSync(join(WEBCHAT_DIST, '..', 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

function loadLocaleStrings(): Map<string, string> {
  const out = new Map<string, string>();
  for (const lng of LOCALES) {
    const parsed = webchatStringsSchema.parse(JSON.parse(readFileSync(join(LOCALES_DIR, lng, 'webchat.json'), 'utf8')));
    out.set(lng, JSON.stringify(parsed));
  }
  return out;
}

/** Adds GET /, the page's static files, /webchat.js and /i18n/<lng>.json to the server. */
export function mountWebPage(server: Server): void {
  const webchatVersion = readWebchatVersion();
  const template = readFileSync(join(PUBLIC_DIR, 'index.html'), 'utf8');
  const statics = new Map(Object.entries(STATIC_FILES).map(([path, { file, type }]) => [path, { body: readFileSync(file), type }]));
  const pages = new Map(Object.entries(PAGES).map(([path, file]) => [path, readFileSync(file)]));
  const strings = loadLocaleStrings();
  const pageStrings: Map<string, string> = loadPageStrings();
  const bundleSize = statSync(WEBCHAT_BUNDLE).size;
  // The bundle is 3.9 MB: compressed once, on first demand (about 1 MB), then served from memory.
  let gzipped: Promise<Buffer> | undefined;
  const bundleGzip = () =>
    (gzipped ??= new Promise<Buffer>((resolve, reject) =>
      gzip(readFileSync(WEBCHAT_BUNDLE), { level: 9 }, (err, out) => (err ? reject(err) : resolve(out))),
    ));

  // The chat, and the same chat as the phone advisor's script (app.js starts it in advisor mode).
  const chatPage = (_req: Request, res: Response, next: Next) => {
    const nonce = randomBytes(18).toString('base64');
    const html = template.replaceAll('{{NONCE}}', nonce).replaceAll('{{WEBCHAT_VERSION}}', encodeURIComponent(webchatVersion));
    commonHeaders(res);
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce));
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    // The nonce changes on every load: the page itself is never cached.
    res.setHeader('Cache-Control', 'no-store');
    res.writeHead(200);
    res.end(html);
    next();
  };
  server.get('/', chatPage);
  server.get('/advisor', chatPage);

  // What these pages show comes from the URL fragment, never sent here; the plan is still never cached.
  for (const [path, html] of pages) {
    server.get(path, (_req: Request, res: Response, next: Next) => {
      commonHeaders(res);
      res.setHeader('Content-Security-Policy', pagesContentSecurityPolicy());
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.writeHead(200);
      res.end(html);
      next();
    });
  }

  for (const [path, file] of statics) {
    server.get(path, (_req: Request, res: Response, next: Next) => {
      commonHeaders(res);
      res.setHeader('Content-Type', file.type);
      res.setHeader('Cache-Control', 'no-cache');
      res.writeHead(200);
      res.end(file.body);
      next();
    });
  }

  // The page asks for /webchat.js?v=<version>, so a year of caching is safe across upgrades.
  server.get('/webchat.js', (req: Request, res: Response, next: Next) => {
    commonHeaders(res);
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    res.setHeader('Cache-Control', `public, max-age=${YEAR_SECONDS}, immutable`);
    res.setHeader('Vary', 'Accept-Encoding');
    if (/\bgzip\b/.test(String(req.header('accept-encoding') ?? ''))) {
      bundleGzip().then(
        (body) => {
          res.setHeader('Content-Encoding', 'gzip');
          res.setHeader('Content-Length', body.length);
          res.writeHead(200);
          res.end(body);
          next();
        },
        (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
      );
      return;
    }
    res.setHeader('Content-Length', bundleSize);
    res.writeHead(200);
    const stream = createReadStream(WEBCHAT_BUNDLE);
    stream.on('error', () => res.destroy());
    stream.on('end', () => next());
    stream.pipe(res);
  });

  server.get('/i18n/:file', localeJson(strings));
  server.get('/i18n/pages/:file', localeJson(pageStrings));
}

/** `<lng>.json` among the 8 known locales; the file name is never built from the request. */
function localeJson(bodies: Map<string, string>) {
  return (req: Request, res: Response, next: Next) => {
    const match = /^([a-z]{2})\.json$/.exec(String(req.params.file ?? ''));
    const body = match?.[1] ? bodies.get(match[1]) : undefined;
    commonHeaders(res);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    if (!body) {
      res.writeHead(404);
      res.end(JSON.stringify({ error: 'not_found', message: 'Unknown locale.' }));
      return next();
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.writeHead(200);
    res.end(body);
    next();
  };
}
