import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { textsFor } from '../../dialogs/i18n';
import { LOCALES } from '../../knowledge/contracts/vocabulary';
import { isBot, seqOf, type WireActivity } from '../support/boussole-process';
import { startServer, type Started } from '../support/process';
import { dateLike, deepNest, headerValue, hostileKey, hostileText, nested, numberLike, obj, pathSafe, percent, PROTOTYPE_KEYS, repeated, sentence, toJson, tree, wide, withBadBytes, type Tree } from './arbitraries';
import { plannedInputs, RUNS } from './budget';
import {
  Addresses,
  check,
  checkEachTest,
  Client,
  collectStderr,
  culprits,
  expectAlive,
  expectConversationToPlan,
  expectDataParses,
  expectLoopFree,
  expectSane,
  LIMIT_PROBE_MS,
  Probe,
  seedOf,
  summarize,
  topSlow,
  writeSummary,
  type Answer,
} from './support';

/**
 * The local Direct Line over real HTTP: /tokens/generate with hostile headers and bodies, activities of
 * every wrong shape (and as raw bytes), typed answers at the "since when?" date question, hostile
 * watermarks, and forged, tampered or other conversations' tokens. Invariants: never a 5xx, a rejection
 * is a 4xx with a JSON error body, an accepted activity is stored as the server's own (the token's user,
 * the bounded fields only) and answered by the bot, the process stays up, the event loop stays free, and
 * afterwards a normal conversation still reaches its plan and every data file parses.
 */
const SECRET = 'fuzz-directline-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const BASE = '/v3/directline';
const t = textsFor('fr').t;
/** What the bot says, in any language, when a turn failed, and when the data was erased. */
const FAILED = new Set(LOCALES.map((l) => textsFor(l).t('error')));
const ERASED = new Set(LOCALES.map((l) => textsFor(l).t('erased')));

const dataDir = mkdtempSync(join(tmpdir(), 'fuzz-dl-'));
let server: Started;
let client: Client;
let probe: Probe;
let stderr: () => string[];
let origin: string;
/** Source addresses 127.2.x.y for new conversations: 25 each, under the cap of 30 per address. */
const addresses = new Addresses(2);

beforeAll(async () => {
  server = await startServer({ DATA_DIR: dataDir, BOUSSOLE_TODAY: '2026-11-27', DIRECTLINE_TOKEN_SECRET: SECRET });
  stderr = collectStderr(server);
  client = new Client(server.url);
  origin = server.url;
  // Warm the bot (and its recognizers) before measuring anything: a first conversation answers a date in words.
  const warm = await Conv.open('date');
  await warm.post({ type: 'message', text: 'mars 2025' }, false);
  probe = new Probe(server.url);
  await probe.settle();
}, 90_000);

afterAll(async () => {
  await probe?.stop();
  client?.close();
  await server?.stop();
});

// ---------------------------------------------------------------------------------------------------
// Conversations: opened as the page does, each used under its allowance of 30 activities a minute

interface Generated {
  conversationId: string;
  token: string;
  expires_in: number;
  user: { id: string; credential: string };
}

/** Every user id and credential the server issued, to replay and to tamper with. */
const issued: Generated[] = [];

async function generate(body = '{}', count = false): Promise<Generated> {
  for (let attempt = 0; ; attempt++) {
    const answer = await client.send(
      { method: 'POST', path: `${BASE}/tokens/generate`, headers: { 'Content-Type': 'application/json' }, body, localAddress: addresses.next(client), label: 'generate (pool)' },
      { count },
    );
    if (answer.status === 200) {
      const generated = answer.json as Generated;
      issued.push(generated);
      return generated;
    }
    if (answer.status !== 429 || attempt > 20) throw new Error(`tokens/generate: HTTP ${answer.status} ${answer.text}`);
  }
}

const ALLOWANCE = 26;

class Conv {
  used = 0;
  /** Still at the "since when?" question (for the date-step fuzz). */
  atDate = false;

  private constructor(readonly g: Generated) {}

  get id(): string {
    return this.g.conversationId;
  }

  get path(): string {
    return `${BASE}/conversations/${this.id}/activities`;
  }

  get auth(): Record<string, string> {
    return { Authorization: `Bearer ${this.g.token}` };
  }

