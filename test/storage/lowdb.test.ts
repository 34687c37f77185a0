import { spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStateStore } from '../../bot/storage';
import { DataDirLockedError, lockDataDir } from '../../bot/storage/lowdb/dataDirLock';
import { LowdbConversations } from '../../bot/storage/lowdb/lowdbConversations';
import { LowdbStorage } from '../../bot/storage/lowdb/lowdbStorage';
import { listTree } from '../support/files';
import { ROOT } from '../support/process';
import { describeConversationContract } from './conversations.contract';
import { describeStorageContract } from './storage.contract';

let dir: string;
const fresh = async () => (dir = await mkdtemp(join(tmpdir(), 'boussole-lowdb-')));
const cleanup = () => rm(dir, { recursive: true, force: true });

describeStorageContract(
  'lowdb',
  async () => {
    await fresh();
    return { storage: new LowdbStorage(dir), reopen: async (now) => new LowdbStorage(dir, { now }) };
  },
  cleanup,
);

describeConversationContract(
  'lowdb',
  async () => {
    await fresh();
    return { store: new LowdbConversations(dir), reopen: async (now) => new LowdbConversations(dir, { now }) };
  },
  cleanup,
);

describe('lowdb: one file per record, nothing else rewritten', () => {
  beforeEach(fresh);
  afterEach(cleanup);

  test('an item is one file named by its key\'s hash, one JSON line per version; writing it touches no other file', async () => {
    const storage = new LowdbStorage(dir);
    await storage.write(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`directline/users/u${i}/`, { draft: { i } }])));
    const files = await listTree(dir);
    expect(files).toHaveLength(300);
    expect(files.every((f) => /^[0-9a-f]{2}\/[0-9a-f]{64}\.jsonl$/.test(f))).toBe(true);
    const before = await Promise.all(files.map(async (f) => (await stat(join(dir, f))).mtimeMs));

    await new Promise((resolve) => setTimeout(resolve, 20));
    await storage.write({ 'directline/users/u7/': { draft: { i: 'changed' } } });
    const after = await Promise.all(files.map(async (f) => (await stat(join(dir, f))).mtimeMs));
    const changed = files.filter((_, i) => after[i] !== before[i]);
    expect(changed).toHaveLength(1);
    const versions = (await readFile(join(dir, changed[0]!), 'utf8')).split('\n');
    expect(versions.at(-1)).toBe(''); // whole lines only
    expect(versions.slice(0, -1).map((line) => JSON.parse(line) as unknown)).toEqual([
      { key: 'directline/users/u7/', eTag: expect.any(String), value: { draft: { i: 7 } } },
      { key: 'directline/users/u7/', eTag: expect.any(String), value: { draft: { i: 'changed' } } },
    ]);
    expect(await listTree(dir)).toEqual(files); // no temp file left behind
  });

  test('an item\'s file keeps a few versions, then is rewritten with the last one; a cut last line is ignored then replaced', async () => {
    const storage = new LowdbStorage(dir);
    for (let n = 1; n <= 40; n++) await storage.write({ k: { n } });
    const [file] = await listTree(dir);
    const lines = (await readFile(join(dir, file!), 'utf8')).split('\n').slice(0, -1);
    expect(lines.length).toBeLessThanOrEqual(16);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ value: { n: 40 } });

    await appendFile(join(dir, file!), '{"key":"k","eTag":"x","value":{"n":4'); // a write cut by a crash
    const reopened = new LowdbStorage(dir);
    expect((await reopened.read(['k'])).k.n).toBe(40);
    await reopened.write({ k: { n: 41 } });
    expect((await new LowdbStorage(dir).read(['k'])).k.n).toBe(41);
    expect((await readFile(join(dir, file!), 'utf8')).split('\n')).toHaveLength(2); // rewritten whole
  });

  test('a bounded cache: more items than it holds are still read right, from their files', async () => {
    const storage = new LowdbStorage(dir, { cacheSize: 10 });
    await storage.write(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, { i }])));
    const read = await storage.read(Array.from({ length: 200 }, (_, i) => `k${i}`));
    expect(Object.values(read).map((v) => v.i)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  test('a transcript grows by appending: earlier bytes never change, other conversations untouched', async () => {
    const store = new LowdbConversations(dir);
    const other = await store.create('u-other');
    const { id } = await store.create('u1');
    const otherFile = join(dir, (await listTree(dir)).find((f) => f.includes(other.id))!);
    const otherBefore = await stat(otherFile);
    const file = join(dir, (await listTree(dir)).find((f) => f.includes(id))!);
    let previous = await readFile(file, 'utf8');
    for (let i = 0; i < 20; i++) {
      await store.append(id, { type: 'message', text: `turn ${i}` });
      const now = await readFile(file, 'utf8');
      expect(now.startsWith(previous)).toBe(true);
      expect(now.slice(previous.length).split('\n')).toHaveLength(2); // exactly one new line
      previous = now;
    }
    expect((await stat(otherFile)).mtimeMs).toBe(otherBefore.mtimeMs);
  });

  test('a conversation whose file cannot be written fails alone: the others go on', async () => {
    const store = new LowdbConversations(dir);
    const broken = await store.create('u1');
    const fine = await store.create('u2');
    const brokenFile = join(dir, (await listTree(dir)).find((f) => f.includes(broken.id))!);
    const reopened = new LowdbConversations(dir); // nothing cached, no descriptor open
    await rm(brokenFile);
    await mkdir(brokenFile); // a folder where its log should be: every read and write of it fails
    await expect(reopened.append(broken.id, { type: 'message', text: 'x' })).rejects.toThrow();
    await expect(reopened.append(fine.id, { type: 'message', text: 'y' })).resolves.toMatchObject({ text: 'y' });
    const storage = new LowdbStorage(join(dir, 'state'));
    await storage.write({ ok: { n: 1 } });
    expect((await storage.read(['ok'])).ok.n).toBe(1);
  });

  test('with a tiny cache, many conversations appending at once each get exactly their own lines (descriptors closed safely)', async () => {
    const store = new LowdbConversations(dir, { cacheSize: 2 });
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => store.create(`u${i}`).then((c) => c.id)));
    await Promise.all(ids.flatMap((id, i) => Array.from({ length: 15 }, (_, n) => store.append(id, { type: 'message', text: `${i}:${n}` }))));
    const reopened = new LowdbConversations(dir);
    for (const [i, id] of ids.entries()) {
      const texts = (await reopened.page(id, undefined, 100))?.activities.map((a) => a.text);
      expect(texts?.sort()).toEqual(Array.from({ length: 15 }, (_, n) => `${i}:${n}`).sort());
    }
  });

  test('a log cut inside its last line (a write never acknowledged) loads without it; damage elsewhere is refused', async () => {
    const store = new LowdbConversations(dir);
    const { id } = await store.create('u1');
    await store.append(id, { type: 'message', text: 'kept' });
    const file = join(dir, (await listTree(dir)).find((f) => f.includes(id))!);
    await appendFile(file, '{"activity":{"type":"mess');
    const reopened = new LowdbConversations(dir);
    expect((await reopened.page(id, undefined, 10))?.activities.map((a) => a.text)).toEqual(['kept']);

    await writeFile(file, `${(await readFile(file, 'utf8')).split('\n')[0]}\nnot json\n{"activity":{}}\n`);
    await expect(new LowdbConversations(dir).get(id)).rejects.toThrow(/damaged at line 2/);
  });
});

