import type { Activity } from 'botbuilder';
import {
  activityId,
  isConversationId,
  newConversationId,
  pageWatermark,
  parseWatermark,
  sequenceOf,
  stamp,
  type ActivityPage,
  type ConversationRecord,
  type ConversationStore,
} from '../../channels/directline/conversationStore';
import { KeyedQueue } from '../keyedQueue';
import { Lru } from '../lru';
import { RecordFiles } from './recordFiles';

export interface LowdbConversationsOptions {
  now?: () => Date;
  /** Conversations kept in memory (those in progress); default 500. */
  cacheSize?: number;
}

interface Loaded {
  record: ConversationRecord;
  activities: Activity[];
  /** Kept open while the conversation is in memory, so an append is one write(2). */
  fd?: number;
}

/**
 * One line of a conversation's log file. The log is only ever appended to (one line per change), so
 * a turn costs the same however long the conversation or however many are stored; "erase" rewrites
 * the file whole, keeping a checkpoint of where the sequence numbers stand.
 */
type LogLine =
  | { conversation: Pick<ConversationRecord, 'id' | 'userId' | 'createdAt'> }
  | { start: { seq: number; locale?: string } }
  | { checkpoint: { seq: number; started: boolean; locale?: string } }
  | { activity: Activity };

/** The local Direct Line's conversations, one append-only JSON-lines file each. */
export class LowdbConversations implements ConversationStore {
  private readonly files: RecordFiles;
  private readonly cache: Lru<Loaded>;
  private readonly queue = new KeyedQueue();
  private readonly now: () => Date;

  constructor(dir: string, options: LowdbConversationsOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.files = new RecordFiles(dir, '.jsonl', options.now);
    // An evicted conversation's descriptor is closed after the operations already queued on it, so a
    // write in flight never sees its descriptor number reused by another file.
    this.cache = new Lru(options.cacheSize ?? 500, (id, loaded) => void this.queue.run(id, () => this.release(loaded)).catch(() => undefined));
  }

  async create(userId: string): Promise<ConversationRecord> {
    const record: ConversationRecord = { id: newConversationId(), userId, createdAt: this.now().toISOString(), started: false, seq: 0 };
    await this.queue.run(record.id, async () => {
      await this.files.write(record.id, line({ conversation: { id: record.id, userId, createdAt: record.createdAt } }));
      this.cache.set(record.id, { record, activities: [] });
    });
    return { ...record };
  }

  async get(id: string): Promise<ConversationRecord | undefined> {
    const loaded = await this.locked(id, async (c) => c);
    return loaded && { ...loaded.record };
  }

  start(id: string, locale: string | undefined): Promise<string | undefined> {
    return this.locked(id, async (loaded) => {
      const { record } = loaded;
      if (record.started) return undefined;
      const seq = record.seq + 1;
      await this.appendLine(id, loaded, line({ start: { seq, ...(locale ? { locale } : {}) } }));
      Object.assign(record, { started: true, seq, ...(locale ? { locale } : {}) });
      return activityId(id, seq);
    });
  }

  async append(id: string, activity: Partial<Activity>): Promise<Activity | undefined> {
    return (await this.appendMany(id, [activity]))?.[0];
  }

  appendMany(id: string, activities: Partial<Activity>[]): Promise<Activity[] | undefined> {
    return this.locked(id, async (loaded) => {
      if (activities.length === 0) return [];
      const at = this.now().toISOString();
      const stored = activities.map((activity, i) => stamp(id, loaded.record.seq + 1 + i, at, activity));
      // One write(2) for all: a kill leaves at most a cut last line, which readers drop with the lines after
      // it (none): never acknowledged, since the turn that sent them had not finished.
      await this.appendLine(id, loaded, stored.map((activity) => line({ activity })).join(''));
      loaded.record.seq += stored.length;
      loaded.activities.push(...stored);
      return stored;
    });
  }

  page(id: string, watermark: string | undefined, limit: number): Promise<ActivityPage | undefined> {
    return this.locked(id, async ({ record, activities }) => {
      const after = parseWatermark(watermark);
      // Sequence numbers grow along the log: find the first one past the watermark from the end.
      let from = activities.length;
      while (from > 0 && sequenceOf(activities[from - 1]!) > after) from -= 1;
      const selected = activities.slice(from, from + limit);
      return { activities: selected, watermark: pageWatermark(selected, after, record.seq) };
    });
  }