  static async open(script: 'fresh' | 'date'): Promise<Conv> {
    const conv = new Conv(await generate());
    const started = await client.send(
      { method: 'POST', path: `${BASE}/conversations`, headers: { ...conv.auth, 'Content-Type': 'application/json' }, body: '{"locale":"fr-FR"}' },
      { count: false },
    );
    if (started.status !== 201) throw new Error(`start: HTTP ${started.status} ${started.text}`);
    if (script === 'date') {
      for (const text of [t('language.name'), t('choice.status.bpi')]) await conv.post({ type: 'message', text, locale: 'fr-FR' }, false);
      const replies = await conv.page(0);
      if (!replies.some((a) => isBot(a) && (a.text ?? '').includes(t('q.statusSince.bpi')))) throw new Error('the date question was not asked');
      conv.atDate = true;
    }
    return conv;
  }

  /** A scripted post (not a fuzz input): must be accepted. */
  async post(activity: object, count = true): Promise<Answer> {
    const answer = await client.send({ method: 'POST', path: this.path, headers: { ...this.auth, 'Content-Type': 'application/json' }, body: JSON.stringify(activity) }, { count });
    if (answer.status !== 200) throw new Error(`scripted post: HTTP ${answer.status} ${answer.text}`);
    this.used += 1;
    return answer;
  }

  async page(after: number): Promise<WireActivity[]> {
    const answer = await client.send({ method: 'GET', path: `${this.path}?watermark=${after}`, headers: this.auth }, { count: false });
    if (answer.status !== 200) throw new Error(`GET activities: HTTP ${answer.status} ${answer.text}`);
    return (answer.json as { activities: WireActivity[] }).activities;
  }
}

/** The conversation to post the next fuzz input to (a fresh one once its allowance is spent). */
class Pool {
  private current: Conv | undefined;
  opened = 0;

  constructor(private readonly script: 'fresh' | 'date') {}

  async get(): Promise<Conv> {
    if (!this.current || this.current.used >= ALLOWANCE || (this.script === 'date' && !this.current.atDate)) {
      this.current = await Conv.open(this.script);
      this.opened += 1;
    }
    return this.current;
  }

  retire(): void {
    this.current = undefined;
  }
}

/** What the server may keep of a posted activity: the bounded fields, and what it sets itself. */
const KEPT = new Set(['type', 'text', 'textFormat', 'locale', 'name', 'value', 'channelData', 'attachments', 'entities', 'channelId', 'serviceUrl', 'conversation', 'from', 'recipient', 'id', 'timestamp']);

/**
 * After a 200: the activity is in the log as the server's own (the token's user, never the bot; the
 * bounded fields only; the text as sent), and the bot answered a message with at least one non-empty reply.
 */
async function expectStored(conv: Conv, answer: Answer, sent: unknown, label: string): Promise<WireActivity[]> {
  const id = (answer.json as { id?: unknown }).id;
  if (typeof id !== 'string') throw new Error(`a 200 without an id: ${label}: ${answer.text.slice(0, 200)}`);
  const type = (sent as { type?: unknown }).type;
  if (type === 'typing') {
    if (id !== '') throw new Error(`typing was stored: ${label}`);
    return [];
  }
  const seq = Number(id.split('|')[1]);
  if (!id.startsWith(`${conv.id}|`) || !Number.isInteger(seq)) throw new Error(`not an id of this conversation: ${id}: ${label}`);
  const after = await conv.page(seq - 1);
  const stored = after.find((a) => a.id === id);
  // "Erase my data" empties the log, this activity included, and says so.
  if (!stored && after.some((a) => isBot(a) && a.replyToId === id && ERASED.has(a.text ?? ''))) return after.filter((a) => isBot(a));
  if (!stored) throw new Error(`the accepted activity ${id} is not in the log: ${label}`);
  const problems: string[] = [];
  const extra = Object.keys(stored).filter((k) => !KEPT.has(k));
  if (extra.length) problems.push(`kept fields it should drop: ${extra.join(', ')}`);
  if (stored.from.id !== conv.g.user.id || stored.from.role !== 'user') problems.push(`posted as ${JSON.stringify(stored.from)}`);
  if ((stored as { conversation?: { id?: string } }).conversation?.id !== conv.id) problems.push('another conversation');
  if (seqOf(stored) !== seq) problems.push(`sequence ${seqOf(stored)} for id ${id}`);
  const text = (sent as { text?: unknown }).text;
  if (typeof text === 'string' && stored.text !== text) problems.push(`text changed: sent ${summarize(text, 60)}, stored ${summarize(stored.text, 60)}`);
  const replies = after.filter((a) => isBot(a) && a.replyToId === id);
  if (type === 'message') {
    if (replies.length === 0) problems.push('no reply from the bot');
    // Events (the chosen language, the erasure) are for the page, never shown: only messages must say something.
    if (replies.some((r) => r.type === 'message' && !(r.text ?? '').trim() && !(r.attachments ?? []).length)) problems.push('an empty reply');
    if (replies.some((r) => FAILED.has(r.text ?? ''))) problems.push('the bot failed its turn (its "error" message)');
  }
  if (problems.length) throw new Error(`${problems.join('; ')}: ${label}`);
  return replies;
}

