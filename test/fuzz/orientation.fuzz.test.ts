import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { futureMonthIssues, parseProfile } from '../../knowledge/contracts/profile';
import { ResultSchema } from '../../knowledge/contracts/result';
import { CIR_STATES, FRENCH_LEVELS, LOCALES, PROTECTIONS, STATUSES, THEMES } from '../../knowledge/contracts/vocabulary';
import { textsFor } from '../../dialogs/i18n';
import { startServer, type Started } from '../support/process';
import { deepNest, headerValue, hostileKey, hostileText, obj, percent, PROTOTYPE_KEYS, toJson, tree, wide, withBadBytes, type Tree } from './arbitraries';
import { plannedInputs, RUNS } from './budget';
import { check, checkEachTest, Client, collectStderr, culprits, expectAlive, expectConversationToPlan, expectDataParses, expectLoopFree, expectSane, Probe, seedOf, topSlow, writeSummary, type Answer } from './support';

/**
 * POST /api/orientation over real HTTP with random and hostile profiles, bodies, headers and queries.
 * Invariants: never a 5xx (a rejection is a 4xx with a JSON error body), a 200 is a valid result, the
 * server agrees with the profile schema, the process stays up, the event loop is never blocked.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'fuzz-api-'));
let server: Started;
let client: Client;
let probe: Probe;
let stderr: () => string[];

beforeAll(async () => {
  server = await startServer({ DATA_DIR: dataDir, BOUSSOLE_TODAY: TODAY.toISOString().slice(0, 10) });
  stderr = collectStderr(server);
  client = new Client(server.url);
  // Warm the engine and the place search before measuring anything.
  await client.send({ method: 'POST', path: '/api/orientation', headers: { 'Content-Type': 'application/json' }, body: '{"location":{"commune":"Limoges"},"needs":["housing"]}' }, { count: false });
  probe = new Probe(server.url);
  await probe.settle();
}, 60_000);

afterAll(async () => {
  await probe?.stop();
  client?.close();
  await server?.stop();
});

const JSON_TYPE = { 'Content-Type': 'application/json' };
const post = (body: string | Buffer, label: string, headers: Record<string, string> = JSON_TYPE, query = '', chunked = false): Promise<Answer> =>
  client.send({ method: 'POST', path: `/api/orientation${query}`, headers, body, label, chunked });

/** A field's value: most often a valid one, else anything. */
const field = (valid: fc.Arbitrary<Tree>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: tree });
const month = fc.tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
/** The server's pinned today: a month after it is refused as a typo. */
const TODAY = new Date('2026-11-27T12:00:00Z');
const pastMonth = month.filter((m) => m <= TODAY.toISOString().slice(0, 7));
const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const locationQuery: fc.Arbitrary<Tree> = fc.oneof(
  digits(5).map((postcode) => obj([['postcode', postcode]])),
  fc.oneof(fc.constantFrom('Limoges', 'Saint-Denis', 'Paris', 'Aurillac', 'Ajaccio', 'Cayenne', 'Marseille 13e', 'st denis', 'PARIS', 'lyon'), hostileText(120)).map((commune) => obj([['commune', commune]])),
  fc.oneof(digits(5), fc.constantFrom('2A004', '2b033', '97411')).map((inseeCode) => obj([['inseeCode', inseeCode]])),
  fc.oneof(digits(2), fc.constantFrom('2A', '2b', '971', '976', '977', '00', '20')).map((department) => obj([['department', department]])),
  fc.array(fc.tuple(fc.constantFrom('postcode', 'commune', 'inseeCode', 'department', '__proto__', 'x'), leafish()), { maxLength: 4 }).map(obj),
);

function leafish(): fc.Arbitrary<Tree> {
  return fc.oneof(hostileText(40), digits(5), fc.constant(null));
}

