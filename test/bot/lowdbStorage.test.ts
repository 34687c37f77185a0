import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoSaveStateMiddleware, ConversationState, MessageFactory, TestAdapter, type StoreItems } from 'botbuilder';
import { Dialog, DialogSet, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { LowdbStorage } from '../../bot/storage/lowdbStorage';

// Cases ported from botbuilder-js libraries/botbuilder-core/tests/storageBaseTests.js, plus what a
// file store adds: persistence, atomic file content, whole-batch conflicts and retention.

let dir: string;
let file: string;
let storage: LowdbStorage;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'boussole-storage-'));
  file = join(dir, 'state', 'state.json'); // a missing folder is created
  storage = new LowdbStorage(file);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('LowdbStorage: storageBaseTests cases', () => {
  test('returns an empty object when reading an unknown key', async () => {
    const result = await storage.read(['unknown']);
    expect(result).toEqual({});
  });

  test('rejects null keys or changes with ReferenceError, like MemoryStorage', async () => {
    await expect(storage.read(null as unknown as string[])).rejects.toThrow(ReferenceError);
    await expect(storage.write(null as unknown as StoreItems)).rejects.toThrow(ReferenceError);
    await expect(storage.delete(null as unknown as string[])).rejects.toThrow(ReferenceError);
  });

  test('does not throw when writing no items', async () => {
    await expect(storage.write([] as unknown as StoreItems)).resolves.toBeUndefined();
    await expect(storage.write({})).resolves.toBeUndefined();
  });

  test('creates objects and gives each an eTag', async () => {
    const items = { createPoco: { id: 1 }, createPocoStoreItem: { id: 2 } };
    await storage.write(items);
    const read = await storage.read(Object.keys(items));
    expect(read.createPoco.id).toBe(1);
    expect(read.createPocoStoreItem.id).toBe(2);
    expect(typeof read.createPoco.eTag).toBe('string');
    expect(typeof read.createPocoStoreItem.eTag).toBe('string');
  });

  test('round-trips crazy keys, including __proto__', async () => {
    const key = '!@#$%^&*()~/\\><,.?\';"`~';
    await storage.write({ [key]: { id: 1 } });
    expect((await storage.read([key]))[key].id).toBe(1);

    const proto: StoreItems = {};
    Object.defineProperty(proto, '__proto__', { value: { id: 2 }, enumerable: true });
    await storage.write(proto);
    const read = await storage.read(['__proto__']);
    expect(Object.prototype.hasOwnProperty.call(read, '__proto__')).toBe(true);
    expect((Object.getOwnPropertyDescriptor(read, '__proto__')?.value as { id: number }).id).toBe(2);
    // ...and across a reload from the file.
    const reloaded = await new LowdbStorage(file).read([key, '__proto__']);
    expect(Object.keys(reloaded).sort()).toEqual(['__proto__', key].sort());
  });

  test('updates objects with eTag semantics (none, matching, stale, wildcard)', async () => {
    await storage.write({ pocoItem: { id: 1, count: 1 }, pocoStoreItem: { id: 1, count: 1 } });
    const loaded = await storage.read(['pocoItem', 'pocoStoreItem']);
    const pocoItem = loaded.pocoItem;
    delete pocoItem.eTag; // a plain object: unconditional writes
    const pocoStoreItem = loaded.pocoStoreItem;
    expect(pocoStoreItem.eTag).toBeTruthy();

    pocoItem.count++;
    pocoStoreItem.count++;
    await storage.write(loaded); // matching eTag: accepted

    const reloaded = await storage.read(['pocoItem', 'pocoStoreItem']);
    expect(reloaded.pocoItem.eTag).toBeTruthy();
    expect(reloaded.pocoStoreItem.eTag).not.toBe(pocoStoreItem.eTag); // new eTag on every write
    expect(reloaded.pocoItem.count).toBe(2);
    expect(reloaded.pocoStoreItem.count).toBe(2);

    pocoItem.count = 123;
    await expect(storage.write({ pocoItem })).resolves.toBeUndefined(); // no eTag: last write wins

    pocoStoreItem.count = 123;
    await expect(storage.write({ pocoStoreItem })).rejects.toThrow(/eTag conflict/); // stale eTag

    const after = await storage.read(['pocoItem', 'pocoStoreItem']);
    expect(after.pocoItem.count).toBe(123);
    expect(after.pocoStoreItem.count).toBe(2);

    after.pocoItem.count = 100;
    after.pocoStoreItem.count = 100;
    after.pocoStoreItem.eTag = '*';
    await storage.write({ pocoItem: after.pocoItem, pocoStoreItem: after.pocoStoreItem }); // wildcard
    const final = await storage.read(['pocoItem', 'pocoStoreItem']);
    expect(final.pocoItem.count).toBe(100);
    expect(final.pocoStoreItem.count).toBe(100);
  });

  test('deletes objects', async () => {
    await storage.write({ delete1: { id: 1, count: 1 } });
    const read = await storage.read(['delete1']);
    expect(read.delete1.eTag).toBeTruthy();
    expect(read.delete1.count).toBe(1);
    await storage.delete(['delete1']);
    expect((await storage.read(['delete1'])).delete1).toBeUndefined();
  });

  test('does not throw when deleting an unknown key', async () => {
    await expect(storage.delete(['unknown_key'])).resolves.toBeUndefined();
  });

  test('performs batch operations', async () => {
    await storage.write({ batch1: { count: 10 }, batch2: { count: 20 }, batch3: { count: 30 } });
    let result = await storage.read(['batch1', 'batch2', 'batch3']);
    for (const key of ['batch1', 'batch2', 'batch3']) {
      expect(result[key].count).toBeGreaterThan(0);
      expect(result[key].eTag).toBeTruthy();
    }
    await storage.delete(['batch1', 'batch2', 'batch3']);
    result = await storage.read(['batch1', 'batch2', 'batch3']);
    expect(result).toEqual({});
  });

  test('proceeds through a waterfall with ConversationState on this storage', async () => {
    const convoState = new ConversationState(storage);
    const dialogs = new DialogSet(convoState.createProperty('dialogState'));
    const adapter = new TestAdapter(async (turnContext) => {
      const dc = await dialogs.createContext(turnContext);
      await dc.continueDialog();
      if (!turnContext.responded) await dc.beginDialog('waterfallDialog');
    }).use(new AutoSaveStateMiddleware(convoState));

    dialogs.add(
      new TextPrompt('textPrompt', async (prompt) => {
        if ((prompt.recognized.value ?? '').length > 3) {
          await prompt.context.sendActivity(MessageFactory.text(`You got it at the ${prompt.attemptCount}th try!`));
          return true;
        }
        await prompt.context.sendActivity(`Please send a name that is longer than 3 characters. ${prompt.attemptCount}`);
        return false;
      }),
    );
    dialogs.add(
      new WaterfallDialog('waterfallDialog', [
        async (step: WaterfallStepContext) => {
          await step.context.sendActivity('step1');
          return Dialog.EndOfTurn;
        },
        async (step: WaterfallStepContext) => step.prompt('textPrompt', { prompt: 'Please type your name.' }),
        async (step: WaterfallStepContext) => {
          await step.context.sendActivity('step3');
          return Dialog.EndOfTurn;
        },
      ]),
    );

    await adapter
      .send('hello')
      .assertReply('step1')
      .send('hello')
      .assertReply('Please type your name.')
      .send('hi')
      .assertReply('Please send a name that is longer than 3 characters. 1')
      .send('hi')
      .assertReply('Please send a name that is longer than 3 characters. 2')
      .send('Kyle')
      .assertReply('You got it at the 3th try!')
      .assertReply('step3')
      .startTest();
    // The dialog state went through the file.
    const content = JSON.parse(await readFile(file, 'utf8')) as { items: Record<string, unknown> };
    expect(Object.keys(content.items).some((key) => key.startsWith('test/conversations/'))).toBe(true);
  });
});