/** A field of an activity: valid most of the time, else any JSON at all. */
const field = (valid: fc.Arbitrary<Tree>, weight = 3) => fc.oneof({ weight, arbitrary: valid }, { weight: 1, arbitrary: tree });

/** Activities Web Chat could send (typed text of any kind): the bot gets them. */
const plausibleActivity: fc.Arbitrary<Tree> = fc
  .record(
    {
      type: fc.constantFrom<Tree>('message', 'message', 'message', 'message', 'typing', 'event'),
      text: hostileText(10_000),
      locale: fc.constantFrom<Tree>('fr-FR', 'en-US', 'ar', 'fa-IR', 'ps', 'ti-ER', 'ru', 'uk-UA', 'de-DE'),
      textFormat: fc.constantFrom<Tree>('plain', 'markdown'),
      from: fc.constantFrom(obj([['id', 'r_forged'], ['name', 'Test user'], ['role', 'bot']]), obj([['name', '']])),
      channelData: fc.oneof(fc.constant(obj([['clientActivityID', 'c1']])), fc.array(fc.tuple(hostileKey, tree), { maxLength: 3 }).map(obj)),
      name: hostileText(100),
      value: tree,
    },
    { requiredKeys: ['type', 'text'] },
  )
  .map((fields) => obj(Object.entries(fields) as Array<[string, Tree]>));

const activityTree: fc.Arbitrary<Tree> = fc
  .record(
    {
      type: field(fc.constantFrom<Tree>('message', 'message', 'message', 'typing', 'event', 'conversationUpdate', 'invoke', 'endOfConversation', 'Message', '', 'message ')),
      text: field(hostileText(10_050), 6),
      textFormat: field(fc.constantFrom<Tree>('plain', 'markdown', 'xml', 'html')),
      locale: field(fc.constantFrom<Tree>('fr-FR', 'en-US', 'ar', 'fa-IR', 'ps', 'ti-ER', 'ru', 'uk-UA', 'xx', 'fr_FR', 'en-US-x-twain', 'a'.repeat(36), '')),
      name: field(hostileText(120)),
      value: field(fc.oneof(tree, deepNest, wide)),
      from: field(fc.array(fc.tuple(fc.constantFrom('id', 'name', 'role', '__proto__', 'aadObjectId'), fc.oneof(fc.constantFrom<Tree>('boussole', 'bot', 'user', 'r_someoneElse0123456789'), hostileText(220))), { maxLength: 4 }).map(obj)),
      channelData: field(fc.oneof(fc.array(fc.tuple(fc.oneof(fc.constantFrom('clientActivityID', 'webchat:sequence-id', '__proto__', 'constructor'), hostileKey), tree), { maxLength: 5 }).map(obj), deepNest, wide)),
      attachments: field(fc.oneof(fc.constant<Tree>([]), fc.array(tree, { minLength: 1, maxLength: 2 }))),
      entities: field(fc.array(fc.oneof(tree, deepNest), { maxLength: 7 })),
      id: fc.oneof(hostileText(30), fc.constant<Tree>('x|0000001')),
      timestamp: fc.oneof(fc.constant<Tree>('1970-01-01T00:00:00Z'), hostileText(30)),
      conversation: fc.constant(obj([['id', 'someone-elses-conversation']])),
      recipient: fc.constant(obj([['id', 'boussole'], ['role', 'user']])),
      serviceUrl: fc.constantFrom<Tree>('https://attacker.example/', 'http://169.254.169.254/'),
      replyToId: hostileText(20),
    },
    { requiredKeys: [] },
  )
  .chain((fields) => fc.tuple(fc.constant(fields), fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), hostileKey), tree), { maxLength: 3 }), fc.nat({ max: 9 })))
  .map(([fields, extra, shape]): Tree => {
    const base = obj([...(Object.entries(fields) as Array<[string, Tree]>), ...(shape < 3 ? extra : [])]);
    // Arrays where an object is expected, and bare values.
    if (shape === 9) return [base];
    return base;
  });

