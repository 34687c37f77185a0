import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Low } from 'lowdb';
import { openJsonFile } from './jsonFile';
import { SerialQueue } from './serialQueue';

/** One stored item: the caller's object without its eTag, plus our bookkeeping. */
interface StoredEntry {
  eTag: string;
  /** ISO time of the last write, used by retention (`purgeOlderThan`). */
  modified: string;
  value: Record<string, unknown>;
}

interface StorageFile {
  version: 1;
  items: Record<string, StoredEntry>;
}

export interface LowdbStorageOptions {
  /** Clock, injectable for retention tests. */
  now?: () => Date;
}

/**
 * Bot Framework `Storage` in one JSON file (lowdb), following the contract of botbuilder's
 * storageBaseTests: every write gets a new eTag; no eTag or '*' writes unconditionally; a stale
 * eTag rejects the whole batch (nothing of it is written, unlike MemoryStorage). Operations are
 * serialised and each write is persisted (atomically, by lowdb/steno) before it resolves.
 * One process owns the file: the data is kept in memory after the first read.
 */
export class LowdbStorage implements Storage {
  private readonly items = new Map<string, StoredEntry>();
  private readonly queue = new SerialQueue();
  private readonly now: () => Date;
  private db: Low<StorageFile> | undefined;

  constructor(
    readonly file: string,
    options: LowdbStorageOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  read(keys: string[]): Promise<StoreItems> {
    if (!keys) return Promise.reject(new ReferenceError('Keys are required when reading.'));
    return this.queue.run(async () => {
      await this.open();
      const result: StoreItems = {};
      for (const key of keys) {
        const entry = this.items.get(key);
        // defineProperty, not `result[key] =`: a key such as '__proto__' must stay plain data.
        if (entry) define(result, key, { ...clone(entry.value), eTag: entry.eTag });
      }
      return result;
    });
  }

  write(changes: StoreItems): Promise<void> {
    if (!changes) return Promise.reject(new ReferenceError('Changes are required when writing.'));
    return this.queue.run(async () => {
      await this.open();
      const modified = this.now().toISOString();
      const next: Array<[string, StoredEntry]> = [];
      // Check and copy the whole batch first, so a conflict or a non-JSON value writes nothing.
      for (const [key, item] of Object.entries(changes) as Array<[string, unknown]>) {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
          throw new TypeError(`Storage: item "${key}" must be an object.`);
        }
        const { eTag, ...value } = item as Record<string, unknown>;
        const current = this.items.get(key);
        if (current && typeof eTag === 'string' && eTag !== '' && eTag !== '*' && eTag !== current.eTag) {
          throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        }
        next.push([key, { eTag: randomUUID(), modified, value: clone(value) }]);
      }
      if (next.length === 0) return;
      await this.commit(next);
    });
  }

  delete(keys: string[]): Promise<void> {
    if (!keys) return Promise.reject(new ReferenceError('Keys are required when deleting.'));
    return this.queue.run(async () => {
      await this.open();
      const gone = keys.filter((key) => this.items.has(key));
      if (gone.length > 0) await this.commit(gone.map((key) => [key, undefined]));
    });
  }

  /** Drops items last written before `cutoff` (retention); returns their keys. */
  purgeOlderThan(cutoff: Date): Promise<string[]> {
    return this.queue.run(async () => {
      await this.open();
      const limit = cutoff.getTime();
      const old = [...this.items].filter(([, entry]) => Date.parse(entry.modified) < limit).map(([key]) => key);
      if (old.length > 0) await this.commit(old.map((key) => [key, undefined]));
      return old;
    });
  }

  private async open(): Promise<Low<StorageFile>> {
    if (this.db) return this.db;
    const db = await openJsonFile<StorageFile>(this.file, { version: 1, items: {} });
    for (const [key, entry] of Object.entries(db.data.items ?? {})) this.items.set(key, entry);
    this.db = db;
    return db;
  }

  /** Applies changes (undefined = delete) and persists; on a disk error memory is rolled back. */
  private async commit(changes: Array<[string, StoredEntry | undefined]>): Promise<void> {
    const db = await this.open();
    const before = changes.map(([key]) => [key, this.items.get(key)] as const);
    for (const [key, entry] of changes) {
      if (entry) this.items.set(key, entry);
      else this.items.delete(key);
    }
    try {
      // Object.fromEntries defines own properties, so a '__proto__' key stays a plain key.
      db.data = { version: 1, items: Object.fromEntries(this.items) };
      await db.write();
    } catch (error) {
      for (const [key, entry] of before) {
        if (entry) this.items.set(key, entry);
        else this.items.delete(key);
      }
      throw error;
    }
  }
}

/** JSON round trip: isolates stored data from the caller and rejects what a file cannot hold. */
function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