describe('LowdbStorage: file behaviour', () => {
  test('a stale eTag rejects the whole batch: nothing of it is written', async () => {
    await storage.write({ a: { n: 1 }, b: { n: 1 } });
    const { b } = await storage.read(['b']);
    await storage.write({ b: { n: 2 } }); // b's eTag is now stale
    await expect(storage.write({ a: { n: 9 }, b: { ...b, n: 9 } })).rejects.toThrow('Storage: error writing "b" due to eTag conflict.');
    const after = await new LowdbStorage(file).read(['a', 'b']);
    expect(after.a.n).toBe(1);
    expect(after.b.n).toBe(2);
  });

  test('a value JSON cannot hold rejects the batch and writes nothing', async () => {
    await expect(storage.write({ ok: { n: 1 }, bad: { n: BigInt(1) } })).rejects.toThrow();
    expect(await storage.read(['ok', 'bad'])).toEqual({});
  });

  test('stored data is isolated from the caller objects', async () => {
    const item = { list: [1] };
    await storage.write({ k: item });
    item.list.push(2);
    const read = await storage.read(['k']);
    read.k.list.push(3);
    expect((await storage.read(['k'])).k.list).toEqual([1]);
  });

  test('persists to the file: a new instance (restart) reads the same items and eTags', async () => {
    await storage.write({ 'directline/users/u1/UserState': { profile: { lang: 'fa' } } });
    const before = await storage.read(['directline/users/u1/UserState']);
    const restarted = new LowdbStorage(file);
    const after = await restarted.read(['directline/users/u1/UserState']);
    expect(after).toEqual(before);
    // the old eTag still guards writes after the restart
    await restarted.write({ 'directline/users/u1/UserState': { profile: {}, eTag: 'stale' } }).catch(() => undefined);
    expect((await restarted.read(['directline/users/u1/UserState']))['directline/users/u1/UserState'].profile).toEqual({ lang: 'fa' });
  });

  test('the file is whole JSON after every write, written by temp file + rename (no temp left)', async () => {
    // Many overlapping writes while the file is read back: every read must parse.
    const writes = Array.from({ length: 40 }, (_, i) => storage.write({ [`k${i % 5}`]: { i, pad: 'x'.repeat(2000) } }));
    const reads: Promise<void>[] = [];
    for (let i = 0; i < 40; i++) {
      reads.push(
        readFile(file, 'utf8').then(
          (text) => void JSON.parse(text),
          (error: NodeJS.ErrnoException) => {
            if (error.code !== 'ENOENT') throw error; // before the first rename the file may not exist yet
          },
        ),
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([...writes, ...reads]);
    const content = JSON.parse(await readFile(file, 'utf8')) as { version: number; items: Record<string, { eTag: string; modified: string; value: { i: number } }> };
    expect(content.version).toBe(1);
    expect(Object.keys(content.items).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(content.items.k4?.value.i).toBe(39); // serialised: the last write wins in call order
    expect(content.items.k4?.value).not.toHaveProperty('eTag'); // the eTag is kept beside the value
    expect(await readdir(join(dir, 'state'))).toEqual(['state.json']);
    expect(existsSync(join(dir, 'state', '.state.json.tmp'))).toBe(false);
  });

  test('purgeOlderThan drops items last written before the cutoff, on disk too', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    const timed = new LowdbStorage(file, { now: () => clock });
    await timed.write({ old: { n: 1 }, renewed: { n: 1 } });
    clock = new Date('2026-02-15T00:00:00Z');
    await timed.write({ renewed: { n: 2 }, fresh: { n: 1 } });
    const cutoff = new Date(clock.getTime() - 30 * 24 * 3600 * 1000); // 30-day retention
    expect(await timed.purgeOlderThan(cutoff)).toEqual(['old']);
    expect(Object.keys(await new LowdbStorage(file).read(['old', 'renewed', 'fresh'])).sort()).toEqual(['fresh', 'renewed']);
    expect(await timed.purgeOlderThan(cutoff)).toEqual([]);
  });
});
