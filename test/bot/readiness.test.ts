import type { AddressInfo } from 'node:net';
import { NotReady, createServer } from '../../bot/server';
import { testEngine } from '../support/engine';

describe('/readyz', () => {
  it.each([
    ['ready', () => Promise.resolve(), 200, { status: 'ready' }],
    ['still warming', () => Promise.reject(new NotReady('warming')), 503, { status: 'unavailable', reason: 'warming' }],
    ['a store that cannot write', () => Promise.reject(new Error('EACCES')), 503, { status: 'unavailable', reason: 'storage' }],
  ] as const)('%s', async (_case, ready, status, body) => {
    const server = createServer({ engine: testEngine(), ready });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`);
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual(body);
    } finally {
      server.close();
    }
  });
});
