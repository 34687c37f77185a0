import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { textsFor } from '../../dialogs/i18n';
import { startServer, type Started } from '../support/process';
import { Client, generateToken, type Received } from './directline.helpers';

const t = textsFor('fr').t;
const has = (text: string) => (received: Received[]) => received.some((a) => ((a as { text?: string }).text ?? '').includes(text));

/** The real server process, the real DirectLineJS client: what Web Chat does, minus the browser. */
describe('chat over the local Direct Line (real server process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-'));
  const env = { DATA_DIR: dataDir, BOUSSOLE_TODAY: '2026-11-23' };
  let server: Started;
  let client: Client | undefined;

  afterEach(async () => {
    client?.end();
    client = undefined;
    await server?.stop();
  });

  it('welcomes, converses to a plan, and continues the same conversation after a restart', async () => {
    server = await startServer(env);
    const { conversationId, token } = await generateToken(server.url, 'user-web-1');
    client = new Client({ domain: `${server.url}/v3/directline`, token, locale: 'fr-FR' });
    await client.waitFor(has(t('welcome.hello')), 'the welcome', 15000);

    let n = 0;
    const answer = async (text: string, expected: string) => {
      await client!.post(text, `c${++n}`);
      await client!.waitFor(has(expected), expected, 15000);
    };
    await answer('Français', t('q.status'));
    await answer(t('choice.status.bpi'), t('q.statusSince.bpi'));

    // Stop the process between two answers, start a new one on the same data folder.
    const watermark = String(client.received.length);
    client.end();
    await server.stop();
    server = await startServer(env);
    client = new Client({ domain: `${server.url}/v3/directline`, token, conversationId, watermark });

    await answer(t('choice.since.thisYear'), t('q.cir'));
    await answer(t('choice.yes'), t('q.frenchLevel'));
    await answer(t('choice.level.A2'), t('q.location'));
    await answer('Limoges', t('q.needs'));
    await answer(t('choice.need.housing'), t('q.moreNeeds'));
    await answer(t('choice.need.done'), t('plan.intro'));
    await client.waitFor((r) => r.some((a) => ((a as { attachments?: unknown[] }).attachments ?? []).length > 0), 'the plan cards', 15000);
    // The whole conversation is one Direct Line conversation, continued across the restart.
    expect(client.received.every((a) => a.conversation?.id === conversationId)).toBe(true);
  });
});
