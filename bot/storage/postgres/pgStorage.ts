import type { Storage, StoreItems } from 'botbuilder';
import type { Pool, PoolClient } from 'pg';
import { addItem, conflictError, keyHash, prepareChanges, requireArgument, type ItemChange } from '../storeItems';
import { inTransaction } from './transaction';

export interface PgStorageOptions {
  now?: () => Date;
}

/**
 * Bot Framework `Storage` in PostgreSQL, shared by every instance. Conditional writes are checked in
 * the database (`UPDATE … WHERE etag = $expected`), so a stale eTag is refused even when the newer
 * write came from another process; a batch is one transaction: a conflict anywhere writes nothing.
 */
export class PgStorage implements Storage {
  private readonly now: () => Date;

  constructor(
    private readonly pool: Pool,
    options: PgStorageOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async read(keys: string[]): Promise<StoreItems> {
    requireArgument(keys, 'Keys are required when reading.');
    const result: StoreItems = {};
    if (keys.length === 0) return result;
    const hashes = keys.map(keyHash);
    const { rows } = await this.pool.query<{ key_hash: Buffer; etag: string; value: string }>(
      'SELECT key_hash, etag, value FROM boussole_state WHERE key_hash = ANY($1::bytea[])',
      [hashes],
    );
    const found = new Map(rows.map((row) => [row.key_hash.toString('hex'), row]));
    for (const [i, key] of keys.entries()) {
      const row = found.get(hashes[i]!.toString('hex'));
      if (row) addItem(result, key, row.value, row.etag);
    }
    return result;
  }

  async write(changes: StoreItems): Promise<void> {
    requireArgument(changes, 'Changes are required when writing.');
    const batch = prepareChanges(changes);
    if (batch.length === 0) return;
    const modified = this.now();
    if (batch.length === 1) return this.writeOne(this.pool, batch[0]!, modified);
    await inTransaction(this.pool, async (client) => {
      for (const change of batch) await this.writeOne(client, change, modified);
    });
  }

  async delete(keys: string[]): Promise<void> {
    requireArgument(keys, 'Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.pool.query('DELETE FROM boussole_state WHERE key_hash = ANY($1::bytea[])', [keys.map(keyHash)]);
  }

  /** Drops items last written before `cutoff` (retention), in small batches; returns how many. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    let purged = 0;
    for (;;) {
      const { rowCount } = await this.pool.query(
        'DELETE FROM boussole_state WHERE key_hash IN (SELECT key_hash FROM boussole_state WHERE modified < $1 LIMIT 1000)',
        [cutoff],
      );
      purged += rowCount ?? 0;
      if (!rowCount) return purged;
    }
  }

  private async writeOne(db: Pool | PoolClient, change: ItemChange, modified: Date): Promise<void> {
    const hash = keyHash(change.key);
    const key = Buffer.from(change.key, 'utf16le');
    if (change.expected === undefined) {
      await db.query(
        `INSERT INTO boussole_state (key_hash, key, etag, value, modified) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (key_hash) DO UPDATE SET etag = EXCLUDED.etag, value = EXCLUDED.value, modified = EXCLUDED.modified`,
        [hash, key, change.eTag, change.json, modified],
      );
      return;
    }
    const updated = await db.query(
      'UPDATE boussole_state SET etag = $3, value = $4, modified = $5 WHERE key_hash = $1 AND etag = $2',
      [hash, change.expected, change.eTag, change.json, modified],
    );
    if (updated.rowCount) return;
    // Not updated: either absent (a conditional write to a missing item creates it, as in
    // MemoryStorage) or newer than the caller's copy.
    const inserted = await db.query(
      'INSERT INTO boussole_state (key_hash, key, etag, value, modified) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key_hash) DO NOTHING',
      [hash, key, change.eTag, change.json, modified],
    );
    if (!inserted.rowCount) throw conflictError(change.key);
  }
}
