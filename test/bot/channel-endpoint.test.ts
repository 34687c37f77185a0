import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { allowedServiceUrl, BOT_FRAMEWORK_HOSTS } from '../../bot/chat/channel-endpoint';
import { loadConfig } from '../../bot/config';
import { textsFor } from '../../dialogs/i18n';
import { listTree } from '../support/files';
import { startServer, type Started } from '../support/process';
import { channelMessage } from '../support/channel-activity';

const t = textsFor('fr').t;

const activity = channelMessage('api', { text: 'bonjour' });

async function post(server: Started, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

describe('/api/messages: closed by default', () => {
  let server: Started;
  const dataDir = mkdtempSync(join(tmpdir(), 'api-closed-'));
  beforeAll(async () => (server = await startServer({ DATA_DIR: dataDir })));
  afterAll(() => server.stop());

  it('answers 401 without an app id, runs no turn and stores nothing', async () => {
    const refused = await post(server, activity);
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('MicrosoftAppId');
    expect((await listTree(dataDir)).filter((f) => f.startsWith('state/'))).toEqual([]);
  });
});

describe('/api/messages: local development switch', () => {
  let server: Started;
  let connector: Server;
  const calls: string[] = [];
  beforeAll(async () => {
    // A stand-in for the channel's connector on loopback: the bot's replies land here.
    connector = createServer((req, res) => {
      calls.push(`${req.method} ${req.url}`);
      req.resume();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"id":"1"}');
    });
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
    server = await startServer({ DATA_DIR: mkdtempSync(join(tmpdir(), 'api-dev-')), ALLOW_UNAUTHENTICATED_CHANNEL: 'true' });
  });
  afterAll(async () => {
    await server.stop();
    await new Promise((resolve) => connector.close(resolve));
  });

  it('answers a well-formed activity (replies in the response with expectReplies)', async () => {
    const res = await post(server, activity);
    expect(res.status).toBe(200);
    expect(res.text).toContain(JSON.stringify(t('welcome.hello')).slice(1, 30));
  });

  it('calls back a loopback serviceUrl (the Emulator), never another host', async () => {
    const { port } = connector.address() as AddressInfo;
    const normal = { ...activity, deliveryMode: undefined, conversation: { id: 'conv-callback' }, serviceUrl: `http://127.0.0.1:${port}/` };
    expect((await post(server, normal)).status).toBe(200);
    expect(calls.some((c) => c.startsWith('POST /v3/conversations/conv-callback/activities'))).toBe(true);

    const before = calls.length;
    for (const serviceUrl of ['http://169.254.169.254/', 'https://attacker.example/', 'http://user:pw@127.0.0.1:1/', 'file:///etc/passwd', 'not a url']) {
      const res = await post(server, { ...normal, serviceUrl });
      expect(res.status).toBe(400);
      expect(res.text).toContain('invalid_service_url');
    }
    expect(calls.length).toBe(before);
  });

  it.each([
    ['no type', { ...activity, type: undefined }],
    ['a numeric serviceUrl', { ...activity, serviceUrl: 42 }],
    ['a non-string locale', { ...activity, locale: { x: 1 } }],
    ['no conversation', { ...activity, conversation: undefined }],
    // As text: JSON.stringify itself cannot write what the attack sends.
    ['a value nested 6,000 deep', `${JSON.stringify(activity).slice(0, -1)},"value":${'['.repeat(6000)}${']'.repeat(6000)}}`],
    ['a 20,000-character text', { ...activity, text: 'x'.repeat(20_000) }],
    ['an invoke (botbuilder would answer 501)', { ...activity, type: 'invoke', name: 'x' }],
  ])('refuses %s with a 400, never a 500', async (_label, body) => {
    const res = await post(server, body);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ error: 'invalid_activity' });
  });

  it('refuses JSON that does not parse (400), other types (415) and bodies over 64 KB (413)', async () => {
    expect((await post(server, '{"type":', { 'Content-Type': 'application/json' })).status).toBe(400);
    expect((await post(server, 'type=message', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post(server, { ...activity, value: 'x'.repeat(70 * 1024) })).status).toBe(413);
  });

  it('refuses compressed bodies (415): no gzip bomb past the size limit, no crash on a body that only claims gzip', async () => {
    const bomb = gzipSync(JSON.stringify({ ...activity, value: ' '.repeat(200_000) }));
    expect((await post(server, bomb as unknown as string, { 'Content-Encoding': 'gzip' })).status).toBe(415);
    expect((await post(server, 'hello', { 'Content-Encoding': 'gzip' })).status).toBe(415);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.child.exitCode).toBeNull();
  });
});

describe('/api/messages: with an app id', () => {
  let server: Started;
  beforeAll(
    async () =>
      (server = await startServer({
        DATA_DIR: mkdtempSync(join(tmpdir(), 'api-auth-')),
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        MicrosoftAppPassword: 'x',
        MicrosoftAppType: 'MultiTenant',
      })),
  );
  afterAll(() => server.stop());

  it('answers 401 without a token, with a forged one, and when the signing keys cannot be fetched', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(JSON.stringify({ iss: 'https://api.botframework.com', aud: '00000000-0000-0000-0000-000000000001', exp: 9_999_999_999 })).toString('base64url');
    const forged = `${header}.${claims}.c2lnbmF0dXJl`;
    for (const authorization of [undefined, 'Bearer nonsense', `Bearer ${forged}`, 'Basic dXNlcjpwdw==']) {
      const res = await post(server, { ...activity, serviceUrl: 'https://smba.trafficmanager.net/emea/' }, authorization ? { Authorization: authorization } : {});
      expect(res.status).toBe(401);
    }
  });
});

describe('/api/messages configuration', () => {
  it('a production mode refuses to start with the channel open', () => {
    expect(() => loadConfig({ BOUSSOLE_ENV: 'production' })).toThrow(/MicrosoftAppId/);
    expect(() => loadConfig({ BOUSSOLE_ENV: 'production', MicrosoftAppId: 'x', ALLOW_UNAUTHENTICATED_CHANNEL: 'true' })).toThrow(/ALLOW_UNAUTHENTICATED_CHANNEL/);
    expect(loadConfig({ BOUSSOLE_ENV: 'production', MicrosoftAppId: 'x' }).BOUSSOLE_ENV).toBe('production');
  });

  it('allows https Bot Framework hosts, and plain http on loopback only', () => {
    const hosts = [...BOT_FRAMEWORK_HOSTS, 'localhost', '127.0.0.1'];
    expect(allowedServiceUrl('https://smba.trafficmanager.net/emea/', hosts)).toBe(true);
    expect(allowedServiceUrl('https://directline.botframework.com/', hosts)).toBe(true);
    expect(allowedServiceUrl('http://directline.botframework.com/', hosts)).toBe(false);
    expect(allowedServiceUrl('https://botframework.com.attacker.example/', hosts)).toBe(false);
    expect(allowedServiceUrl('https://evilbotframework.com/', hosts)).toBe(false);
    expect(allowedServiceUrl('http://localhost:3979/', hosts)).toBe(true);
  });
});
