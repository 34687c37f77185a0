import type { Pool } from 'pg';
import type { TurnLock } from '../../channels/directline/conversationStore';
import { TurnQueue } from '../../channels/directline/turnQueue';
import { inTransaction } from './transaction';

/**
 * One turn at a time per conversation across every instance sharing the database: a turn holds a
 * transaction-scoped advisory lock on its conversation (released by COMMIT, or by the server if the
 * instance dies). Turns of one conversation in this process queue locally first, so each waits
 * without holding a connection; the lock pool is separate from the data pool, so turns holding locks
 * can never starve the queries they are waiting for.
 */
export class PgTurnLock implements TurnLock {
  private readonly local = new TurnQueue();

  constructor(private readonly lockPool: Pool) {}

  run<T>(conversationId: string, job: () => Promise<T>): Promise<T> {
    // Work started from inside the turn (a proactive continueConversation) already holds the lock.
    if (this.local.holds(conversationId)) return job();
    return this.local.run(conversationId, () =>
      inTransaction(this.lockPool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [conversationId]);
        return job();
      }),
    );
  }
}