  async forget(id: string): Promise<boolean> {
    const done = await this.locked(id, async (loaded) => {
      const { record } = loaded;
      const checkpoint = { seq: record.seq, started: record.started, ...(record.locale ? { locale: record.locale } : {}) };
      const header = { id, userId: record.userId, createdAt: record.createdAt };
      await this.release(loaded); // the file is replaced: a descriptor would point to the old one
      await this.files.write(id, line({ conversation: header }) + line({ checkpoint }));
      loaded.activities = [];
      return true;
    });
    return done ?? false;
  }

  async restore(record: ConversationRecord, activities: Activity[], lastActivityAt?: Date): Promise<void> {
    if (!isConversationId(record.id)) throw new Error('Not a conversation id.');
    const { id, userId, createdAt, seq, started, locale } = record;
    const text =
      line({ conversation: { id, userId, createdAt } }) +
      activities.map((activity) => line({ activity })).join('') +
      line({ checkpoint: { seq, started, ...(locale ? { locale } : {}) } });
    await this.queue.run(id, async () => {
      const loaded = this.cache.get(id);
      if (loaded) await this.release(loaded);
      this.cache.delete(id);
      await this.files.write(id, text, lastActivityAt);
    });
  }

  async purgeOlderThan(cutoff: Date): Promise<string[]> {
    const purged: string[] = [];
    for await (const id of this.files.changedBeforeAll(cutoff)) {
      await this.queue.run(id, async () => {
        if (!(await this.files.changedBefore(id, cutoff))) return; // written since the scan
        const loaded = this.cache.get(id);
        if (loaded) await this.release(loaded);
        this.cache.delete(id);
        if (await this.files.remove(id)) purged.push(id);
      });
    }
    return purged;
  }

  /** Closes the open descriptors, after the operations queued on them. */
  async close(): Promise<void> {
    await Promise.all(this.cache.drain().map(([id, loaded]) => this.queue.run(id, () => this.release(loaded))));
  }

  /** Runs `job` on the loaded conversation under its queue; undefined when there is no such conversation. */
  private locked<T>(id: string, job: (loaded: Loaded) => Promise<T>): Promise<T | undefined> {
    if (!isConversationId(id)) return Promise.resolve(undefined);
    return this.queue.run(id, async () => {
      const loaded = await this.load(id);
      return loaded ? job(loaded) : undefined;
    });
  }

  private async appendLine(id: string, loaded: Loaded, text: string): Promise<void> {
    loaded.fd ??= await this.files.openForAppend(id);
    await this.files.appendTo(loaded.fd, id, text);
  }

  private async release(loaded: Loaded): Promise<void> {
    const { fd } = loaded;
    loaded.fd = undefined;
    if (fd !== undefined) await this.files.close(fd);
  }

  private async load(id: string): Promise<Loaded | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const text = await this.files.read(id);
    if (text === null) return undefined;
    const loaded = parseLog(id, text);
    // A last line cut by a crash would have the next one glued to it: keep the whole lines only.
    if (!text.endsWith('\n')) await this.files.write(id, text.slice(0, text.lastIndexOf('\n') + 1));
    this.cache.set(id, loaded);
    return loaded;
  }
}

function line(entry: LogLine): string {
  return `${JSON.stringify(entry)}\n`;
}

/** Replays a log. Only a last line without its newline may be cut (a write never acknowledged). */
function parseLog(id: string, text: string): Loaded {
  const lines = text.split('\n');
  const complete = lines.slice(0, -1);
  let loaded: Loaded | undefined;
  for (const [n, raw] of complete.entries()) {
    let entry: LogLine;
    try {
      entry = JSON.parse(raw) as LogLine;
    } catch {
      throw new Error(`Conversation log ${id} is damaged at line ${n + 1}.`);
    }
    if ('conversation' in entry) loaded = { record: { ...entry.conversation, started: false, seq: 0 }, activities: [] };
    else if (!loaded) throw new Error(`Conversation log ${id} has no header.`);
    else if ('activity' in entry) {
      loaded.activities.push(entry.activity);
      loaded.record.seq = sequenceOf(entry.activity);
    } else {
      const mark = 'start' in entry ? { ...entry.start, started: true } : entry.checkpoint;
      Object.assign(loaded.record, { seq: mark.seq, started: mark.started }, mark.locale ? { locale: mark.locale } : {});
    }
  }
  if (!loaded) throw new Error(`Conversation log ${id} has no header.`);
  return loaded;
}
