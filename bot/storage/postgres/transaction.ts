import type { Pool, PoolClient } from 'pg';

/** Runs `job` in one transaction on one pooled connection: committed if it resolves, rolled back if not. */
export async function inTransaction<T>(pool: Pool, job: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await job(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    // A connection that failed mid-transaction is destroyed rather than returned to the pool.
    const broken = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: unknown) => rollbackError as Error,
    );
    client.release(broken);
    throw error;
  }
}
