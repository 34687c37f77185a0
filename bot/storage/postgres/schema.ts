import type { Pool } from 'pg';

/**
 * The schema, as numbered migrations applied in order at start. Idempotent and safe when several
 * instances start together: one transaction under an advisory lock, versions recorded in a table.
 * Never edit a published migration; add the next one.
 */
const MIGRATIONS: readonly string[] = [
  `
  -- botbuilder Storage: user and conversation state. Keys are arbitrary strings (1 MB, NUL, '/'):
  -- the primary key is their SHA-256, the key itself is kept as UTF-16 bytes. Values are JSON text.
  CREATE TABLE boussole_state (
    key_hash bytea PRIMARY KEY,
    key bytea NOT NULL,
    etag text NOT NULL,
    value text NOT NULL,
    modified timestamptz NOT NULL
  );
  CREATE INDEX boussole_state_modified ON boussole_state (modified);

  -- The local Direct Line: conversations and their activity logs.
  CREATE TABLE boussole_conversations (
    id text PRIMARY KEY,
    user_id text NOT NULL,
    locale text,
    created_at timestamptz NOT NULL,
    last_activity_at timestamptz NOT NULL,
    started boolean NOT NULL DEFAULT false,
    seq integer NOT NULL DEFAULT 0
  );
  CREATE INDEX boussole_conversations_idle ON boussole_conversations (last_activity_at);
  CREATE INDEX boussole_conversations_user ON boussole_conversations (user_id);

  -- One row per activity; its id, timestamp and sequence id are stamped when read, from these columns.
  CREATE TABLE boussole_activities (
    conversation_id text NOT NULL REFERENCES boussole_conversations (id) ON DELETE CASCADE,
    seq integer NOT NULL,
    at timestamptz NOT NULL,
    activity text NOT NULL,
    PRIMARY KEY (conversation_id, seq)
  );

  -- Settings every instance must share (the Direct Line token key when none is configured).
  CREATE TABLE boussole_settings (
    name text PRIMARY KEY,
    value text NOT NULL
  );
  `,
];

/** Arbitrary constant naming "Boussole's migration" among advisory locks. */
const MIGRATION_LOCK = 0x426f7573;

/** Brings the database to the latest schema; returns the versions applied now. */
export async function migrate(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS boussole_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM boussole_schema');
    const current = rows[0]?.version ?? 0;
    const applied: number[] = [];
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version - 1]!);
      await client.query('INSERT INTO boussole_schema (version) VALUES ($1)', [version]);
      applied.push(version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export const SCHEMA_VERSION = MIGRATIONS.length;
