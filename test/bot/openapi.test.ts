import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { LOCALES } from '../../knowledge/contracts/vocabulary';
import { caseless } from '../../bot/api/openapi';
import { NotReady, createServer } from '../../bot/server';
import { testEngine } from '../support/engine';
import { ROOT, startServer, type Started } from '../support/process';

/**
 * GET /api/openapi.json against the OpenAPI 3.1 schema, and the real answers of a real server process
 * against the document: every answer's status and content type must be documented and its body valid
 * against the documented schema, every documented answer must be seen, and the document's Profile schema
 * must take exactly what the API takes.
 */

interface Operation {
  responses: Record<string, { content: Record<string, unknown> }>;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

/** The ESM-only validator and ajv run in their own Node process (openapi-checker.mjs), one JSON line each way. */
class Checker {
  private readonly child: ChildProcessWithoutNullStreams = spawn(process.execPath, [join(__dirname, 'openapi-checker.mjs')], { cwd: ROOT });
  private readonly waiting: Array<(answer: unknown) => void> = [];

  constructor() {
    createInterface({ input: this.child.stdout }).on('line', (line) => this.waiting.shift()?.(JSON.parse(line)));
  }

  ask<T>(request: unknown): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.push(resolve as (answer: unknown) => void);
      this.child.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }

