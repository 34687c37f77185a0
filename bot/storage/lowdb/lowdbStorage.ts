import type { Storage, StoreItems } from 'botbuilder';
import { KeyedQueue } from '../keyedQueue';
import { Lru } from '../lru';
import { addItem, conflictError, isStale, keyHash, prepareChanges, requireArgument } from '../storeItems';
import { RecordFiles } from './recordFiles';

export interface LowdbStorageOptions {
  /** Clock, injectable for retention tests. */
  now?: () => Date;
  /** Items kept in memory (the conversations in progress); default 5,000. */
  cacheSize?: number;
}

interface Entry {
  eTag: string;
  json: string;
}

/** What one item's file holds; the key is kept for whoever reads the folder, never needed to find it. */
interface StoredItem {
  key: string;
  eTag: string;
  value: unknown;
}

/**
 * Bot Framework `Storage` with one lowdb file per key (named by the key's hash), so a turn reads and
 * writes only its own items whatever the number stored. Each operation holds its keys' queue; a
 * conditional batch is checked whole before anything is written. A bounded cache keeps recent items
 * (and known-absent keys): the data folder has one owner process (see dataDirLock).
 */
export class LowdbStorage implements Storage {
  private readonly files: RecordFiles;
  private readonly cache: Lru<Entry | null>;
  private readonly queue = new KeyedQueue();

  constructor(dir: string, options: LowdbStorageOptions = {}) {
    this.files = new RecordFiles(dir, '.json', options.now);
    this.cache = new Lru(options.cacheSize ?? 5000);
  }

  async read(keys: string[]): Promise<StoreItems> {
    requireArgument(keys, 'Keys are required when reading.');
    const names = keys.map(nameOf);
    return this.queue.run(names, async () => {
      const result: StoreItems = {};
      for (const [i, key] of keys.entries()) {
        const entry = await this.load(names[i]!);
        if (entry) addItem(result, key, entry.json, entry.eTag);
      }
      return result;
    });
  }

  async write(changes: StoreItems): Promise<void> {
    requireArgument(changes, 'Changes are required when writing.');
    const batch = prepareChanges(changes);
    if (batch.length === 0) return;
    const names = batch.map((change) => nameOf(change.key));
    await this.queue.run(names, async () => {
      for (const [i, change] of batch.entries()) {
        if (isStale(change, (await this.load(names[i]!))?.eTag)) throw conflictError(change.key);
      }
      // Files are independent: write them side by side (a batch of state is usually one or two).
      await Promise.all(
        batch.map(async (change, i) => {
          const name = names[i]!;
          this.cache.delete(name); // until the write is known to have landed
          await this.files.write(name, `{"key":${JSON.stringify(change.key)},"eTag":"${change.eTag}","value":${change.json}}`);
          this.cache.set(name, { eTag: change.eTag, json: change.json });
        }),
      );
    });
  }

  async delete(keys: string[]): Promise<void> {
    requireArgument(keys, 'Keys are required when deleting.');
    const names = keys.map(nameOf);
    await this.queue.run(names, async () => {
      for (const name of names) {
        this.cache.delete(name);
        await this.files.remove(name);
        this.cache.set(name, null);
      }
    });
  }

  /** Drops items last written before `cutoff` (retention); returns how many. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    let purged = 0;
    for await (const name of this.files.changedBeforeAll(cutoff)) {
      await this.queue.run(name, async () => {
        // Checked again under the key's queue: a turn may have written it since the scan.
        if (!(await this.files.changedBefore(name, cutoff))) return;
        this.cache.delete(name);
        if (await this.files.remove(name)) purged += 1;
      });
    }
    return purged;
  }

  private async load(name: string): Promise<Entry | null> {
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    const text = await this.files.read(name);
    const item = text === null ? null : (JSON.parse(text) as StoredItem);
    const entry = item ? { eTag: item.eTag, json: JSON.stringify(item.value) } : null;
    this.cache.set(name, entry);
    return entry;
  }
}

function nameOf(key: string): string {
  return keyHash(key).toString('hex');
}