/** A profile as an attacker writes it: each field valid or not, plus prototype keys and unknown fields. */
const profile: fc.Arbitrary<Tree> = fc
  .record(
    {
      status: field(fc.constantFrom(...STATUSES)),
      protection: field(fc.constantFrom(...PROTECTIONS)),
      statusSince: field(fc.oneof(month, hostileText(20))),
      cir: field(fc.constantFrom(...CIR_STATES)),
      frenchLevel: field(fc.constantFrom(...FRENCH_LEVELS)),
      readsWrites: field(fc.constantFrom<Tree>(true, false, 'unknown')),
      location: field(locationQuery),
      age: field(fc.oneof(fc.integer({ min: -5, max: 130 }).map((n) => ({ raw: String(n) })), fc.constantFrom<Tree>({ raw: '25.5' }, { raw: '1e400' }, '25'))),
      needs: field(fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom<Tree>(...THEMES) }, { weight: 1, arbitrary: tree }), { maxLength: 16 })),
      children: field(fc.array(fc.tuple(fc.constantFrom('schoolAge', 'under3', '__proto__', 'x'), fc.constantFrom<Tree>(true, false, null, 'yes')), { maxLength: 3 }).map(obj)),
      foreignLicence: field(fc.boolean()),
      disability: field(fc.boolean()),
      locale: field(fc.constantFrom(...LOCALES)),
    },
    { requiredKeys: [] },
  )
  .chain((fields) =>
    fc.tuple(fc.constant(fields), fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.tuple(hostileKey, tree), { maxLength: 3 }) }), fc.boolean()),
  )
  .map(([fields, extra, shuffle]) => {
    const entries = [...(Object.entries(fields) as Array<[string, Tree]>), ...extra];
    return obj(shuffle ? entries.reverse() : entries);
  });

/** A profile that must be accepted: every field valid (or absent). */
const validProfile = fc.record(
  {
    status: fc.constantFrom(...STATUSES),
    protection: fc.constantFrom(...PROTECTIONS),
    statusSince: pastMonth,
    cir: fc.constantFrom(...CIR_STATES),
    frenchLevel: fc.constantFrom(...FRENCH_LEVELS),
    readsWrites: fc.constantFrom(true, false, 'unknown' as const),
    location: fc.oneof(
      digits(5).map((postcode) => ({ postcode })),
      // Any script, trimmed, 1 to 100 characters: what the schema takes (and the place search must survive).
      hostileText(100).map((s) => s.trim().slice(0, 100)).filter((s) => s.length > 0).map((commune) => ({ commune })),
      digits(5).map((inseeCode) => ({ inseeCode })),
      fc.oneof(digits(2), fc.constantFrom('2A', '2B', '971', '974')).map((department) => ({ department })),
    ),
    age: fc.integer({ min: 0, max: 120 }),
    needs: fc.uniqueArray(fc.constantFrom(...THEMES), { maxLength: THEMES.length }),
    children: fc.record({ schoolAge: fc.boolean(), under3: fc.boolean() }, { requiredKeys: [] }),
    foreignLicence: fc.boolean(),
    disability: fc.boolean(),
    locale: fc.constantFrom(...LOCALES),
  },
  { requiredKeys: [] },
);

