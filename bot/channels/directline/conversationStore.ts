import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Low } from 'lowdb';
import { openJsonFile } from '../../storage/jsonFile';
import { SerialQueue } from '../../storage/serialQueue';

/** What we keep per conversation. The log is what Web Chat polls; it survives restarts. */
export interface ConversationRecord {
  id: string;
  userId: string;
  /** Locale asked for at start, given to the bot's conversationUpdate. */
  locale?: string;
  createdAt: string;
  /** Last start or appended activity: retention counts idleness from here. */
  lastActivityAt: string;
  /** True once the bot got its conversationUpdate (the welcome runs once). */
  started: boolean;
  /** Last sequence number handed out; it is the watermark and never goes back, even after forget. */
  seq: number;
  activities: Activity[];
}

interface ConversationFile {
  version: 1;
  conversations: ConversationRecord[];
}

export interface ActivityPage {
  activities: Activity[];
  watermark: string;
}

/**
 * The conversation logs in one lowdb file. Changes are made in memory synchronously (so sequence
 * numbers follow arrival order) and then persisted; concurrent changes share one file write.
 */
export class ConversationStore {
  private readonly conversations = new Map<string, ConversationRecord>();
  private readonly writes = new SerialQueue();
  private scheduled: Promise<void> | undefined;

  private constructor(
    private readonly db: Low<ConversationFile>,
    private readonly now: () => Date,
  ) {
    for (const record of db.data.conversations ?? []) this.conversations.set(record.id, record);
  }

  static async open(file: string, now: () => Date): Promise<ConversationStore> {
    const db = await openJsonFile<ConversationFile>(file, { version: 1, conversations: [] });
    return new ConversationStore(db, now);
  }

  get(id: string): ConversationRecord | undefined {
    return this.conversations.get(id);
  }

  async create(userId: string): Promise<ConversationRecord> {
    const at = this.now().toISOString();
    // 144 random bits: conversation ids are not secrets (tokens are), but must not be enumerable.
    const record: ConversationRecord = {
      id: randomBytes(18).toString('base64url'),
      userId,
      createdAt: at,
      lastActivityAt: at,
      started: false,
      seq: 0,
      activities: [],
    };
    this.conversations.set(record.id, record);
    await this.persist();
    return record;
  }

  /**
   * Marks the first start and returns the id for its conversationUpdate (which takes a sequence
   * number but is never logged: clients do not see it); undefined if already started (no second welcome).
   */
  async start(record: ConversationRecord, locale: string | undefined): Promise<string | undefined> {
    if (record.started) return undefined;
    record.started = true;
    if (locale) record.locale = locale;
    record.seq += 1;
    record.lastActivityAt = this.now().toISOString();
    const id = activityId(record.id, record.seq);
    await this.persist();
    return id;
  }

  /**
   * Stamps the activity with its place in the conversation (id, timestamp, Web Chat sequence id)
   * and appends it to the log. Returns the stored copy.
   */
  async append(record: ConversationRecord, activity: Partial<Activity>): Promise<Activity> {
    const now = this.now();
    record.seq += 1;
    const stored = {
      ...activity,
      id: activityId(record.id, record.seq),
      timestamp: now.toISOString(),
      channelData: { ...(activity.channelData as object | undefined), 'webchat:sequence-id': record.seq },
    } as unknown as Activity; // timestamps are ISO strings on the wire, as CloudAdapter bots see them
    record.activities.push(stored);
    record.lastActivityAt = now.toISOString();
    await this.persist();
    return stored;
  }

  /** Activities after a watermark, at most `limit`; the returned watermark is the last seq included. */
  page(record: ConversationRecord, watermark: string | undefined, limit: number): ActivityPage {
    const after = /^\d+$/.test(watermark ?? '') ? Number(watermark) : 0; // junk => from the start, never 400
    const activities = record.activities.filter((a) => sequenceOf(a) > after).slice(0, limit);
    const last = activities.at(-1);
    return {
      activities,
      // A watermark beyond the log (never issued by us) is pulled back so new activities still show.
      watermark: String(last ? sequenceOf(last) : Math.min(after, record.seq)),
    };
  }

  /** Empties the log (for "erase my data") but keeps the conversation, its tokens and watermarks valid. */
  async forget(id: string): Promise<boolean> {
    const record = this.conversations.get(id);
    if (!record) return false;
    record.activities = [];
    await this.persist();
    return true;
  }

  /** Drops conversations idle since before `cutoff`; returns their ids. */
  async purgeOlderThan(cutoff: Date): Promise<string[]> {
    const limit = cutoff.getTime();
    const old = [...this.conversations.values()].filter((r) => Date.parse(r.lastActivityAt) < limit).map((r) => r.id);
    for (const id of old) this.conversations.delete(id);
    if (old.length > 0) await this.persist();
    return old;
  }

  /** One file write for every change made before it starts; later changes schedule the next one. */
  private persist(): Promise<void> {
    this.scheduled ??= this.writes.run(async () => {
      this.scheduled = undefined;
      this.db.data = { version: 1, conversations: [...this.conversations.values()] };
      await this.db.write();
    });
    return this.scheduled;
  }
}

function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

function sequenceOf(activity: Activity): number {
  const channelData = activity.channelData as Record<string, unknown> | undefined;
  return Number(channelData?.['webchat:sequence-id'] ?? 0);
}
