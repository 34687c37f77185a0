import { MemoryStorage } from 'botbuilder';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbConversations } from '../../bot/storage/lowdb/lowdbConversations';
import { startServer, type Running } from './directline.helpers';

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
