import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';

/** What we keep per conversation, besides its activities. */
export interface ConversationRecord {
  id: string;
  userId: string;
  /** Locale asked for at start, given to the bot's conversationUpdate. */
  locale?: string;
  createdAt: string;
  /** True once the bot got its conversationUpdate (the welcome runs once). */
  started: boolean;
  /** Last sequence number handed out; it is the watermark and never goes back, even after forget. */
  seq: number;
}

export interface ActivityPage {
  activities: Activity[];
  watermark: string;
}

/**
 * Where the local Direct Line keeps conversations and the activity logs that Web Chat polls.
 * Implementations (lowdb files, PostgreSQL) live in bot/storage; every call costs the same whatever
 * the number of conversations stored, and every change is durable when its promise resolves.
 */
export interface ConversationStore {
  create(userId: string): Promise<ConversationRecord>;
  get(id: string): Promise<ConversationRecord | undefined>;
  /**
   * Marks the first start and returns the id for its conversationUpdate (which takes a sequence
   * number but is never logged: clients do not see it); undefined if already started or unknown.
   */
  start(id: string, locale: string | undefined): Promise<string | undefined>;
  /**
   * Stamps the activity with its place in the conversation (id, timestamp, Web Chat sequence id) and
   * appends it to the log; returns the stored copy, or undefined if the conversation is gone.
   */
  append(id: string, activity: Partial<Activity>): Promise<Activity | undefined>;
  /** Several activities in order, in one write (a turn's replies): all stored, or none. */
  appendMany(id: string, activities: Partial<Activity>[]): Promise<Activity[] | undefined>;
  /** Activities after a watermark, at most `limit`; undefined if the conversation is gone. */
  page(id: string, watermark: string | undefined, limit: number): Promise<ActivityPage | undefined>;
  /** Empties the log (for "erase my data") but keeps the conversation, its tokens and watermarks valid. */
  forget(id: string): Promise<boolean>;
  /** Drops conversations idle since before `cutoff`; returns their ids. */
  purgeOlderThan(cutoff: Date): Promise<string[]>;
  /**
   * Writes a whole conversation at once, its activities already stamped (moving data between stores or
   * versions, filling a benchmark's store); `lastActivityAt` counts for retention.
   */
  restore(record: ConversationRecord, activities: Activity[], lastActivityAt?: Date): Promise<void>;
}

/** Runs a conversation's turns one at a time (in one process, or across processes sharing a database). */
export interface TurnLock {
  run<T>(conversationId: string, job: () => Promise<T>): Promise<T>;
}

/** 144 random bits: conversation ids are not secrets (tokens are), but must not be enumerable. */
export function newConversationId(): string {
  return randomBytes(18).toString('base64url');
}

/** Ids we issue; anything else is unknown without touching the store (and is safe as a file name). */
export function isConversationId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(id);
}

export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/** The activity as clients see it at position `seq`: both stores stamp through here. */
export function stamp(conversationId: string, seq: number, at: string, activity: Partial<Activity>): Activity {
  return {
    ...activity,
    id: activityId(conversationId, seq),
    timestamp: at,
    channelData: { ...(activity.channelData as object | undefined), 'webchat:sequence-id': seq },
  } as unknown as Activity; // timestamps are ISO strings on the wire, as CloudAdapter bots see them
}

export function sequenceOf(activity: Activity): number {
  const channelData = activity.channelData as Record<string, unknown> | undefined;
  return Number(channelData?.['webchat:sequence-id'] ?? 0);
}

/** The watermark a client sent: junk means "from the start", never a 400. */
export function parseWatermark(watermark: string | undefined): number {
  return /^\d{1,15}$/.test(watermark ?? '') ? Number(watermark) : 0;
}

/** A page's watermark: the last seq included, or one pulled back to the log's end (never past it). */
export function pageWatermark(activities: Activity[], after: number, lastSeq: number): string {
  const last = activities.at(-1);
  return String(last ? sequenceOf(last) : Math.min(after, lastSeq));
}
