import { AutoSaveStateMiddleware, ConversationState, MessageFactory, TestAdapter, type StoreItems } from 'botbuilder';
import { Dialog, DialogSet, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { RetainedStorage } from '../../bot/storage';

/** How a suite gets a store: a fresh empty one, and the same data opened again (a restart). */
export interface StorageFixture {
  storage: RetainedStorage;
  /** A new instance on the same data, as after a restart; `now` pins its clock. */
  reopen(now?: () => Date): Promise<RetainedStorage>;
}

/** Odd keys every store must keep apart and give back as they were. */
export const ODD_KEYS = [
  '',
  '/',
  '..',
  '../../etc/passwd',
  'a/b\\c',
  '__proto__',
  'constructor',
  'toString',
  'nul\u0000inside',
  '🧭 boussole',
  'مرحبا',
  'lone \ud800 surrogate',
  '!@#$%^&*()~/\\><,.?\';"`~',
  'directline/users/u1/UserState',
  'x'.repeat(1024 * 1024),
];

/** A value with every JSON shape, nesting and the characters that trip text storage. */
export const ROUND_TRIP = {
  text: 'français · عربي · فارسی · ትግርኛ · українська · 🧭',
  controls: 'nul\u0000 tab\t newline\n quote" backslash\\ \u2028',
  numbers: [0, -1, 1.5, 1e300, -0.000001, Number.MAX_SAFE_INTEGER],
  flags: [true, false],
  nothing: null,
  nested: { a: { b: { c: { d: [{ e: 'deep' }] } } } },
  empty: { object: {}, array: [], string: '' },
  '__proto__': { plain: 'data' },
};

/**
 * The botbuilder Storage contract: the cases of botbuilder-js's storageBaseTests, plus what a
 * service needs from it: odd keys, whole-batch conflicts, values that round-trip, 10,000 keys,
 * concurrent conditional writes, a restart and retention. Run against every store.
 */
export function describeStorageContract(name: string, open: () => Promise<StorageFixture>, close: () => Promise<void>): void {
  describe(`${name}: the Storage contract`, () => {
    let fixture: StorageFixture;
    let storage: RetainedStorage;

    beforeEach(async () => {
      fixture = await open();
      storage = fixture.storage;
    });
    afterEach(close);

    test('returns an empty object when reading an unknown key, or no key', async () => {
      expect(await storage.read(['unknown'])).toEqual({});
      expect(await storage.read([])).toEqual({});
    });

    test('rejects null keys or changes with ReferenceError, like MemoryStorage', async () => {
      await expect(storage.read(null as unknown as string[])).rejects.toThrow(ReferenceError);
      await expect(storage.write(null as unknown as StoreItems)).rejects.toThrow(ReferenceError);
      await expect(storage.delete(null as unknown as string[])).rejects.toThrow(ReferenceError);
    });

    test('does not throw when writing or deleting nothing', async () => {
      await expect(storage.write([] as unknown as StoreItems)).resolves.toBeUndefined();
      await expect(storage.write({})).resolves.toBeUndefined();
      await expect(storage.delete([])).resolves.toBeUndefined();
      await expect(storage.delete(['unknown_key'])).resolves.toBeUndefined();
    });

    test('creates objects and gives each an eTag', async () => {
      await storage.write({ createPoco: { id: 1 }, createPocoStoreItem: { id: 2 } });
      const read = await storage.read(['createPoco', 'createPocoStoreItem']);
      expect(read.createPoco).toEqual({ id: 1, eTag: expect.any(String) });
      expect(read.createPocoStoreItem).toEqual({ id: 2, eTag: expect.any(String) });
      expect(read.createPoco.eTag).not.toBe(read.createPocoStoreItem.eTag);
    });

    test('keeps odd keys apart and gives them back as they were', async () => {
      const items: StoreItems = {};
      ODD_KEYS.forEach((key, i) => Object.defineProperty(items, key, { value: { i }, enumerable: true }));
      await storage.write(items);
      const read = await storage.read(ODD_KEYS);
      expect(Object.keys(read).sort()).toEqual([...ODD_KEYS].sort());
      ODD_KEYS.forEach((key, i) => expect((Object.getOwnPropertyDescriptor(read, key)?.value as { i: number }).i).toBe(i));
      expect(Object.getPrototypeOf(read)).toBe(Object.prototype); // '__proto__' stayed a plain key
      // Each alone, and after a restart.
      const reopened = await fixture.reopen();
      for (const [i, key] of ODD_KEYS.entries()) {
        const one = await reopened.read([key]);
        expect(Object.keys(one)).toEqual([key]);
        expect((Object.getOwnPropertyDescriptor(one, key)?.value as { i: number }).i).toBe(i);
      }
      await storage.delete(ODD_KEYS);
      expect(await storage.read(ODD_KEYS)).toEqual({});
    });

    test('round-trips values exactly, as JSON does', async () => {
      const value: Record<string, unknown> = JSON.parse(JSON.stringify(ROUND_TRIP)) as Record<string, unknown>;
      await storage.write({ k: { ...value, when: new Date('2026-11-27T10:00:00Z'), gone: undefined } });
      const { eTag, ...back } = (await (await fixture.reopen()).read(['k'])).k as Record<string, unknown>;
      expect(typeof eTag).toBe('string');
      expect(back).toEqual({ ...value, when: '2026-11-27T10:00:00.000Z' });
      expect(JSON.stringify(back)).toBe(JSON.stringify({ ...value, when: '2026-11-27T10:00:00.000Z' }));
    });

    test('updates objects with eTag semantics (none, matching, stale, wildcard)', async () => {
      await storage.write({ pocoItem: { id: 1, count: 1 }, pocoStoreItem: { id: 1, count: 1 } });
      const loaded = await storage.read(['pocoItem', 'pocoStoreItem']);
      const pocoItem = loaded.pocoItem;
      delete pocoItem.eTag; // a plain object: unconditional writes
      const pocoStoreItem = loaded.pocoStoreItem;
      pocoItem.count++;
      pocoStoreItem.count++;
      await storage.write(loaded); // matching eTag: accepted

      const reloaded = await storage.read(['pocoItem', 'pocoStoreItem']);
      expect(reloaded.pocoStoreItem.eTag).not.toBe(pocoStoreItem.eTag); // new eTag on every write
      expect(reloaded.pocoItem.count).toBe(2);
      expect(reloaded.pocoStoreItem.count).toBe(2);

      pocoItem.count = 123;
      await expect(storage.write({ pocoItem })).resolves.toBeUndefined(); // no eTag: last write wins
      pocoStoreItem.count = 123;
      await expect(storage.write({ pocoStoreItem })).rejects.toThrow('Storage: error writing "pocoStoreItem" due to eTag conflict.');

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

    test('a conditional write to a missing item creates it (as MemoryStorage does); an empty eTag is unconditional', async () => {
      await storage.write({ fresh: { n: 1, eTag: 'never-issued' } });
      expect((await storage.read(['fresh'])).fresh.n).toBe(1);
      await storage.write({ fresh: { n: 2, eTag: '' } });
      expect((await storage.read(['fresh'])).fresh.n).toBe(2);
    });

    test('a stale eTag rejects the whole batch: nothing of it is written', async () => {
      await storage.write({ a: { n: 1 }, b: { n: 1 } });
      const { b } = await storage.read(['b']);
      await storage.write({ b: { n: 2 } }); // b's eTag is now stale
      await expect(storage.write({ a: { n: 9 }, b: { ...b, n: 9 } })).rejects.toThrow('Storage: error writing "b" due to eTag conflict.');
      const after = await (await fixture.reopen()).read(['a', 'b']);
      expect(after.a.n).toBe(1);
      expect(after.b.n).toBe(2);
    });

    test('a value JSON cannot hold, or a non-object item, rejects the batch and writes nothing', async () => {
      await expect(storage.write({ ok: { n: 1 }, bad: { n: BigInt(1) } })).rejects.toThrow();
      await expect(storage.write({ ok: { n: 1 }, bad: 'text' } as unknown as StoreItems)).rejects.toThrow(TypeError);
      await expect(storage.write({ ok: { n: 1 }, bad: null } as unknown as StoreItems)).rejects.toThrow(TypeError);
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

    test('performs batch operations', async () => {
      await storage.write({ batch1: { count: 10 }, batch2: { count: 20 }, batch3: { count: 30 } });
      const result = await storage.read(['batch1', 'batch2', 'batch3', 'missing']);
      expect(Object.keys(result).sort()).toEqual(['batch1', 'batch2', 'batch3']);
      expect(result.batch3.count).toBe(30);
      await storage.delete(['batch1', 'batch2', 'batch3']);
      expect(await storage.read(['batch1', 'batch2', 'batch3'])).toEqual({});
    });

    test('holds 10,000 keys: written in batches, read back in one call, deleted', async () => {
      const keys = Array.from({ length: 10_000 }, (_, i) => `directline/conversations/c${i}/`);
      for (let from = 0; from < keys.length; from += 500) {
        await storage.write(Object.fromEntries(keys.slice(from, from + 500).map((key, i) => [key, { n: from + i }])));
      }
      const read = await storage.read(keys);
      expect(Object.keys(read)).toHaveLength(10_000);
      expect(read[keys[9_999]!].n).toBe(9_999);
      expect(read[keys[4_321]!].n).toBe(4_321);
      await storage.delete(keys);
      expect(await storage.read(keys.slice(0, 100))).toEqual({});
    }, 120_000);

    test('concurrent read-modify-write with eTags loses no update', async () => {
      await storage.write({ counter: { n: 0 } });
      const increment = async (): Promise<void> => {
        for (;;) {
          const { counter } = await storage.read(['counter']);
          try {
            await storage.write({ counter: { ...counter, n: counter.n + 1 } });
            return;
          } catch (error) {
            if (!/eTag conflict/.test(String(error))) throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: 40 }, increment));
      expect((await storage.read(['counter'])).counter.n).toBe(40);
    });

    test('survives a restart: a new instance reads the same items and eTags, and old eTags still guard', async () => {
      await storage.write({ 'directline/users/u1/UserState': { profile: { lang: 'fa' } } });
      const before = await storage.read(['directline/users/u1/UserState']);
      const restarted = await fixture.reopen();
      expect(await restarted.read(['directline/users/u1/UserState'])).toEqual(before);
      await expect(restarted.write({ 'directline/users/u1/UserState': { profile: {}, eTag: 'stale' } })).rejects.toThrow(/eTag conflict/);
      expect((await restarted.read(['directline/users/u1/UserState']))['directline/users/u1/UserState'].profile).toEqual({ lang: 'fa' });
    });

    test('purgeOlderThan drops items last written before the cutoff', async () => {
      let clock = new Date('2026-01-01T00:00:00Z');
      const timed = await fixture.reopen(() => clock);
      await timed.write({ old: { n: 1 }, renewed: { n: 1 } });
      clock = new Date('2026-02-15T00:00:00Z');
      await timed.write({ renewed: { n: 2 }, fresh: { n: 1 } });
      const cutoff = new Date(clock.getTime() - 30 * 24 * 3600 * 1000); // 30-day retention
      expect(await timed.purgeOlderThan(cutoff)).toBe(1);
      expect(Object.keys(await (await fixture.reopen()).read(['old', 'renewed', 'fresh'])).sort()).toEqual(['fresh', 'renewed']);
      expect(await timed.purgeOlderThan(cutoff)).toBe(0);
    });

    test('proceeds through a waterfall with ConversationState on this storage (botbuilder\'s own case)', async () => {
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
      // The dialog state went through the store: a new instance sees the waterfall at its last step.
      const key = 'test/conversations/Convo1/';
      const stored = await (await fixture.reopen()).read([key]);
      expect(stored[key]).toMatchObject({ dialogState: { dialogStack: [{ id: 'waterfallDialog', state: { stepIndex: 2 } }] } });
    });
  });
}