describe('lowdb: one process per data folder', () => {
  beforeEach(fresh);
  afterEach(cleanup);

  test('a second store on a folder held by a live process is refused with a clear message; a dead holder\'s lock is taken over', async () => {
    // A real second process holds the folder.
    const holder = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', `
      const { openStateStore } = require('./bot/storage');
      openStateStore({ dataDir: ${JSON.stringify(dir)} }).then(() => console.log('ready'));
      setInterval(() => {}, 1000);
    `], { cwd: ROOT });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
    });
    const refused = openStateStore({ dataDir: dir });
    await expect(refused).rejects.toThrow(DataDirLockedError);
    await expect(refused).rejects.toThrow(/is in use by process \d+ .*stop the other one.*DATABASE_URL/);

    holder.kill('SIGKILL'); // no chance to release: the lock file stays behind
    await new Promise((resolve) => holder.once('close', resolve));
    const taken = await openStateStore({ dataDir: dir });
    expect(JSON.parse(await readFile(join(dir, 'boussole.lock'), 'utf8')).pid).toBe(process.pid);
    await taken.close();
    await expect(stat(join(dir, 'boussole.lock'))).rejects.toThrow(/ENOENT/);
  }, 30_000);

  test('the same folder cannot be opened twice in one process either', async () => {
    const lock = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toThrow(/already open in this process/);
    await lock.release();
    await (await lockDataDir(dir)).release();
  });
});

describe('lowdb: upgrade from the single-file format', () => {
  beforeEach(fresh);
  afterEach(cleanup);

  test('state.json and directline.json are moved into per-record files, then deleted', async () => {
    await writeFile(
      join(dir, 'state.json'),
      JSON.stringify({ version: 1, items: { 'directline/users/u1/': { eTag: 'e1', modified: new Date().toISOString(), value: { draft: { locale: 'fa' } } } } }),
    );
    const conversation = { id: 'AbC_123', userId: 'u1', locale: 'fa', createdAt: '2026-11-01T10:00:00.000Z', lastActivityAt: '2026-11-01T10:05:00.000Z', started: true, seq: 3 };
    const activity = { type: 'message', text: 'سلام', id: 'AbC_123|0000002', channelData: { 'webchat:sequence-id': 2 } };
    await writeFile(join(dir, 'directline.json'), JSON.stringify({ version: 1, conversations: [{ ...conversation, activities: [activity] }] }));

    const state = await openStateStore({ dataDir: dir });
    try {
      expect((await state.storage.read(['directline/users/u1/']))['directline/users/u1/']).toMatchObject({ draft: { locale: 'fa' } });
      expect(await state.conversations.get('AbC_123')).toEqual({ id: 'AbC_123', userId: 'u1', locale: 'fa', createdAt: conversation.createdAt, started: true, seq: 3 });
      expect((await state.conversations.page('AbC_123', undefined, 10))?.activities).toEqual([activity]);
      expect((await state.conversations.append('AbC_123', { type: 'message', text: 'next' }))?.id).toBe('AbC_123|0000004');
      await expect(stat(join(dir, 'state.json'))).rejects.toThrow(/ENOENT/);
      await expect(stat(join(dir, 'directline.json'))).rejects.toThrow(/ENOENT/);
    } finally {
      await state.close();
    }
  });
});
