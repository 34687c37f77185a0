import { mkdirSync, mkdtempSync, rmdirSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { textsFor } from '../../dialogs/i18n';
import { Client } from 'pg';
import { listTree, readTree } from '../support/files';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { startServer, waitUntilReady, type Started } from '../support/process';
import { call, generateToken } from './directline.helpers';

// The attacks of issue 8, against the real server process on each store: each must now fail safely.

describe.each(['lowdb', 'postgres'] as const)('hardening on %s (real server process)', (store) => {
  let server: Started;
  let dataDir: string;
  let database: TestDatabase | undefined;
  let logged = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hardening-'));
    // An existing folder readable by everyone: the service must close it.
    mkdirSync(join(dataDir, 'data'), { mode: 0o755 });
    dataDir = join(dataDir, 'data');
    database = store === 'postgres' ? await createTestDatabase() : undefined;
    server = await startServer({ DATA_DIR: dataDir, BOUSSOLE_TODAY: '2026-11-27', DATABASE_URL: database?.url ?? '' });
    server.child.stderr?.on('data', (d: Buffer) => (logged += d.toString()));
    // Ready once the date recognizers are warm (seconds after listening): until then 503 'warming'.
    const early = await fetch(`${server.url}/readyz`);
    if (early.status !== 200) expect(await early.json()).toEqual({ status: 'unavailable', reason: 'warming' });
    await waitUntilReady(server.url, 30_000);
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await database?.drop();
  });

  const dl = () => `${server.url}/v3/directline`;

  async function conversation(): Promise<{ token: string; url: string; credential: string; userId: string }> {
    const generated = await generateToken(server.url);
    await call(`${dl()}/conversations`, generated.token, { method: 'POST', body: { locale: 'fr-FR' } });
    return { token: generated.token, url: `${dl()}/conversations/${generated.conversationId}/activities`, credential: generated.user.credential, userId: generated.user.id };
  }

  async function rawPost(url: string, token: string, body: string): Promise<number> {
    const res = await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body });
    return res.status;
  }

  describe('attacks', () => {
    it('a value nested 6,000 deep is refused (400) and every conversation keeps saving', async () => {
      const victim = await conversation();
      const other = await conversation();
      const deep = `{"type":"event","name":"x","value":${'['.repeat(6000)}${']'.repeat(6000)}}`;
      expect(await rawPost(victim.url, victim.token, deep)).toBe(400);
      const deepChannelData = `{"type":"message","text":"a","channelData":${'{"a":'.repeat(3500)}1${'}'.repeat(3500)}}`;
      expect(await rawPost(victim.url, victim.token, deepChannelData)).toBe(400);
      for (const c of [victim, other]) expect((await call(c.url, c.token, { method: 'POST', body: { type: 'message', text: 'Français' } })).status).toBe(200);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    });

    it('typing is not kept; large bodies are refused (413); uploads and server fields are not accepted', async () => {
      const c = await conversation();
      expect((await call(c.url, c.token, { method: 'POST', body: { type: 'typing' } })).status).toBe(200);
      expect(await rawPost(c.url, c.token, JSON.stringify({ type: 'typing', text: 'x'.repeat(250_000) }))).toBe(413);
      expect((await call(c.url, c.token, { method: 'POST', body: { type: 'message', text: 'a', attachments: [{ contentType: 'image/png', contentUrl: 'http://x' }] } })).status).toBe(400);
      expect((await call(c.url, c.token, { method: 'POST', body: { type: 'message', text: 'a', locale: 42 } })).status).toBe(400);
      expect((await call(c.url, c.token, { method: 'POST', body: { type: 'conversationUpdate' } })).status).toBe(400);
      const page = (await call(`${c.url}?watermark=`, c.token)).body as { activities: Array<{ type: string }> };
      expect(page.activities.some((a) => a.type === 'typing')).toBe(false);
    });

    it('a message too long is answered in the person\'s language without being read', async () => {
      const c = await conversation();
      await call(c.url, c.token, { method: 'POST', body: { type: 'message', text: 'English' } });
      const started = Date.now();
      expect((await call(c.url, c.token, { method: 'POST', body: { type: 'message', text: 'entre 10h et 11h '.repeat(300) } })).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2_000);
      const page = (await call(`${c.url}?watermark=`, c.token)).body as { activities: Array<{ text?: string }> };
      expect(page.activities.at(-1)?.text).toBe(textsFor('en').t('tooLong'));
    });

    it('one conversation may post 30 activities a minute: then 429 with Retry-After', async () => {
      const c = await conversation();
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await call(c.url, c.token, { method: 'POST', body: { type: 'event', name: 'ping' } })).status);
      expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
      const refused = await fetch(c.url, { method: 'POST', headers: { Authorization: `Bearer ${c.token}`, 'Content-Type': 'application/json' }, body: '{"type":"event","name":"ping"}' });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('identity: only a credential the server signed brings a person back; an id alone or a tampered one does not', async () => {
      const alice = await conversation();
      const back = await generateToken(server.url, undefined, alice.credential);
      expect(back.user.id).toBe(alice.userId);
      const tampered = `${alice.userId}.${'A'.repeat(43)}`;
      expect((await generateToken(server.url, undefined, tampered)).user.id).not.toBe(alice.userId);
      const idOnly = await fetch(`${dl()}/tokens/generate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: { id: alice.userId } }) });
      expect(((await idOnly.json()) as { user: { id: string } }).user.id).not.toBe(alice.userId);
    });

    it('another site cannot open conversations (Origin, Sec-Fetch-Site, text/plain)', async () => {
      const generate = (headers: Record<string, string>, body = '{}') => fetch(`${dl()}/tokens/generate`, { method: 'POST', headers, body });
      expect((await generate({ 'Content-Type': 'application/json', Origin: 'https://evil.example' })).status).toBe(403);
      expect((await generate({ 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
      expect((await generate({ 'Content-Type': 'text/plain' })).status).toBe(415);
      expect((await generate({ 'Content-Type': 'application/json', Origin: server.url.replace('127.0.0.1', '127.0.0.1') })).status).toBe(200);
    });

    it('security headers on every answer, no software name; personal data never cached', async () => {
      for (const path of ['/', '/healthz', '/readyz', '/nowhere', '/v3/directline/conversations/x/activities']) {
        const res = await fetch(`${server.url}${path}`);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('server')).toBeNull();
        expect(res.headers.get('x-powered-by')).toBeNull();
      }
      expect((await fetch(`${server.url}/`)).headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const api = await fetch(`${server.url}/api/orientation`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"status":"bpi"}' });
      expect(api.headers.get('cache-control')).toBe('no-store');
    });

    (store === 'lowdb' ? it : it.skip)('the data folder is 0700 and every file 0600, whatever the folder was before', async () => {
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const files = await listTree(dataDir);
      expect(files.length).toBeGreaterThan(3);
      for (const file of files) expect([file, statSync(join(dataDir, file)).mode & 0o777]).toEqual([file, 0o600]);
    });

    it('/readyz says when the store cannot write', async () => {
      // The probe can no longer be written: a folder where its file goes, or its table gone.
      const admin = database && new Client({ connectionString: database.url });
      await admin?.connect();
      if (admin) await admin.query('ALTER TABLE boussole_settings RENAME TO boussole_settings_away');
      else mkdirSync(join(dataDir, '.ready-probe'));
      try {
        const res = await fetch(`${server.url}/readyz`);
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ status: 'unavailable', reason: 'storage' });
      } finally {
        if (admin) await admin.query('ALTER TABLE boussole_settings_away RENAME TO boussole_settings');
        else rmdirSync(join(dataDir, '.ready-probe'));
        await admin?.end();
      }
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    });

    it('"erase my data" also erases the person\'s earlier conversations, typed text included', async () => {
      const earlier = await conversation();
      await call(earlier.url, earlier.token, { method: 'POST', body: { type: 'message', text: 'Français' } });
      await call(earlier.url, earlier.token, { method: 'POST', body: { type: 'message', text: 'PRIVÉ-8842' } });
      // The same person (their credential), a new conversation (as after a language change).
      const again = await generateToken(server.url, undefined, earlier.credential);
      const later = `${dl()}/conversations/${again.conversationId}/activities`;
      await call(`${dl()}/conversations`, again.token, { method: 'POST', body: { locale: 'fr-FR' } });
      await call(later, again.token, { method: 'POST', body: { type: 'message', text: 'effacer mes données' } });
      await call(later, again.token, { method: 'POST', body: { type: 'message', text: 'Oui, tout effacer' } });
      const texts = (page: { body: unknown }) => JSON.stringify((page.body as { activities: unknown[] }).activities);
      expect(texts(await call(`${earlier.url}?watermark=`, earlier.token))).not.toContain('PRIVÉ-8842');
      // And nothing of it on disk (the PostgreSQL case keeps no files of its own here).
      expect(await readTree(dataDir)).not.toContain('PRIVÉ-8842');
    });

    it('logs hold no message text, token or body, whatever was sent', async () => {
      const c = await conversation();
      const secret = 'MARQUEUR-PRIVÉ-4711 mon numéro 0600000000';
      await call(c.url, c.token, { method: 'POST', body: { type: 'message', text: secret } });
      await rawPost(c.url, c.token, `{"type":"message","text":"${secret}"`); // JSON that does not parse
      await rawPost(c.url, `${c.token}x`, JSON.stringify({ type: 'message', text: secret })); // bad token
      await fetch(`${server.url}/api/orientation`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: `{"status":"${secret}"` });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(logged).not.toContain('MARQUEUR');
      expect(logged).not.toContain('0600000000');
      expect(logged).not.toContain(c.token.slice(0, 20));
      expect(logged).not.toContain(c.credential);
    });

    it('a client that sends part of a request and waits is cut off within seconds', async () => {
      const { port } = new URL(server.url);
      const socket = connect(Number(port), '127.0.0.1');
      const started = Date.now();
      socket.write('POST /api/orientation HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
      await new Promise((resolve) => socket.on('close', resolve));
      expect(Date.now() - started).toBeLessThan(20_000);
    }, 30_000);
  });
});
