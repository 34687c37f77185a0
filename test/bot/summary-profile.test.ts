import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity as DirectLineActivity } from 'botframework-directlinejs';
import { startServer, type Started } from '../support/process';
import { Client, call, generateToken } from './directline.helpers';

/**
 * Issue 11: the chat's plan opens the printable summary. The page asks for the person's own answers with its
 * conversation token (in a header), and gets them as the summary's URL fragment: nothing in a URL, nothing new
 * stored, nothing logged, and only the holder of that conversation's token gets them.
 */
jest.setTimeout(60_000);

const dataDir = mkdtempSync(join(tmpdir(), 'boussole-summary-'));
let server: Started;
let client: Client;
let token: string;
const ask = (bearer: string | undefined) => call(`${server.url}/chat/summary-profile`, bearer, { method: 'POST', body: {} });

/** Every file under the data folder, with its text. */
function stored(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? stored(path) : readFileSync(path, 'utf8')))
    .join('\n');
}

beforeAll(async () => {
  server = await startServer({ DATA_DIR: dataDir, BOUSSOLE_TODAY: '2026-11-23' });
  const generated = await generateToken(server.url);
  token = generated.token;
  client = new Client({ domain: `${server.url}/v3/directline`, token, locale: 'fr-FR' });
  await client.waitFor((r) => r.length > 0, 'the welcome');
});

afterAll(async () => {
  client?.end();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('POST /chat/summary-profile', () => {
  it('gives nothing before a plan, nor to a missing or forged token', async () => {
    expect((await ask(token)).status).toBe(404);
    expect((await ask(undefined)).status).toBe(404);
    expect((await ask(`${token.slice(0, -3)}abc`)).status).toBe(404);
  });

  it("after a plan, gives the person's answers as the summary's fragment, in their language", async () => {
    // The quick-check card: one submission, the plan at once.
    const before = client.received.length;
    await new Promise<void>((resolve, reject) =>
      client.directLine
        .postActivity({
          type: 'message',
          from: { id: 'ignored' },
          locale: 'fr-FR',
          value: { boussole: 'boussole/check', status: 'bpi', statusSince: '2026-06', cir: 'yes', frenchLevel: 'A1', place: 'Limoges', needs: 'language,employment', age: 31 },
        } as unknown as DirectLineActivity)
        .subscribe({ next: () => resolve(), error: reject }),
    );
    await client.waitFor((r) => r.slice(before).some((a) => (a as { text?: string }).text?.includes('Voici votre plan')), 'the plan');
    const logBefore = server.output().length;
    const answer = await ask(token);
    expect(answer.status).toBe(200);
    const { fragment } = answer.body as { fragment: string };
    const profile = JSON.parse(Buffer.from(fragment, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(profile).toMatchObject({ status: 'bpi', statusSince: '2026-06', cir: 'signed', frenchLevel: 'A1', age: 31, needs: ['language', 'employment'], locale: 'fr' });
    // Nothing of it in the server's log, nor stored anywhere as the fragment.
    const logged = server.output().slice(logBefore);
    expect(logged).not.toContain(fragment);
    expect(logged).not.toMatch(/statusSince|2026-06|"bpi"/);
    expect(stored(dataDir)).not.toContain(fragment);
  });

  it("another conversation's token does not open this person's answers", async () => {
    const other = await generateToken(server.url);
    expect((await ask(other.token)).status).toBe(404);
  });
});
