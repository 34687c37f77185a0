import { MemoryStorage } from 'botbuilder';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbConversations } from '../../bot/storage/lowdb/lowdbConversations';
import { call, generateToken, startServer, type Running } from './directline.helpers';

describe('local Direct Line: new conversations are capped per address', () => {
  let running: Running;
  afterEach(() => running?.close());

  it('answers 429 with Retry-After past the limit, and other routes keep working', async () => {
    running = await startServer(new MemoryStorage(), {
      store: new LowdbConversations(mkdtempSync(join(tmpdir(), 'dl-limit-'))),
      limits: { perAddress: { max: 2, windowSeconds: 60 } },
    });
    const generate = () => fetch(`${running.base}/v3/directline/tokens/generate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const first = await generate();
    expect(first.status).toBe(200);
    expect((await generate()).status).toBe(200);
    const refused = await generate();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');

    const { token } = (await first.json()) as { token: string };
    const refresh = await fetch(`${running.base}/v3/directline/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    expect(refresh.status).toBe(200);
  });
});

describe('local Direct Line: a refused message is explained in the conversation, once', () => {
  let running: Running;
  afterEach(() => running?.close());

  const notice = (kind: string, locale: string | undefined) => `${kind} (${locale})`;
  const message = (text: string) => ({ type: 'message', text, from: { id: 'x' }, locale: 'ar-SA' });

  async function open(): Promise<{ url: string; token: string }> {
    const { conversationId, token } = await generateToken(running.base);
    const url = `${running.domain}/conversations/${conversationId}`;
    expect((await call(`${running.domain}/conversations`, token, { method: 'POST', body: { locale: 'ar-SA' } })).status).toBe(201);
    return { url, token };
  }

  const botTexts = async (url: string, token: string): Promise<string[]> => {
    const page = (await call(`${url}/activities`, token)).body as { activities: Array<{ text?: string; from: { role?: string }; channelData?: { notice?: string } }> };
    return page.activities.filter((a) => a.channelData?.notice).map((a) => a.text ?? '');
  };

  it('over the rate: 429 TooManyRequests, and one notice in the conversation\'s locale per window', async () => {
    running = await startServer(new MemoryStorage(), {
      store: new LowdbConversations(mkdtempSync(join(tmpdir(), 'dl-notice-'))),
      limits: { perConversation: { max: 2, windowSeconds: 60 } },
      notice,
    });
    const { url, token } = await open();
    for (const text of ['a', 'b']) expect((await call(`${url}/activities`, token, { method: 'POST', body: message(text) })).status).toBe(200);
    for (const text of ['c', 'd', 'e']) {
      const refused = await call(`${url}/activities`, token, { method: 'POST', body: message(text) });
      expect(refused.status).toBe(429);
      expect((refused.body as { error: { code: string } }).error.code).toBe('TooManyRequests');
    }
    expect(await botTexts(url, token)).toEqual(['tooFast (ar-SA)']);
  });

  it('a full conversation: 429 ConversationFull, and one notice however often the client insists', async () => {
    running = await startServer(new MemoryStorage(), {
      store: new LowdbConversations(mkdtempSync(join(tmpdir(), 'dl-full-'))),
      limits: { activitiesPerConversation: 6 },
      notice,
    });
    const { url, token } = await open();
    let statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await call(`${url}/activities`, token, { method: 'POST', body: message(`m${i}`) })).status);
    // The echo bot answers each message: the log reaches 6 after a few posts; every later post is refused.
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    statuses = statuses.slice(statuses.indexOf(429));
    expect(new Set(statuses)).toEqual(new Set([429]));
    const refused = await call(`${url}/activities`, token, { method: 'POST', body: message('again') });
    expect((refused.body as { error: { code: string } }).error.code).toBe('ConversationFull');
    expect(await botTexts(url, token)).toEqual(['full (ar-SA)']);
  });
});
