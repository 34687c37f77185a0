import { spawn } from 'node:child_process';
import { Pool } from 'pg';
import { openStateStore, type StateStore } from '../../bot/storage';
import { PgConversations } from '../../bot/storage/postgres/pgConversations';
import { PgStorage } from '../../bot/storage/postgres/pgStorage';
import { migrate, SCHEMA_VERSION } from '../../bot/storage/postgres/schema';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { ROOT } from '../support/process';
import { describeConversationContract } from './conversations.contract';
import { describeStorageContract } from './storage.contract';

// Against a real PostgreSQL server (started by Jest's global setup): the same contract as lowdb,
// plus what only a shared database has to show: migrations, and several instances at once.

let database: TestDatabase;
let pools: Pool[] = [];

/** A pool as one instance would have; every pool is ended after each test. */
function pool(): Pool {
  const created = new Pool({ connectionString: database.url, max: 10 });
  created.on('error', () => undefined);
  pools.push(created);
  return created;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await migrate(pool());
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await database.drop();
});

/** Each test starts from empty tables. */
async function emptied(): Promise<void> {
  await pool().query('TRUNCATE boussole_state, boussole_conversations, boussole_activities');
}

async function endPools(): Promise<void> {
  const ending = pools;
  pools = [];
  await Promise.all(ending.map((p) => p.end()));
}

describeStorageContract(
  'PostgreSQL',
  async () => {
    await emptied();
    return { storage: new PgStorage(pool()), reopen: async (now) => new PgStorage(pool(), { now }) };
  },
  endPools,
);

describeConversationContract(
  'PostgreSQL',
  async () => {
    await emptied();
    return { store: new PgConversations(pool()), reopen: async (now) => new PgConversations(pool(), { now }) };
  },
  endPools,
);

describe('PostgreSQL: schema and instances', () => {
  afterEach(endPools);

  test('migrations are recorded, and idempotent even when instances start together', async () => {
    const results = await Promise.all([migrate(pool()), migrate(pool()), migrate(pool())]);
    expect(results).toEqual([[], [], []]); // already at the latest version (beforeAll migrated)
    const { rows } = await pool().query<{ version: number }>('SELECT version FROM boussole_schema ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));

    const other = await createTestDatabase();
    try {
      const starts = await Promise.all([0, 1, 2].map(() => openStateStore({ dataDir: '/nonexistent', databaseUrl: other.url })));
      const secrets = new Set(starts.map((s) => s.tokenSecret));
      expect(secrets.size).toBe(1); // every instance signs tokens with the same key
      expect([...secrets][0]).toMatch(/^[0-9a-f]{64}$/);
      await Promise.all(starts.map((s) => s.close()));
    } finally {
      await other.drop();
    }
  });

  test('two instances: a stale eTag from one is refused after the other wrote; no lost update under contention', async () => {
    const a = new PgStorage(pool());
    const b = new PgStorage(pool());
    await a.write({ counter: { n: 0 } });
    const seenByA = (await a.read(['counter'])).counter;
    await b.write({ counter: { ...(await b.read(['counter'])).counter, n: 1 } });
    await expect(a.write({ counter: { ...seenByA, n: 99 } })).rejects.toThrow(/eTag conflict/);

    const increment = async (storage: PgStorage) => {
      for (;;) {
        const { counter } = await storage.read(['counter']);
        try {
          return await storage.write({ counter: { ...counter, n: counter.n + 1 } });
        } catch (error) {
          if (!/eTag conflict/.test(String(error))) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: 30 }, (_, i) => increment(i % 2 ? a : b)));
    expect((await a.read(['counter'])).counter.n).toBe(31);
  });

  test('two processes: conditional increments from this process and another one lose no update', async () => {
    const storage = new PgStorage(pool());
    await storage.write({ shared: { n: 0 } });
    const script = `
      const { Pool } = require('pg');
      const { PgStorage } = require('./bot/storage/postgres/pgStorage');
      const pool = new Pool({ connectionString: process.env.URL, max: 4 });
      const storage = new PgStorage(pool);
      (async () => {
        await storage.read(['shared']);
        console.log('ready');
        for (let i = 0; i < 100; i++) {
          for (;;) {
            const { shared } = await storage.read(['shared']);
            try { await storage.write({ shared: { ...shared, n: shared.n + 1 } }); break; }
            catch (e) { if (!/eTag conflict/.test(String(e))) throw e; }
          }
        }
        await pool.end();
      })().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });`;
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, env: { ...process.env, URL: database.url } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Both loops start together, so their read-modify-writes really interleave.
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
    let conflicts = 0;
    for (let i = 0; i < 100; i++) {
      for (;;) {
        const { shared } = await storage.read(['shared']);
        try {
          await storage.write({ shared: { ...shared, n: shared.n + 1 } });
          break;
        } catch (error) {
          if (!/eTag conflict/.test(String(error))) throw error;
          conflicts += 1;
        }
      }
    }
    expect(await exited).toBe(0);
    expect(conflicts).toBeGreaterThan(0); // the other process did write in between
    expect(stderr).toBe('');
    expect((await storage.read(['shared'])).shared.n).toBe(200);
  }, 60_000);

  test('two instances appending to one conversation never share a sequence number', async () => {
    const a = new PgConversations(pool());
    const b = new PgConversations(pool());
    const { id } = await a.create('u1');
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).append(id, { type: 'message', text: `m${i}` })));
    const page = await b.page(id, undefined, 100);
    expect(page?.activities.map((x) => x.channelData['webchat:sequence-id'])).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  test('the turn lock: turns of one conversation never overlap across instances; other conversations are not held up', async () => {
    const stores: StateStore[] = await Promise.all([0, 1].map(() => openStateStore({ dataDir: '/nonexistent', databaseUrl: database.url })));
    try {
      const events: string[] = [];
      const turn = (store: StateStore, conversation: string, name: string) =>
        store.turns.run(conversation, async () => {
          events.push(`${name}:in`);
          await new Promise((resolve) => setTimeout(resolve, 40));
          events.push(`${name}:out`);
        });
      await Promise.all([turn(stores[0]!, 'c1', 'a1'), turn(stores[1]!, 'c1', 'b1'), turn(stores[0]!, 'c1', 'a2'), turn(stores[1]!, 'c1', 'b2')]);
      // Strict alternation of in/out: never two turns of c1 inside at once.
      for (let i = 0; i < events.length; i += 2) expect(events[i]!.split(':')[0]).toBe(events[i + 1]!.split(':')[0]);

      const started = Date.now();
      await Promise.all([turn(stores[0]!, 'c2', 'x'), turn(stores[1]!, 'c3', 'y')]);
      expect(Date.now() - started).toBeLessThan(75); // different conversations ran side by side

      // Re-entrant inside a turn (a proactive message from the dialog): no deadlock with itself.
      await stores[0]!.turns.run('c4', () => stores[0]!.turns.run('c4', async () => events.push('nested')));
      expect(events.at(-1)).toBe('nested');
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
