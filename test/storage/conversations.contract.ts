import type { Activity } from 'botbuilder';
import { stamp, type ConversationStore } from '../../bot/channels/directline/conversationStore';

export interface ConversationsFixture {
  store: ConversationStore;
  /** A new instance on the same data (a restart); `now` pins its clock. */
  reopen(now?: () => Date): Promise<ConversationStore>;
}

const message = (text: string): Partial<Activity> => ({ type: 'message', text, from: { id: 'u1', name: '', role: 'user' } });
const texts = (page: { activities: Array<{ text?: string }> } | undefined) => page?.activities.map((a) => a.text);

/** What the local Direct Line needs from where it keeps conversations. Run against every store. */
export function describeConversationContract(name: string, open: () => Promise<ConversationsFixture>, close: () => Promise<void>): void {
  describe(`${name}: the conversation store contract`, () => {
    let fixture: ConversationsFixture;
    let store: ConversationStore;

    beforeEach(async () => {
      fixture = await open();
      store = fixture.store;
    });
    afterEach(close);

    test('creates conversations with unguessable ids; unknown and malformed ids are simply unknown', async () => {
      const a = await store.create('u1');
      const b = await store.create('u1');
      expect(a.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(a.id).not.toBe(b.id);
      expect(await store.get(a.id)).toEqual({ id: a.id, userId: 'u1', createdAt: a.createdAt, started: false, seq: 0 });
      for (const id of ['nope', '../x', '', 'a'.repeat(5000), '\u0000', '__proto__']) {
        expect(await store.get(id)).toBeUndefined();
        expect(await store.start(id, 'fr')).toBeUndefined();
        expect(await store.append(id, message('x'))).toBeUndefined();
        expect(await store.page(id, undefined, 10)).toBeUndefined();
        expect(await store.forget(id)).toBe(false);
      }
    });

    test('starts once: a sequence number for the welcome, the locale kept', async () => {
      const { id } = await store.create('u1');
      expect(await store.start(id, 'uk-UA')).toBe(`${id}|0000001`);
      expect(await store.start(id, 'fr')).toBeUndefined();
      expect(await store.get(id)).toMatchObject({ started: true, seq: 1, locale: 'uk-UA' });
    });

    test('appends stamped activities and pages them by watermark', async () => {
      const { id } = await store.create('u1');
      await store.start(id, undefined);
      const first = await store.append(id, { ...message('один'), channelData: { clientActivityID: 'c1' } });
      expect(first).toMatchObject({ id: `${id}|0000002`, text: 'один', channelData: { clientActivityID: 'c1', 'webchat:sequence-id': 2 } });
      expect(Date.parse(first!.timestamp as unknown as string)).not.toBeNaN();
      for (const word of ['два', 'три', 'чотири']) await store.append(id, message(word));

      const all = await store.page(id, undefined, 100);
      expect(texts(all)).toEqual(['один', 'два', 'три', 'чотири']);
      expect(all?.watermark).toBe('5');
      expect(all?.activities[0]).toEqual(first);
      expect(texts(await store.page(id, '3', 100))).toEqual(['три', 'чотири']);
      const limited = await store.page(id, '', 2);
      expect(texts(limited)).toEqual(['один', 'два']);
      expect(limited?.watermark).toBe('3');
      expect(await store.page(id, '5', 100)).toEqual({ activities: [], watermark: '5' });
      // Junk or future watermarks: from the start, or pulled back to the end of the log.
      expect(texts(await store.page(id, 'junk', 100))).toHaveLength(4);
      expect(await store.page(id, '999', 100)).toEqual({ activities: [], watermark: '5' });
    });

    test('appends a turn\'s replies together, in order, with consecutive numbers; none to a conversation that is gone', async () => {
      const { id } = await store.create('u1');
      await store.append(id, message('question'));
      const replies = await store.appendMany(id, [message('a'), message('b'), message('c')]);
      expect(replies?.map((r) => [r.id, r.text])).toEqual([
        [`${id}|0000002`, 'a'],
        [`${id}|0000003`, 'b'],
        [`${id}|0000004`, 'c'],
      ]);
      expect(texts(await store.page(id, undefined, 100))).toEqual(['question', 'a', 'b', 'c']);
      expect(await store.appendMany(id, [])).toEqual([]);
      expect((await store.get(id))?.seq).toBe(4);
      expect(await store.appendMany('nOtAnIdAtAllxxxxxxxxxxxx', [message('x')])).toBeUndefined();
    });

    test('concurrent appends to one conversation get distinct, ordered sequence numbers', async () => {
      const { id } = await store.create('u1');
      const stored = await Promise.all(Array.from({ length: 60 }, (_, i) => store.append(id, message(`m${i}`))));
      const seqs = stored.map((a) => a!.id);
      expect(new Set(seqs).size).toBe(60);
      const page = await store.page(id, undefined, 100);
      expect(page?.activities.map((a) => a.id)).toEqual([...seqs].sort());
      expect(page?.watermark).toBe('60');
    });

    test('forget empties the log but keeps the conversation, its sequence going on', async () => {
      const { id } = await store.create('u1');
      await store.start(id, 'fr');
      await store.append(id, message('mon numéro est 0600000000'));
      expect(await store.forget(id)).toBe(true);
      expect(await store.page(id, undefined, 100)).toEqual({ activities: [], watermark: '0' });
      expect((await store.append(id, message('encore')))?.id).toBe(`${id}|0000003`);
      const reopened = await fixture.reopen();
      expect(texts(await reopened.page(id, undefined, 100))).toEqual(['encore']);
      expect(await reopened.get(id)).toMatchObject({ started: true, locale: 'fr', seq: 3 });
    });

    test('survives a restart: records, logs and sequence numbers', async () => {
      const { id } = await store.create('u9');
      await store.start(id, 'ar');
      await store.append(id, message('مرحبا'));
      const restarted = await fixture.reopen();
      expect(await restarted.get(id)).toMatchObject({ userId: 'u9', started: true, locale: 'ar', seq: 2 });
      expect(texts(await restarted.page(id, undefined, 10))).toEqual(['مرحبا']);
      expect((await restarted.append(id, message('next')))?.id).toBe(`${id}|0000003`);
      expect(await restarted.start(id, 'ar')).toBeUndefined();
    });

    test('restore writes a whole conversation: read back as it was, then it goes on; retention counts from its last activity', async () => {
      const record = { id: 'Restored_1', userId: 'u5', locale: 'ti', createdAt: '2026-10-01T08:00:00.000Z', started: true, seq: 3 };
      const activities = [2, 3].map((seq) => stamp('Restored_1', seq, `2026-10-01T08:0${seq}:00.000Z`, message(`m${seq}`)));
      await store.restore(record, activities, new Date('2026-10-01T08:03:00Z'));
      expect(await store.get('Restored_1')).toEqual(record);
      expect((await store.page('Restored_1', undefined, 10))?.activities).toEqual(activities);
      expect((await store.append('Restored_1', message('after')))?.id).toBe('Restored_1|0000004');
      const timed = await fixture.reopen(() => new Date('2026-11-27T00:00:00Z'));
      await timed.restore(record, activities, new Date('2026-10-01T08:03:00Z'));
      expect(await timed.purgeOlderThan(new Date('2026-10-02T00:00:00Z'))).toEqual(['Restored_1']);
    });

    test('purgeOlderThan drops conversations idle since before the cutoff, with their logs', async () => {
      let clock = new Date('2026-01-01T00:00:00Z');
      const timed = await fixture.reopen(() => clock);
      const old = await timed.create('u1');
      const renewed = await timed.create('u2');
      await timed.append(old.id, message('old words'));
      clock = new Date('2026-02-15T00:00:00Z');
      await timed.append(renewed.id, message('new words'));
      const fresh = await timed.create('u3');
      const purged = await timed.purgeOlderThan(new Date('2026-01-16T00:00:00Z'));
      expect(purged).toEqual([old.id]);
      const after = await fixture.reopen();
      expect(await after.get(old.id)).toBeUndefined();
      expect(await after.page(old.id, undefined, 10)).toBeUndefined();
      expect(await after.get(renewed.id)).toBeDefined();
      expect(await after.get(fresh.id)).toBeDefined();
      expect(await timed.purgeOlderThan(new Date('2026-01-16T00:00:00Z'))).toEqual([]);
    });
  });
}