  /** The schema errors of `value` at `path` in the document (null when valid). */
  async errors(path: string[], value: unknown): Promise<unknown> {
    const pointer = path.map((p) => `/${p.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
    return (await this.ask<{ errors: unknown }>({ pointer, value })).errors;
  }

  stop(): void {
    this.child.stdin.end();
  }
}

let server: Started;
let checker: Checker;
let document: OpenApi;
let loaded: { valid: boolean; errors?: unknown };
const seen = new Set<string>();

beforeAll(async () => {
  checker = new Checker();
  server = await startServer({ BOUSSOLE_TODAY: '2026-11-23', DATA_DIR: mkdtempSync(join(tmpdir(), 'openapi-')) });
  document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApi;
  loaded = await checker.ask({ document });
}, 60_000);
afterAll(async () => {
  checker.stop();
  await server.stop();
});

/** Checks a real answer against the document and returns its body. */
async function expectDescribed(res: Response, method: string, path: string): Promise<unknown> {
  const operation = document.paths[path]?.[method];
  expect(operation).toBeDefined();
  const status = String(res.status);
  expect(Object.keys(operation!.responses)).toContain(status);
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  expect(Object.keys(operation!.responses[status]!.content)).toContain(type);
  const body: unknown = await res.json();
  expect(await checker.errors(['paths', path, method, 'responses', status, 'content', type, 'schema'], body)).toBeNull();
  seen.add(`${method} ${path} ${status}`);
  return body;
}

const post = (body: string | Blob, headers: Record<string, string> = { 'content-type': 'application/json' }, query = '') =>
  fetch(`${server.url}/api/orientation${query}`, { method: 'POST', body, headers });
const orientation = (res: Response) => expectDescribed(res, 'post', '/api/orientation');

const FULL_PROFILE = {
  status: 'bpi',
  protection: 'refugee',
  statusSince: '2026-03',
  cir: 'signed',
  frenchLevel: 'none',
  readsWrites: false,
  location: { postcode: '87000' },
  age: 19,
  needs: ['language', 'housing', 'mobility', 'employment', 'schooling', 'health'],
  children: { schoolAge: true, under3: true },
  foreignLicence: true,
  disability: false,
};

describe('the OpenAPI document (real server process)', () => {
  it('is a valid OpenAPI 3.1 document, served as JSON', async () => {
    expect(loaded).toEqual({ valid: true });
    expect(document.openapi).toMatch(/^3\.1\./);
    const body = await expectDescribed(await fetch(`${server.url}/api/openapi.json`), 'get', '/api/openapi.json');
    expect(body).toEqual(document);
  });

  it('describes /healthz and /readyz as they answer', async () => {
    expect(await expectDescribed(await fetch(`${server.url}/healthz`), 'get', '/healthz')).toMatchObject({ status: 'ok' });
    // A fresh process says 'warming' (503) until its recognizers are built: every answer must be described.
    let readiness = await expectDescribed(await fetch(`${server.url}/readyz`), 'get', '/readyz');
    while ((readiness as { status: string }).status !== 'ready') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      readiness = await expectDescribed(await fetch(`${server.url}/readyz`), 'get', '/readyz');
    }
  }, 30_000);

  it.each([
    ['still warming', new NotReady('warming')],
    ['a store that cannot write', new Error('EACCES')],
  ])('describes /readyz when not ready: %s', async (_case, why) => {
    const inProcess = createServer({ engine: testEngine(), ready: () => Promise.reject(why) });
    await new Promise<void>((resolve) => inProcess.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(inProcess.address() as AddressInfo).port}/readyz`;
      expect(await expectDescribed(await fetch(url), 'get', '/readyz')).toMatchObject({ status: 'unavailable' });
    } finally {
      inProcess.close();
    }
  });

  it.each(LOCALES)('describes the result of a full profile in %s', async (locale) => {
    expect(await orientation(await post(JSON.stringify(FULL_PROFILE), undefined, `?locale=${locale}`))).toMatchObject({ locale });
  });

  it.each([
    ['resolved', { commune: 'Aurillac' }],
    ['ambiguous', { commune: 'Saint-Denis' }],
    ['not_found', { commune: 'Zzyzxville' }],
    ['unknown', undefined],
  ])('describes a result whose location is %s', async (status, location) => {
    const body = await orientation(await post(JSON.stringify({ status: 'asylum_seeker', location })));
    expect(body).toMatchObject({ location: { status } });
  });

  it.each([
    ['a profile with unknown, wrong and out-of-range fields', JSON.stringify({ status: 'refugee', age: -3, extra: 1 }), '', 'invalid_profile'],
    ['a profile that is not an object', '[1,2]', '', 'invalid_profile'],
    ['an unknown ?locale=', '{}', '?locale=xx', 'invalid_locale'],
    ['malformed JSON', '{"status": ', '', 'invalid_json'],
    ['an empty body', '', '', 'invalid_json'],
  ])('describes the 400 for %s', async (_case, body, query, error) => {
    const res = await post(body, undefined, query);
    expect(res.status).toBe(400);
    expect(await orientation(res)).toMatchObject({ error });
  });

  it('describes the 413 for a body over 64 KiB', async () => {
    const res = await post(JSON.stringify({ status: 'bpi', pad: 'x'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
    expect(await orientation(res)).toEqual({ error: 'payload_too_large', message: expect.any(String) });
  });

  it.each([
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['text', { 'content-type': 'text/plain' }],
    ['no content type', {}],
  ])('describes the 415 for %s', async (_case, headers) => {
    // A Blob without a type, not a string: fetch would declare a string as text/plain.
    const res = await post(new Blob(['{"status":"bpi"}']), headers);
    expect(res.status).toBe(415);
    expect(await orientation(res)).toEqual({ error: 'unsupported_media_type', message: expect.any(String) });
  });

  it.each([
    ['an empty profile', {}, true],
    ['a full profile', FULL_PROFILE, true],
    ['a lower-case Corsican INSEE code', { location: { inseeCode: '2a004' } }, true],
    ['a lower-case Corsican department', { location: { department: '2b' } }, true],
    ['readsWrites "unknown"', { readsWrites: 'unknown' }, true],
    ['a location naming no place', { location: {} }, false],
    ['an unknown field', { agee: 30 }, false],
    ['an unknown location field', { location: { city: 'Lyon' } }, false],
    ['a negative age', { age: -1 }, false],
    ['a fractional age', { age: 3.5 }, false],
    ['a month 13', { statusSince: '2026-13' }, false],
    ['an unknown need', { needs: ['housing', 'jobs'] }, false],
    ['a four-digit postcode', { location: { postcode: '7500' } }, false],
    ['an unknown field in children', { children: { schoolAge: true, teen: true } }, false],
    ['an array', [1, 2], false],
  ])('the Profile schema and the API agree on %s', async (_case, profile, accepted) => {
    const res = await post(JSON.stringify(profile));
    expect(res.status).toBe(accepted ? 200 : 400);
    expect((await checker.errors(['components', 'schemas', 'Profile'], profile)) === null).toBe(accepted);
    await orientation(res);
  });

  it('the Locale schema takes exactly the locales the API takes', async () => {
    expect(await checker.errors(['components', 'schemas', 'Locale'], 'xx')).not.toBeNull();
    for (const locale of LOCALES) expect(await checker.errors(['components', 'schemas', 'Locale'], locale)).toBeNull();
  });

  it('every answer the document lists was seen above', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) => Object.keys(operation.responses).map((status) => `${method} ${path} ${status}`)),
    );
    expect([...seen].sort()).toEqual(documented.sort());
  });
});

describe('caseless (regex flags into JSON Schema patterns)', () => {
  it('spells letters in both cases, leaving escapes, digits and ranges of digits alone', () => {
    expect(caseless('^(\\d{5}|2[AB]\\d{3})$')).toBe('^(\\d{5}|2[aAbB]\\d{3})$');
    expect(caseless('^x[1-6]\\w$')).toBe('^[xX][1-6]\\w$');
    expect(new RegExp(caseless('^2[AB]$')).test('2b')).toBe(true);
  });

  it('refuses a letter range it would get wrong', () => {
    expect(() => caseless('[A-Z]')).toThrow(/letter range/);
  });
});
