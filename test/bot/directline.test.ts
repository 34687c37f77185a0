import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import { ConnectionStatus } from 'botframework-directlinejs';
import { LowdbConversations } from '../../bot/storage/lowdb/lowdbConversations';
import { LowdbStorage } from '../../bot/storage/lowdb/lowdbStorage';
import { readTree } from '../support/files';
import { Client, call, generateToken, sequenceId, startServer, type Received, type Running } from './directline.helpers';

// End to end through real HTTP: restify on an ephemeral port, the real botframework-directlinejs
// client (polling, as our Web Chat page uses it) and a small ActivityHandler bot.

let dir: string;
let running: Running[] = [];
let clients: Client[] = [];
let clockOffsetMs = 0;
const now = () => new Date(Date.now() + clockOffsetMs);

async function start(dataDir = join(dir, 'conversations'), storage: Storage = new MemoryStorage(), hostPlugins = false): Promise<Running> {
  const server = await startServer(storage, { store: new LowdbConversations(dataDir, { now }), now, hostPlugins });
  running.push(server);
  return server;
}

function client(options: ConstructorParameters<typeof Client>[0]): Client {
  const created = new Client(options);
  clients.push(created);
  return created;
}

const fromBot = (a: Received) => a.from.id === 'boussole';
const hasText = (text: string) => (received: Received[]) => received.some((a) => (a as { text?: string }).text === text);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'boussole-directline-'));
  clockOffsetMs = 0;
});

afterEach(async () => {
  for (const c of clients) c.end();
  for (const r of running) await r.close();
  clients = [];
  running = [];
  await rm(dir, { recursive: true, force: true });
});

