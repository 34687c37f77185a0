import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

// The PostgreSQL harness itself: Jest's global setup gave us a server, each file gets its own database.

let db: TestDatabase | undefined;

afterAll(async () => {
  await db?.drop();
});

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

test('the global setup names a PostgreSQL server', () => {
  expect(process.env.TEST_DATABASE_URL).toMatch(/^postgres(ql)?:\/\//);
});

test('a test database stores and returns texts, keeps fsync on, and is gone once dropped', async () => {
  db = await createTestDatabase();
  const name = new URL(db.url).pathname.slice(1);
  expect(name).toMatch(/^test_\d+_\d+_[0-9a-f]{8}$/);

  const client = await connect(db.url);
  try {
    const { rows: current } = await client.query<{ db: string }>('SELECT current_database() AS db');
    expect(current).toEqual([{ db: name }]);

    const { rows: fsync } = await client.query<{ fsync: string }>('SHOW fsync');
    expect(fsync).toEqual([{ fsync: 'on' }]);

    await client.query('CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL)');
    // Every script the chat speaks, quotes, a backslash, a newline, an emoji: anything but NUL.
    const small = "Bonjour « ça va » — مرحبا, سلام, ሰላም, Привет \\ 'quoted' \"double\"\n🇫🇷";
    // 1 MiB of text, not one repeated character, so nothing is truncated or re-encoded unnoticed.
    const big = Array.from({ length: 1 << 16 }, (_, i) => (i * 2654435761).toString(16).padStart(16, '0').slice(-16)).join('');
    expect(big).toHaveLength(1 << 20);
    await client.query('INSERT INTO notes (id, body) VALUES ($1, $2), ($3, $4)', [1, small, 2, big]);

    const { rows } = await client.query<{ id: number; body: string; bytes: number }>(
      'SELECT id, body, octet_length(body) AS bytes FROM notes ORDER BY id',
    );
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
    expect(rows[0]?.body).toBe(small);
    expect(rows[0]?.bytes).toBe(Buffer.byteLength(small, 'utf8'));
    expect(rows[1]?.body === big).toBe(true); // not toBe: a 1 MiB diff would bury the report
    expect(rows[1]?.bytes).toBe(1 << 20);
  } finally {
    await client.end();
  }

  // A connection left open is terminated by drop(), not an obstacle to it.
  const straggler = await connect(db.url);
  // Its client reports the termination (then the lost connection) as 'error' events.
  const terminated = new Promise<Error>((resolve) => straggler.on('error', resolve));
  await db.drop();
  await expect(terminated).resolves.toBeInstanceOf(Error);
  await straggler.end().catch(() => undefined);

  const admin = await connect(process.env.TEST_DATABASE_URL ?? '');
  try {
    const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [name]);
    expect(rows).toEqual([{ n: 0 }]);
  } finally {
    await admin.end();
  }
  await expect(connect(db.url)).rejects.toMatchObject({ code: '3D000' }); // invalid_catalog_name
  await expect(db.drop()).resolves.toBeUndefined(); // twice is harmless
});

test('two test databases never share a name', async () => {
  const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  try {
    expect(a.url).not.toBe(b.url);
    const client = await connect(b.url);
    try {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [
        new URL(a.url).pathname.slice(1),
      ]);
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      await client.end();
    }
  } finally {
    await Promise.all([a.drop(), b.drop()]);
  }
});
