import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Storage } from 'botbuilder';
import type { ConversationStore, TurnLock } from '../channels/directline/conversationStore';
import { TurnQueue } from '../channels/directline/turnQueue';
import { lockDataDir } from './lowdb/dataDirLock';
import { importLegacyFiles } from './lowdb/legacyFiles';
import { LowdbConversations } from './lowdb/lowdbConversations';
import { LowdbStorage } from './lowdb/lowdbStorage';
import { openPostgres } from './postgres';

/** Storage that can forget what has been idle too long. */
export interface RetainedStorage extends Storage {
  purgeOlderThan(cutoff: Date): Promise<number>;
}

/**
 * Everything the service keeps between turns, in one place: the bot's state, the local Direct Line's
 * conversations, the per-conversation turn lock and the token key. The engine keeps nothing.
 */
export interface StateStore {
  kind: 'lowdb' | 'postgres';
  storage: RetainedStorage;
  conversations: ConversationStore;
  turns: TurnLock;
  /** Signs Direct Line tokens: the configured one, or one generated once and kept with the state. */
  tokenSecret: string;
  /** Resolves when a write goes through (readiness); rejects with the store's error otherwise. */
  check(): Promise<void>;
  close(): Promise<void>;
}

export interface StateStoreOptions {
  /** Folder of the embedded store (and of imported catalog records). */
  dataDir: string;
  /** PostgreSQL when set: several instances can then share the state. */
  databaseUrl?: string;
  /** Connections per pool (data and turn locks each); default 10. */
  poolSize?: number;
  /** A configured token key (DIRECTLINE_TOKEN_SECRET), shared by every instance. */
  tokenSecret?: string;
  now?: () => Date;
  /** Items and conversations kept in memory by the embedded store. */
  cacheSize?: { items?: number; conversations?: number };
}

/** Opens the configured store: PostgreSQL when a database URL is given, lowdb files otherwise. */
export async function openStateStore(options: StateStoreOptions): Promise<StateStore> {
  return options.databaseUrl ? openPostgres({ ...options, databaseUrl: options.databaseUrl }) : openLowdb(options);
}

/**
 * The embedded default: one file per record under DATA_DIR, owned by this process alone (a second
 * process on the same folder refuses to start instead of silently losing writes).
 */
async function openLowdb(options: StateStoreOptions): Promise<StateStore> {
  await keepPrivate(options.dataDir);
  const lock = await lockDataDir(options.dataDir);
  try {
    const now = options.now;
    const storage = new LowdbStorage(join(options.dataDir, 'state'), { now, cacheSize: options.cacheSize?.items });
    const conversations = new LowdbConversations(join(options.dataDir, 'conversations'), {
      now,
      cacheSize: options.cacheSize?.conversations,
    });
    await importLegacyFiles(options.dataDir, storage, conversations);
    return {
      kind: 'lowdb',
      storage,
      conversations,
      turns: new TurnQueue(),
      tokenSecret: options.tokenSecret ?? (await fileSecret(join(options.dataDir, 'directline-secret'))),
      check: () => probeFolder(options.dataDir),
      async close() {
        await Promise.all([storage.close(), conversations.close()]);
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/**
 * Personal data is for this service's user alone: the folder (and the ones it holds) 0700 whatever
 * mode they had, and every file this process creates 0600 (through the umask: lowdb's writer takes
 * no mode of its own).
 */
async function keepPrivate(dir: string): Promise<void> {
  process.umask(0o077);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const folder of ['', 'state', 'conversations', 'catalog']) {
    await chmod(join(dir, folder), 0o700).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

/** Writes, reads back and removes a small file: what every turn needs from the disk. */
async function probeFolder(dir: string): Promise<void> {
  const file = join(dir, '.ready-probe');
  const stamp = new Date().toISOString();
  await writeFile(file, stamp, { mode: 0o600 });
  if ((await readFile(file, 'utf8')) !== stamp) throw new Error('The data folder does not keep what is written.');
  await unlink(file);
}

/** Kept in the data folder, so tokens stay valid across restarts. */
async function fileSecret(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('hex');
  await writeFile(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}