describe('local Direct Line with the real DirectLineJS client', () => {
  test('the welcome arrives once, with the Web Chat user id and the requested locale', async () => {
    const server = await start();
    const { token, conversationId, expires_in, user } = await generateToken(server.base, 'u_alice');
    expect(expires_in).toBe(1800);
    const alice = client({ domain: server.domain, token, locale: 'fa-IR' });
    await alice.waitFor(hasText('Welcome u_alice (fa-IR)'), 'the welcome');

    const welcome = alice.received[0]!;
    expect(welcome).toMatchObject({
      type: 'message',
      channelId: 'directline',
      conversation: { id: conversationId },
      from: { id: 'boussole', role: 'bot' },
      recipient: { id: user.id },
    });
    expect(welcome.id).toMatch(new RegExp(`^${conversationId}\\|\\d{7}$`));
    expect(typeof welcome.timestamp).toBe('string');
    expect(sequenceId(welcome)).toBeGreaterThan(0);
    expect(welcome.serviceUrl).toBe(`${server.domain}`);

    // A second client on the same conversation (page reload) does not welcome again, and the
    // conversationUpdate itself never reaches a client.
    const again = client({ domain: server.domain, token, conversationId });
    await again.waitFor((r) => r.length >= 1, 'history');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(again.texts()).toEqual(['Welcome u_alice (fa-IR)']);
    expect(alice.received.filter((a) => (a.type as string) === 'conversationUpdate')).toEqual([]);
  });

  test('several turns: echo with clientActivityID, then the replies, in order', async () => {
    const server = await start();
    const { token, user } = await generateToken(server.base, 'u_bob');
    const bob = client({ domain: server.domain, token });
    await bob.waitFor((r) => r.length === 1, 'the welcome');

    const ids: string[] = [];
    for (const [i, text] of ['bonjour', 'je cherche un cours', 'merci'].entries()) {
      ids.push(await bob.post(text, `client-${i}`));
      await bob.waitFor(hasText(`turn ${i + 1}`), `turn ${i + 1}`);
    }

    expect(bob.texts()).toEqual([
      'Welcome u_bob (no locale)',
      'bonjour', 'echo: bonjour', 'turn 1',
      'je cherche un cours', 'echo: je cherche un cours', 'turn 2',
      'merci', 'echo: merci', 'turn 3',
    ]);
    const echoes = bob.received.filter((a) => !fromBot(a));
    expect(echoes.map((a) => a.id)).toEqual(ids); // the id returned by the POST is the echoed id
    expect(echoes.map((a) => (a.channelData as { clientActivityID?: string }).clientActivityID)).toEqual(['client-0', 'client-1', 'client-2']);
    for (const echo of echoes) {
      expect(echo.from).toMatchObject({ id: user.id, name: 'Test user', role: 'user' }); // server sets from.id from the token
      expect(echo.recipient).toMatchObject({ id: 'boussole' });
    }
    // replyToId ties each reply to the echoed user activity.
    const replies = bob.received.filter((a) => fromBot(a) && (a as { text?: string }).text?.startsWith('echo: '));
    expect(replies.map((a) => a.replyToId)).toEqual(ids);
    // Web Chat orders by sequence id: strictly increasing, ids unique.
    const sequence = bob.received.map(sequenceId);
    expect([...sequence].sort((a, b) => a - b)).toEqual(sequence);
    expect(new Set(sequence).size).toBe(sequence.length);
    expect(new Set(bob.received.map((a) => a.id)).size).toBe(bob.received.length);
  });

  test('turns of one conversation are serialised', async () => {
    const server = await start();
    const { token, conversationId } = await generateToken(server.base, 'u_carol');
    await call(`${server.domain}/conversations`, token, { method: 'POST', body: {} });
    const url = `${server.domain}/conversations/${conversationId}/activities`;
    const posts = ['a', 'b', 'c'].map((text) => call(url, token, { method: 'POST', body: { type: 'message', text } }));
    expect((await Promise.all(posts)).map((r) => r.status)).toEqual([200, 200, 200]);
    const { body } = await call(`${url}?watermark=`, token);
    const bot = (body as { activities: Array<{ text?: string; from: { id: string } }> }).activities.filter((a) => a.from.id === 'boussole');
    // The bot's replies never interleave and the ConversationState counter counts every turn.
    expect(bot.map((a) => a.text)).toEqual(['Welcome u_carol (no locale)', 'echo: a', 'turn 1', 'echo: b', 'turn 2', 'echo: c', 'turn 3']);
  });

  test('a new client resumes from a watermark and continues the conversation', async () => {
    const server = await start();
    const { token, conversationId } = await generateToken(server.base, 'u_dina');
    const first = client({ domain: server.domain, token });
    await first.waitFor((r) => r.length === 1, 'the welcome');
    await first.post('one', 'c1');
    await first.waitFor(hasText('turn 1'), 'turn 1');
    const watermark = String(sequenceId(first.received.at(-1)!));
    await first.post('two', 'c2');
    await first.waitFor(hasText('turn 2'), 'turn 2');
    first.end();

    const second = client({ domain: server.domain, token, conversationId, watermark });
    await second.waitFor(hasText('turn 2'), 'activities after the watermark');
    expect(second.texts()).toEqual(['two', 'echo: two', 'turn 2']);
    await second.post('three', 'c3');
    await second.waitFor(hasText('turn 3'), 'turn 3');
    expect(second.texts()).toEqual(['two', 'echo: two', 'turn 2', 'three', 'echo: three', 'turn 3']);
  });

  test('token refresh gives a new token for the same conversation; an expired token gets 403', async () => {
    const server = await start();
    const { token, conversationId } = await generateToken(server.base, 'u_emil');
    const refreshed = await call(`${server.domain}/tokens/refresh`, token, { method: 'POST' });
    expect(refreshed.status).toBe(200);
    const fresh = refreshed.body as { conversationId: string; token: string; expires_in: number };
    expect(fresh.conversationId).toBe(conversationId);
    expect(fresh.token).not.toBe(token);
    expect(fresh.expires_in).toBe(1800);
    const activities = `${server.domain}/conversations/${conversationId}/activities`;
    expect((await call(activities, fresh.token)).status).toBe(200);

    clockOffsetMs = 31 * 60 * 1000; // the first token (30 min) has expired
    expect((await call(activities, token)).status).toBe(403);
    expect((await call(`${server.domain}/tokens/refresh`, token, { method: 'POST' })).status).toBe(403);
    expect((await call(`${server.domain}/conversations`, token, { method: 'POST', body: {} })).status).toBe(403);
    // ...and so do a missing or forged one.
    expect((await call(activities, undefined)).status).toBe(403);
    expect((await call(activities, `${fresh.token.slice(0, -3)}abc`)).status).toBe(403);
  });

  test('two users are isolated: a token of A cannot read or write B', async () => {
    const server = await start();
    const alice = await generateToken(server.base, 'u_alice');
    const bob = await generateToken(server.base, 'u_bob');
    const aliceClient = client({ domain: server.domain, token: alice.token });
    await aliceClient.waitFor((r) => r.length === 1, 'the welcome');
    await aliceClient.post('mon adresse est secrète', 'a1');
    await aliceClient.waitFor(hasText('turn 1'), 'turn 1');

    const aliceUrl = `${server.domain}/conversations/${alice.conversationId}`;
    expect((await call(`${aliceUrl}/activities?watermark=`, bob.token)).status).toBe(403);
    expect((await call(`${aliceUrl}/activities`, bob.token, { method: 'POST', body: { type: 'message', text: 'x' } })).status).toBe(403);
    expect((await call(aliceUrl, bob.token)).status).toBe(403);

    // Bob's real client pointed at Alice's conversation fails to connect and receives nothing.
    const intruder = client({ domain: server.domain, token: bob.token, conversationId: alice.conversationId });
    await intruder.waitForStatus(ConnectionStatus.FailedToConnect);
    expect(intruder.received).toEqual([]);

    // Bob's own conversation holds none of Alice's words.
    const bobClient = client({ domain: server.domain, token: bob.token });
    await bobClient.waitFor((r) => r.length === 1, 'the welcome');
    expect(bobClient.texts()).toEqual(['Welcome u_bob (no locale)']);
  });

  test('an unknown or purged conversation answers 404, and the client ends cleanly', async () => {
    const server = await start();
    const { token, conversationId } = await generateToken(server.base, 'u_farah');
    const farah = client({ domain: server.domain, token });
    await farah.waitFor((r) => r.length === 1, 'the welcome');

    expect(await server.facade.purgeOlderThan(new Date(Date.now() + 60_000))).toEqual([conversationId]);
    await farah.waitForStatus(ConnectionStatus.Ended); // polling got 404 => Ended (not an error loop)
    const url = `${server.domain}/conversations/${conversationId}`;
    expect((await call(`${url}/activities?watermark=`, token)).status).toBe(404);
    expect((await call(`${url}/activities`, token, { method: 'POST', body: { type: 'message', text: 'x' } })).status).toBe(404);
    expect((await call(url, token)).status).toBe(404);
    expect((await call(`${server.domain}/tokens/refresh`, token, { method: 'POST' })).status).toBe(404);
  });

  test('a bot error reaches onTurnError; the post still succeeds and the conversation goes on', async () => {
    const server = await start();
    const { token } = await generateToken(server.base, 'u_gil');
    const gil = client({ domain: server.domain, token });
    await gil.waitFor((r) => r.length === 1, 'the welcome');
    await gil.post('boom', 'g1');
    await gil.waitFor(hasText('Sorry, something went wrong.'), 'the apology');
    await gil.post('ok', 'g2');
    await gil.waitFor(hasText('turn 1'), 'the next turn');
    expect(server.errors).toHaveLength(1);
  });

  test('forgetConversation erases the stored activities but keeps the conversation open', async () => {
    const server = await start();
    const { token, conversationId, user } = await generateToken(server.base, 'u_hana');
    const hana = client({ domain: server.domain, token });
    await hana.waitFor((r) => r.length === 1, 'the welcome');
    await hana.post('mon numéro est 0600000000', 'h1');
    await hana.waitFor(hasText('turn 1'), 'turn 1');
    const lastSeq = sequenceId(hana.received.at(-1)!);

    expect(await server.facade.forgetConversation(conversationId)).toBe(true);
    expect(await readTree(dir)).toContain(user.id);
    expect(await readTree(dir)).not.toContain('0600000000');
    const history = await call(`${server.domain}/conversations/${conversationId}/activities?watermark=`, token);
    expect((history.body as { activities: unknown[] }).activities).toEqual([]);

    await hana.post('encore', 'h2'); // the same client keeps going, sequence ids keep growing
    await hana.waitFor(hasText('turn 2'), 'turn 2');
    expect(sequenceId(hana.received.at(-1)!)).toBeGreaterThan(lastSeq);
    expect(await server.facade.forgetConversation('no-such-conversation')).toBe(false);
  });

  test('restart: a new facade and server on the same files continue open conversations', async () => {
    const dataDir = join(dir, 'conversations');
    const stateDir = join(dir, 'state');
    const before = await start(dataDir, new LowdbStorage(stateDir));
    const { token, conversationId } = await generateToken(before.base, 'u_ivan');
    const ivan = client({ domain: before.domain, token, locale: 'uk-UA' });
    await ivan.waitFor((r) => r.length === 1, 'the welcome');
    await ivan.post('один', 'i1');
    await ivan.waitFor(hasText('turn 1'), 'turn 1');
    const watermark = String(sequenceId(ivan.received.at(-1)!));
    ivan.end();
    await before.close();

    const after = await start(dataDir, new LowdbStorage(stateDir)); // new process in all but name
    const resumed = client({ domain: after.domain, token, conversationId, watermark });
    await resumed.post('два', 'i2');
    await resumed.waitFor(hasText('turn 2'), 'turn 2 (state survived the restart)');
    expect(resumed.texts()).toEqual(['два', 'echo: два', 'turn 2']);
    // No second welcome, and the full history is still there for a client starting from scratch.
    const history = client({ domain: after.domain, token, conversationId });
    await history.waitFor(hasText('turn 2'), 'full history');
    expect(history.texts()).toEqual(['Welcome u_ivan (uk-UA)', 'один', 'echo: один', 'turn 1', 'два', 'echo: два', 'turn 2']);
  });

  test.each([
    ['without', false],
    ['with', true],
  ])('HTTP shapes (%s the host body/query parsers): generate 200, start 201, resume 200, activity sets', async (_label, hostPlugins) => {
    const server = await start(undefined, undefined, hostPlugins);
    const generated = await generateToken(server.base); // no user given: a random r_ id
    const claims = JSON.parse(Buffer.from(generated.token.split('.')[1]!, 'base64url').toString()) as { user: string };
    expect(claims.user).toMatch(/^r_/); // Web Chat takes its user id from this claim

    const started = await call(`${server.domain}/conversations`, generated.token, { method: 'POST', body: { user: { id: 'ignored' }, locale: 'ar' } });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ conversationId: generated.conversationId, expires_in: 1800 });
    expect(typeof (started.body as { token: string }).token).toBe('string');

    const resumed = await call(`${server.domain}/conversations/${generated.conversationId}?watermark=`, generated.token);
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ conversationId: generated.conversationId });

    const url = `${server.domain}/conversations/${generated.conversationId}/activities`;
    let page = await call(`${url}?watermark=`, generated.token);
    for (let i = 0; i < 40 && (page.body as { activities: unknown[] }).activities.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      page = await call(`${url}?watermark=`, generated.token);
    }
    const set = page.body as { activities: Array<{ text: string }>; watermark: string };
    expect(set.activities.map((a) => a.text)).toEqual([`Welcome ${claims.user} (ar)`]);
    expect(set.watermark).toMatch(/^\d+$/);
    const empty = await call(`${url}?watermark=${set.watermark}`, generated.token);
    expect(empty.body).toEqual({ activities: [], watermark: set.watermark });

    // Bad input on non-polled routes is a 400; posting a conversationUpdate is not allowed.
    expect((await call(url, generated.token, { method: 'POST', body: { type: 'conversationUpdate' } })).status).toBe(400);
    expect((await call(`${server.domain}/tokens/generate`, undefined, { method: 'POST', body: { user: { credential: 42 } } })).status).toBe(400);
  });
});