describe('local Direct Line fuzzing (real server process)', () => {
  checkEachTest(() => ({ server, client, probe }));

  it('POST /tokens/generate: hostile Origin, Sec-Fetch-Site, Content-Type and bodies', async () => {
    const credential = fc.oneof(
      fc.record({ pick: fc.nat(), how: fc.constantFrom('as issued', 'other signature', 'cut', 'appended', 'other id', 'upper', 'id only', 'dot first') }),
      hostileText(210).map((s) => ({ raw: s })),
    );
    const body = fc.oneof(
      fc.constantFrom(undefined, '', '{}', 'null', '[]', '"x"', '{"user":null}', '{"user":{}}', '{"user":{"credential":null}}', '{"user":{"id":"r_chosen_by_client_0001"}}', '{"__proto__":{"user":{"credential":"x"}}}'),
      credential.map((c) => ({ credential: c })),
      tree.map(toJson),
      deepNest.map((d) => d.raw),
      fc.integer({ min: 1_000, max: 5_000 }).map((n) => JSON.stringify({ user: { credential: 'x'.repeat(n) } })),
      withBadBytes(fc.constant('{"user":{"credential":"abc"}}')),
    );
    const headers = fc.record(
      {
        origin: fc.oneof(fc.constantFrom('same', 'same', 'null', 'https://evil.example', 'http://127.0.0.1', 'http://localhost', `http://${'a'.repeat(300)}`, 'not a url', 'file://', 'http://[::1]'), headerValue),
        site: fc.oneof(fc.constantFrom('same-origin', 'none', 'same-site', 'cross-site', 'SAME-ORIGIN', ''), headerValue),
        type: fc.oneof(fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/ld+json', ''), headerValue),
      },
      { requiredKeys: [] },
    );
    await check(
      'tokens/generate',
      fc.tuple(headers, body),
      async ([h, b]) => {
        const sentHeaders: Record<string, string> = {};
        if (h.origin !== undefined) sentHeaders.Origin = h.origin === 'same' ? origin : h.origin;
        if (h.site !== undefined) sentHeaders['Sec-Fetch-Site'] = h.site;
        if (h.type !== undefined && h.type !== '') sentHeaders['Content-Type'] = h.type;
        let sent: string | Buffer | undefined;
        let replayed: Generated | undefined;
        if (b !== undefined && typeof b === 'object' && !Buffer.isBuffer(b)) {
          const c = b.credential;
          let value: string;
          if ('raw' in c) value = c.raw;
          else {
            replayed = issued[c.pick % issued.length]!;
            const credentialOf = replayed.user.credential;
            const [id, sig] = [credentialOf.slice(0, credentialOf.lastIndexOf('.')), credentialOf.slice(credentialOf.lastIndexOf('.') + 1)];
            value = {
              'as issued': credentialOf,
              'other signature': `${id}.${randomBytes(32).toString('base64url').slice(0, sig.length)}`,
              cut: credentialOf.slice(0, -1),
              appended: `${credentialOf}A`,
              'other id': `r_${randomBytes(16).toString('base64url')}.${sig}`,
              upper: credentialOf.toUpperCase(),
              'id only': id,
              'dot first': `.${credentialOf}`,
            }[c.how];
            if (c.how !== 'as issued') replayed = undefined;
          }
          sent = JSON.stringify({ user: { credential: value } });
        } else sent = b;
        const label = `POST generate headers=${JSON.stringify(sentHeaders).slice(0, 200)} body=${summarize(sent, 120)}`;
        const answer = await client.send({ method: 'POST', path: `${BASE}/tokens/generate`, headers: sentHeaders, body: sent, localAddress: addresses.next(client), label });
        expectSane(answer, label, [200, 400, 403, 413, 415, 429]);
        const site = h.site;
        if ((site === 'cross-site' || site === 'same-site' || h.origin === 'https://evil.example') && answer.status !== 403) throw new Error(`a cross-site opening got ${answer.status}: ${label}`);
        if (answer.status === 200) {
          const g = answer.json as Generated;
          if (!/^[A-Za-z0-9_-]{1,64}$/.test(g.conversationId) || g.token.split('.').length !== 3 || !(g.expires_in > 0)) throw new Error(`a malformed grant: ${answer.text}: ${label}`);
          if (!g.user.credential.startsWith(`${g.user.id}.`)) throw new Error(`a credential for someone else: ${answer.text}`);
          if (replayed && g.user.id !== replayed.user.id) throw new Error(`a valid credential did not bring its user back: ${label}`);
          if (!replayed && issued.some((i) => i.user.id === g.user.id)) throw new Error(`a forged credential got an existing user (${g.user.id}): ${label}`);
          issued.push(g);
        }
      },
      { numRuns: RUNS.directline.generate, seed: seedOf(2101) },
    );
  });

  it('POST activities: every wrong shape, type and size, prototype keys, extra fields (valid token)', async () => {
    const pool = new Pool('fresh');
    await check(
      'activities',
      fc.oneof({ weight: 2, arbitrary: plausibleActivity }, { weight: 3, arbitrary: activityTree }),
      async (activity) => {
        const conv = await pool.get();
        const body = toJson(activity);
        const label = `POST activities ${summarize(body, 200)} (${body.length} chars)`;
        const answer = await client.send({ method: 'POST', path: conv.path, headers: { ...conv.auth, 'Content-Type': 'application/json' }, body, label });
        expectSane(answer, label, [200, 400, 413, 429]);
        if (answer.status === 429) return pool.retire();
        if (answer.status === 200) {
          conv.used += 1;
          await expectStored(conv, answer, JSON.parse(body), label);
        }
      },
      { numRuns: RUNS.directline.activities, seed: seedOf(2102) },
    );
  }, 60_000);

  it('POST activities as raw bytes: invalid UTF-8, byte-order marks, UTF-16, truncated, chunked, no Content-Type', async () => {
    const pool = new Pool('fresh');
    const json = fc.oneof(activityTree.map(toJson), fc.constant('{"type":"message","text":"bonjour"}'));
    const body = fc.oneof(
      withBadBytes(json),
      json.chain((text) => fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => Buffer.from(text.slice(0, n)))),
      fc.integer({ min: 32 * 1024 - 64, max: 40 * 1024 }).map((n) => Buffer.from(JSON.stringify({ type: 'message', text: 'x', pad: 'y'.repeat(n) }))),
      fc.constantFrom(...['', ' ', '\n', 'null', 'true', '0', '""', '[]', '{}', nested(20_000, 'array'), '{"type":"message","text":"\\ud800"}', '{"type":"message","text":"\\u0000"}'].map((s) => Buffer.from(s))),
    );
    const contentType = fc.constantFrom(undefined, 'application/json', 'text/plain', 'application/octet-stream', 'application/json; charset=utf-16');
    await check(
      'raw activities',
      fc.tuple(body, contentType, fc.boolean()),
      async ([bytes, type, chunked]) => {
        const conv = await pool.get();
        const label = `POST activities${chunked ? ' (chunked)' : ''} type=${type} <${bytes.length} bytes> ${bytes.subarray(0, 60).toString('hex')}`;
        const answer = await client.send({ method: 'POST', path: conv.path, headers: { ...conv.auth, ...(type ? { 'Content-Type': type } : {}) }, body: bytes, chunked, label });
        expectSane(answer, label, [200, 400, 413, 429]);
        if (answer.status === 429) return pool.retire();
        if (answer.status === 200) {
          conv.used += 1;
          await expectStored(conv, answer, JSON.parse(bytes.toString('utf8')), label);
        }
      },
      { numRuns: RUNS.directline.rawActivities, seed: seedOf(2103) },
    );
  }, 60_000);

  // PRODUCT BUGS found here. At ea59226 the French date recognizer ran on the event loop: a 9,997-character
  // answer ("1e3/2025" repeated) held GET /healthz for 2.6 s, a 9,252-character mixed one for 3.9 s. From
  // 4659eb5 it runs in a worker with a 300 ms budget, but the first answer with a non-ASCII character
  // ("۲۵", an RLM mark, an emoji) costs recognizers-text about 0.9 s: the budget trips, the worker is
  // replaced, and the answers after it wait 2.4 to 6 s for the new one (too slow to fuzz: this test fails
  // on its time budget, listing them).
  it('typed answers at the "since when?" date question: dates, numbers, long and repetitive text', async () => {
    const pool = new Pool('date');
    const text = fc.oneof(
      { weight: 3, arbitrary: dateLike },
      { weight: 1, arbitrary: numberLike },
      { weight: 2, arbitrary: sentence },
      { weight: 2, arbitrary: hostileText(10_000) },
      { weight: 2, arbitrary: repeated(fc.oneof(dateLike, sentence, fc.constantFrom('le mois de mars ', 'depuis 2 ans ', 'x ', '1/', '12 ', 'il y a ')), 60, 10_000) },
      { weight: 1, arbitrary: repeated(fc.oneof(dateLike, sentence), 9_990, 10_000) },
    );
    await check(
      'date step',
      text,
      async (typed) => {
        const conv = await pool.get();
        const label = `date question: ${summarize(typed, 120)} (${typed.length} chars)`;
        const answer = await client.send({ method: 'POST', path: conv.path, headers: { ...conv.auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ type: 'message', text: typed, locale: 'fr-FR' }), label });
        expectSane(answer, label, [200, 429]);
        if (answer.status === 429) return pool.retire();
        conv.used += 1;
        const replies = await expectStored(conv, answer, { type: 'message', text: typed }, label);
        const atDate = (activities: WireActivity[]) => activities.some((r) => [t('q.statusSince.bpi'), t('reprompt.buttons'), t('tooLong')].some((q) => (r.text ?? '').includes(q)));
        conv.atDate = atDate(replies);
        // Moved on: "back" asks the date again (the answer forgotten), which spares opening a conversation.
        if (!conv.atDate && conv.used < ALLOWANCE) {
          const back = await conv.post({ type: 'message', text: 'retour', locale: 'fr-FR' }, false);
          const seq = Number(String((back.json as { id: string }).id).split('|')[1]);
          conv.atDate = atDate((await conv.page(seq)).filter(isBot));
        }
        // A slow request is only a failure if it held the event loop (a ping of the probe during it was slow).
        if (answer.ms > LIMIT_PROBE_MS) {
          await probe.settle(2);
          const ping = probe.worstDuring(answer.startedAt, answer.startedAt + answer.ms);
          if (ping.ms >= LIMIT_PROBE_MS) throw new Error(`GET /healthz took ${Math.round(ping.ms)} ms while this input took ${Math.round(answer.ms)} ms`);
        }
      },
      {
        numRuns: RUNS.directline.dateStep,
        seed: seedOf(2104),
        noShrink: true,
        timeLimitMs: 12_000,
        whySlow: () => `Slowest: ${topSlow(client.slow, 5).map((s) => `${s.ms} ms: ${s.input}`).join(' | ')}`,
      },
    );
  }, 60_000);

  it('GET activities with hostile watermarks and query strings', async () => {
    const conv = await Conv.open('date');
    const all = await conv.page(0);
    const last = Math.max(...all.map(seqOf));
    const watermark = fc.oneof(
      fc.integer({ min: -5, max: last + 5 }).map(String),
      fc.constantFrom('', '0', '00', '-0', '+1', ' 1', '1 ', '1.5', '1e2', '0x10', 'NaN', 'Infinity', '999999999999999', '9999999999999999', '99999999999999999999999', '٣', '９', '1%00', '%', '%zz', '%E0%A4%A', 'null', 'undefined', '__proto__', '[]', '{}'),
      hostileText(40).map(percent),
    );
    const query = fc.tuple(watermark, fc.nat({ max: 5 }), hostileKey, hostileText(10)).map(([w, shape, k, v]) =>
      [`?watermark=${w}`, `?watermark=${w}&watermark=1`, `?watermark[]=${w}`, `?${percent(k)}=${percent(v)}&watermark=${w}`, `?watermark=${w}#frag`, `?watermark`][shape]!,
    ).map(pathSafe);
    await check(
      'watermarks',
      query,
      async (q) => {
        const label = `GET activities${q.slice(0, 150)}`;
        const answer = await client.send({ method: 'GET', path: `${conv.path}${q}`, headers: conv.auth, label });
        expectSane(answer, label, [200]);
        const page = answer.json as { activities?: WireActivity[]; watermark?: unknown };
        if (!Array.isArray(page.activities) || typeof page.watermark !== 'string' || !/^\d+$/.test(page.watermark)) throw new Error(`not a page: ${label}: ${answer.text.slice(0, 200)}`);
        const seqs = page.activities.map(seqOf);
        if (seqs.some((s, i) => i > 0 && s <= seqs[i - 1]!)) throw new Error(`activities out of order: ${label}`);
        const given = new URL(`http://x${conv.path}${q}`).searchParams.get('watermark') ?? '';
        const after = /^\d{1,15}$/.test(given) ? Number(given) : 0;
        if (seqs.some((s) => s <= after)) throw new Error(`activities at or before the watermark ${after}: ${label}`);
        if (Number(page.watermark) > last) throw new Error(`a watermark past the log's end: ${page.watermark} > ${last}: ${label}`);
      },
      { numRuns: RUNS.directline.watermarks, seed: seedOf(2105) },
    );
  });

  it('bad, forged, tampered, expired and other conversations\' tokens on every route', async () => {
    const mine = await Conv.open('fresh');
    const other = await Conv.open('fresh');
    const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
    const HEADER = b64({ alg: 'HS256', typ: 'JWT' });
    const sign = (body: string, key = SECRET) => createHmac('sha256', key).update(body).digest('base64url');
    const mint = (claims: unknown, key = SECRET, header = HEADER) => `${header}.${b64(claims)}.${sign(`${header}.${b64(claims)}`, key)}`;
    const now = Math.floor(Date.now() / 1000);
    const claimsFor = (conv: string) => ({ iss: 'boussole-directline', conv, user: mine.g.user.id, iat: now, exp: now + 600 });

    type Auth = { kind: 'valid' | 'valid-other' | 'missing-conv' | 'invalid'; header?: string };
    const auth: fc.Arbitrary<Auth> = fc.oneof(
      fc.constant<Auth>({ kind: 'valid', header: `Bearer ${mine.g.token}` }),
      fc.constant<Auth>({ kind: 'valid-other', header: `Bearer ${other.g.token}` }),
      fc.constantFrom<Auth>(
        { kind: 'invalid' },
        { kind: 'invalid', header: '' },
        { kind: 'invalid', header: 'Bearer' },
        { kind: 'invalid', header: 'Bearer ' },
        { kind: 'invalid', header: `Basic ${mine.g.token}` },
        { kind: 'invalid', header: `Bearer ${mine.g.token} ${mine.g.token}` },
        { kind: 'invalid', header: `Bearer ${mine.g.token}.` },
        { kind: 'invalid', header: `Bearer ${mine.g.token.slice(0, -1)}` },
        { kind: 'invalid', header: `Bearer ${mint(claimsFor(mine.id), 'another-secret-of-at-least-32-characters!!')}` },
        { kind: 'invalid', header: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsFor(mine.id))}.` },
        { kind: 'invalid', header: `Bearer ${mint(claimsFor(mine.id), SECRET, b64({ alg: 'HS512', typ: 'JWT' }))}` },
        { kind: 'invalid', header: `Bearer ${mint({ ...claimsFor(mine.id), exp: now - 1 })}` },
        { kind: 'invalid', header: `Bearer ${mint({ ...claimsFor(mine.id), iss: 'someone' })}` },
        { kind: 'invalid', header: `Bearer ${mint({ ...claimsFor(mine.id), conv: '' })}` },
        { kind: 'invalid', header: `Bearer ${mint({ ...claimsFor(mine.id), exp: String(now + 600) })}` },
        { kind: 'invalid', header: `Bearer ${mint([claimsFor(mine.id)])}` },
        { kind: 'invalid', header: `Bearer ${mint('not json')}` },
        // The claims of another conversation under this token's signature.
        { kind: 'invalid', header: `Bearer ${mine.g.token.split('.')[0]}.${b64(claimsFor(other.id))}.${mine.g.token.split('.')[2]}` },
      ),
      // Well signed (we hold the key): the server must still refuse conversations that do not exist.
      fc.oneof(fc.constantFrom('__proto__', 'constructor', '..', '../../state', 'a/b', 'x'.repeat(65), 'ZZZZZZZZZZZZZZZZZZZZZZZZ', ' ', '\u0000'), hostileText(40)).map(
        (conv): Auth => ({ kind: conv === '' ? 'invalid' : 'missing-conv', header: `Bearer ${mint({ ...claimsFor(conv), conv })}` }),
      ),
      headerValue.map((h): Auth => ({ kind: 'invalid', header: `Bearer ${h}` })),
      headerValue.map((h): Auth => ({ kind: 'invalid', header: h })),
    );
    type Target = { route: string; method: string; path: string; id?: string; body?: string };
    const target: fc.Arbitrary<Target> = fc
      .tuple(fc.constantFrom('refresh', 'start', 'resume', 'get', 'post'), fc.oneof(fc.constant(mine.id), fc.constant(other.id), fc.constantFrom('__proto__', '..', '%2e%2e', 'a%2Fb', '%00', '%', '%E0%A4%A'), hostileText(30).map(percent)))
      .map(([route, id]): Target => {
        const conv = `${BASE}/conversations/${id}`;
        if (route === 'refresh') return { route, method: 'POST', path: `${BASE}/tokens/refresh` };
        if (route === 'start') return { route, method: 'POST', path: `${BASE}/conversations`, body: '{"locale":"fr-FR"}' };
        if (route === 'resume') return { route, method: 'GET', path: conv, id };
        if (route === 'get') return { route, method: 'GET', path: `${conv}/activities?watermark=1`, id };
        return { route, method: 'POST', path: `${conv}/activities`, id, body: '{"type":"message","text":123}' };
      });
    await check(
      'tokens',
      fc.tuple(auth, target),
      async ([a, tg]) => {
        const headers: Record<string, string> = { ...(a.header !== undefined ? { Authorization: a.header } : {}), ...(tg.body ? { 'Content-Type': 'application/json' } : {}) };
        const label = `${tg.method} ${tg.path.slice(0, 100)} auth=${summarize(a.header ?? '(none)', 100)}`;
        const answer = await client.send({ method: tg.method, path: tg.path, headers, body: tg.body, label });
        expectSane(answer, label, [200, 201, 400, 403, 404, 405]);
        const ownerId = a.kind === 'valid' ? mine.id : a.kind === 'valid-other' ? other.id : undefined;
        const sameConversation = tg.id === undefined || tg.id === ownerId;
        if (answer.status < 300 && (!ownerId || !sameConversation)) throw new Error(`accepted without a valid token for this conversation: ${label} → ${answer.status}`);
        if (a.kind === 'invalid' && answer.status !== 403 && answer.status !== 404) throw new Error(`an invalid token got ${answer.status}: ${label}`);
        if (a.kind === 'missing-conv' && tg.id === undefined && answer.status !== 404) throw new Error(`a conversation that does not exist got ${answer.status}: ${label}`);
        if (ownerId && sameConversation && tg.route === 'post' && answer.status !== 400) throw new Error(`a bad activity with a valid token got ${answer.status}: ${label}`);
        if (ownerId && sameConversation && tg.route !== 'post' && answer.status >= 300) throw new Error(`a valid token was refused (${answer.status}): ${label}`);
      },
      { numRuns: RUNS.directline.tokens, seed: seedOf(2106) },
    );
  });

  it('afterwards: a normal conversation reaches its plan, the server is up, the loop was free, the data parses', async () => {
    expect((await expectConversationToPlan(server.url, t('welcome.hello'))).slice(0, 3)).toEqual(['language', 'status', 'statusSince']);

    await probe.settle(3);
    await probe.stop();
    const worst = probe.worst();
    const files = await expectDataParses(dataDir);
    writeSummary('directline', {
      inputs: client.sent,
      statuses: client.statuses,
      conversationsIssued: issued.length,
      probe: { samples: probe.samples.length, worstMs: Math.round(worst.ms), failures: probe.failures().length, inFlight: culprits(probe, client.slow) },
      slowestRequests: topSlow(client.slow),
      over100ms: client.slow.length,
      dataLinesChecked: files,
      serverStderr: stderr().slice(0, 50),
    });
    expect(client.sent).toBeGreaterThanOrEqual(plannedInputs('directline'));
    await expectLoopFree(probe, 0, client.slow);
    await expectAlive(server, client);
  }, 60_000);
});
