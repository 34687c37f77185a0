import type { Activity } from 'botbuilder';
import type { Pool } from 'pg';
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
import { inTransaction } from './transaction';

interface ConversationRow {
  id: string;
  user_id: string;
  locale: string | null;
  created_at: Date;
  started: boolean;
  seq: number;
}

/**
 * The local Direct Line's conversations in PostgreSQL, shared by every instance. Sequence numbers are
 * taken in the database (`seq = seq + 1 … RETURNING`), so two instances appending to one conversation
 * never hand out the same one; each append is a single statement.
 */
export class PgConversations implements ConversationStore {
  private readonly now: () => Date;

  constructor(
    private readonly pool: Pool,
    options: { now?: () => Date } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async create(userId: string): Promise<ConversationRecord> {
    const at = this.now();
    const id = newConversationId();
    await this.pool.query(
      'INSERT INTO boussole_conversations (id, user_id, created_at, last_activity_at) VALUES ($1, $2, $3, $3)',
      [id, userId, at],
    );
    return { id, userId, createdAt: at.toISOString(), started: false, seq: 0 };
  }

  async get(id: string): Promise<ConversationRecord | undefined> {
    if (!isConversationId(id)) return undefined;
    const { rows } = await this.pool.query<ConversationRow>(
      'SELECT id, user_id, locale, created_at, started, seq FROM boussole_conversations WHERE id = $1',
      [id],
    );
    const row = rows[0];
    return row && toRecord(row);
  }

  async start(id: string, locale: string | undefined): Promise<string | undefined> {
    if (!isConversationId(id)) return undefined;
    const { rows } = await this.pool.query<{ seq: number }>(
      `UPDATE boussole_conversations SET started = true, locale = COALESCE($2, locale), seq = seq + 1, last_activity_at = $3
       WHERE id = $1 AND NOT started RETURNING seq`,
      [id, locale ?? null, this.now()],
    );
    const seq = rows[0]?.seq;
    return seq === undefined ? undefined : activityId(id, seq);
  }

  async append(id: string, activity: Partial<Activity>): Promise<Activity | undefined> {
    return (await this.appendMany(id, [activity]))?.[0];
  }

  /** One statement, so one commit (one WAL flush) for a whole turn's replies. */
  async appendMany(id: string, activities: Partial<Activity>[]): Promise<Activity[] | undefined> {
    if (!isConversationId(id) || activities.length === 0) return isConversationId(id) ? [] : undefined;
    const at = this.now();
    const { rows } = await this.pool.query<{ seq: number }>(
      `WITH next AS (
         UPDATE boussole_conversations SET seq = seq + $3, last_activity_at = $4 WHERE id = $1 RETURNING seq
       )
       INSERT INTO boussole_activities (conversation_id, seq, at, activity)
       SELECT $1, next.seq - $3 + a.ord, $4, a.activity FROM next, unnest($2::text[]) WITH ORDINALITY AS a(activity, ord)
       RETURNING seq`,
      [id, activities.map((a) => JSON.stringify(a)), activities.length, at],
    );
    if (rows.length === 0) return undefined;
    const seqs = rows.map((r) => r.seq).sort((x, y) => x - y);
    return activities.map((activity, i) => stamp(id, seqs[i]!, at.toISOString(), activity));
  }

  async page(id: string, watermark: string | undefined, limit: number): Promise<ActivityPage | undefined> {
    const record = await this.get(id);
    if (!record) return undefined;
    const after = parseWatermark(watermark);
    const { rows } = await this.pool.query<{ seq: number; at: Date; activity: string }>(
      'SELECT seq, at, activity FROM boussole_activities WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [id, after, limit],
    );
    const activities = rows.map((row) => stamp(id, row.seq, row.at.toISOString(), JSON.parse(row.activity) as Partial<Activity>));
    return { activities, watermark: pageWatermark(activities, after, record.seq) };
  }

  async forget(id: string): Promise<boolean> {
    if (!isConversationId(id)) return false;
    const { rows } = await this.pool.query<{ found: boolean }>(
      `WITH gone AS (DELETE FROM boussole_activities WHERE conversation_id = $1)
       SELECT EXISTS (SELECT 1 FROM boussole_conversations WHERE id = $1) AS found`,
      [id],
    );
    return rows[0]?.found ?? false;
  }

  async restore(record: ConversationRecord, activities: Activity[], lastActivityAt = this.now()): Promise<void> {
    if (!isConversationId(record.id)) throw new Error('Not a conversation id.');
    await inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM boussole_conversations WHERE id = $1', [record.id]);
      await client.query(
        `INSERT INTO boussole_conversations (id, user_id, locale, created_at, last_activity_at, started, seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [record.id, record.userId, record.locale ?? null, record.createdAt, lastActivityAt, record.started, record.seq],
      );
      await client.query(
        `INSERT INTO boussole_activities (conversation_id, seq, at, activity)
         SELECT $1, * FROM unnest($2::integer[], $3::timestamptz[], $4::text[])`,
        [
          record.id,
          activities.map(sequenceOf),
          activities.map((a) => a.timestamp ?? lastActivityAt),
          activities.map((a) => JSON.stringify(a)),
        ],
      );
    });
  }

  /** Drops idle conversations (their activities go with them), in small batches. */
  async purgeOlderThan(cutoff: Date): Promise<string[]> {
    const purged: string[] = [];
    for (;;) {
      const { rows } = await this.pool.query<{ id: string }>(
        `DELETE FROM boussole_conversations WHERE id IN (
           SELECT id FROM boussole_conversations WHERE last_activity_at < $1 LIMIT 500
         ) RETURNING id`,
        [cutoff],
      );
      purged.push(...rows.map((row) => row.id));
      if (rows.length === 0) return purged;
    }
  }
}

function toRecord(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    userId: row.user_id,
    ...(row.locale ? { locale: row.locale } : {}),
    createdAt: row.created_at.toISOString(),
    started: row.started,
    seq: row.seq,
  };
}