/** 200 with a valid result, or 400 invalid_profile with its issues, as the profile schema says. */
function expectOrientation(answer: Answer, sent: string, label: string, localeOk = true): void {
  expectSane(answer, label, [200, 400, 413, 415]);
  let parsed: unknown;
  let isJson = true;
  try {
    parsed = JSON.parse(sent);
  } catch {
    isJson = false;
  }
  if (answer.status === 200) {
    const result = ResultSchema.safeParse(answer.json);
    if (!result.success) throw new Error(`a 200 that is not a valid result: ${label}: ${result.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  if (answer.status === 400) {
    const body = answer.json as { error?: string; issues?: Array<{ path: unknown; message: unknown }> };
    if (!['invalid_profile', 'invalid_locale'].includes(body.error ?? '')) throw new Error(`400 without a known error code: ${label}: ${answer.text.slice(0, 200)}`);
    if (!Array.isArray(body.issues) || body.issues.length === 0 || !body.issues.every((i) => typeof i.path === 'string' && typeof i.message === 'string')) {
      throw new Error(`400 without issues: ${label}: ${answer.text.slice(0, 200)}`);
    }
  }
  if (isJson && localeOk && Buffer.byteLength(sent) <= 64 * 1024) {
    const profile = parseProfile(parsed);
    // The schema, then the API's clock: a month after the server's today (pinned below) is refused too.
    const expected = profile.ok && futureMonthIssues(profile.profile, TODAY).length === 0 ? 200 : 400;
    if (answer.status !== expected) throw new Error(`expected ${expected} as the profile schema says, got ${answer.status}: ${label}: ${answer.text.slice(0, 200)}`);
  }
}

describe('POST /api/orientation fuzzing (real server process)', () => {
  checkEachTest(() => ({ server, client, probe }));

  it('random profiles, each field valid or hostile, with prototype keys and unknown fields', async () => {
    await check(
      'profiles',
      fc.tuple(profile, fc.option(fc.constantFrom(...LOCALES), { nil: undefined })),
      async ([tree, locale]) => {
        const body = toJson(tree);
        const label = `POST /api/orientation${locale ? `?locale=${locale}` : ''} ${body.slice(0, 200)}`;
        expectOrientation(await post(body, label, JSON_TYPE, locale ? `?locale=${locale}` : ''), body, label);
      },
      { numRuns: RUNS.orientation.profiles, seed: seedOf(1101) },
    );
  });

  it('valid profiles (places typed in any script) always get a result', async () => {
    await check(
      'valid profiles',
      validProfile,
      async (p) => {
        const body = JSON.stringify(p);
        const label = `POST /api/orientation ${body.slice(0, 200)}`;
        const answer = await post(body, label);
        if (answer.status !== 200) throw new Error(`a valid profile got ${answer.status}: ${label}: ${answer.text.slice(0, 200)}`);
        expectOrientation(answer, body, label);
      },
      { numRuns: RUNS.orientation.validProfiles, seed: seedOf(1102) },
    );
  });

  it('any JSON: wrong types, prototype keys, deep nesting, wide arrays', async () => {
    const body = fc.oneof(
      { weight: 4, arbitrary: tree.map(toJson) },
      { weight: 1, arbitrary: deepNest.map((d) => d.raw) },
      { weight: 1, arbitrary: deepNest.map((d) => toJson(obj([['location', d]]))) },
      { weight: 1, arbitrary: wide.map((w) => toJson(obj([['needs', w]]))) },
      { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS).map((k) => `{"${k}":{"status":"bpi","isAdmin":true},"status":"bpi"}`) },
      { weight: 1, arbitrary: fc.constantFrom('{"__proto__":null}', '{"constructor":{"prototype":{"polluted":1}}}', '{"needs":{"length":3}}', '{"status":"bpi","status":"x"}', '{"location":{"__proto__":{"commune":"Paris"}}}') },
      { weight: 1, arbitrary: fc.integer({ min: 60_000, max: 80_000 }).map((n) => JSON.stringify({ status: 'bpi', pad: 'x'.repeat(n) })) },
    );
    await check(
      'json bodies',
      body,
      async (text) => {
        const label = `POST /api/orientation ${text.slice(0, 200)} (${text.length} chars)`;
        expectOrientation(await post(text, label), text, label);
      },
      { numRuns: RUNS.orientation.jsonBodies, seed: seedOf(1103) },
    );
  });

  it('raw bodies: invalid UTF-8, random bytes, UTF-16, truncated JSON, chunked', async () => {
    const truncated = profile.map(toJson).chain((text) => fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n)));
    const body = fc.oneof(withBadBytes(profile.map(toJson)), truncated.map((t) => Buffer.from(t)));
    await check(
      'raw bodies',
      fc.tuple(body, fc.boolean()),
      async ([bytes, chunked]) => {
        const label = `POST /api/orientation${chunked ? ' (chunked)' : ''} <${bytes.length} bytes> ${bytes.subarray(0, 80).toString('hex')}`;
        expectSane(await post(bytes, label, JSON_TYPE, '', chunked), label, [200, 400, 413, 415]);
      },
      { numRuns: RUNS.orientation.rawBodies, seed: seedOf(1104) },
    );
  });

  it('headers and queries: Content-Type, Accept, Content-Encoding, repeated and nested query keys', async () => {
    const contentType = fc.oneof(
      fc.constantFrom('application/json', 'APPLICATION/JSON', 'application/json; charset=utf-8', 'application/json;charset=latin1', 'application/json; charset=utf-16', 'application/ld+json', 'application/vnd.api+json',
        'application/json, text/plain', 'text/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', ' application/json ', 'application/jsonp', '+json'),
      headerValue,
    );
    const query = fc.oneof(
      fc.constant(''),
      fc.constantFrom(...LOCALES).map((l) => `?locale=${l}`),
      fc.constantFrom('?locale=', '?locale=xx', '?locale=fr&locale=en', '?locale[]=fr', '?locale[a]=fr', '?locale=__proto__', '?__proto__[locale]=fr', '?constructor[prototype][x]=1', '?locale=%', '?locale=%E0%A4%A', '?=&&=', '?locale=fr%00', `?${'a=1&'.repeat(2000)}`),
      hostileText(30).map((s) => `?locale=${percent(s)}`),
      fc.tuple(hostileKey, hostileText(20)).map(([k, v]) => `?${percent(k)}=${percent(v)}`),
    );
    const encodingHeaders = fc.record(
      {
        Accept: fc.oneof(fc.constantFrom('application/json', 'text/html', 'image/png', '*/*', 'application/xml', ''), headerValue),
        'Content-Encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x'),
        'Accept-Encoding': fc.constantFrom('gzip', 'br', '*', ''),
        'Accept-Language': headerValue,
        Origin: headerValue,
        'X-Forwarded-For': headerValue,
        Expect: fc.constantFrom('100-continue'),
      },
      { requiredKeys: [] },
    );
    await check(
      'headers and queries',
      fc.tuple(contentType, query, encodingHeaders, validProfile),
      async ([type, q, extra, p]) => {
        const body = JSON.stringify(p);
        const headers: Record<string, string> = { ...(extra as Record<string, string>), ...(type === '' ? {} : { 'Content-Type': type }) };
        const label = `POST /api/orientation${q.slice(0, 100)} headers=${JSON.stringify(headers).slice(0, 300)}`;
        const answer = await post(body, label, headers, q);
        expectSane(answer, label, [200, 400, 413, 415]);
        const base = type.split(';')[0]!.trim().toLowerCase();
        const json = base === 'application/json' || base.endsWith('+json');
        if (!json && answer.status !== 415) throw new Error(`not JSON, yet ${answer.status}: ${label}`);
      },
      { numRuns: RUNS.orientation.headersAndQueries, seed: seedOf(1105) },
    );
  });

  it('kept every invariant: server up, event loop free, data intact, every input sent', async () => {
    expect((await expectConversationToPlan(server.url, textsFor('fr').t('welcome.hello'))).slice(0, 3)).toEqual(['language', 'status', 'statusSince']);
    await probe.settle(3);
    await probe.stop();
    const worst = probe.worst();
    writeSummary('orientation', {
      inputs: client.sent,
      statuses: client.statuses,
      probe: { samples: probe.samples.length, worstMs: Math.round(worst.ms), failures: probe.failures().length, inFlight: culprits(probe, client.slow) },
      slowestRequests: topSlow(client.slow),
      over100ms: client.slow.length,
      serverStderr: stderr().slice(0, 50),
    });
    expect(client.sent).toBeGreaterThanOrEqual(plannedInputs('orientation'));
    await expectLoopFree(probe, 0, client.slow);
    await expectAlive(server, client);
    await expectDataParses(dataDir);
  }, 60_000);
});
