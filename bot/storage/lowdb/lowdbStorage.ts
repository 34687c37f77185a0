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
  /** Versions in the file: past a few, the file is compacted to the current one. */
  versions: number;
}

/** One version of an item, one line of its file; the key is kept for whoever reads the folder. */
interface StoredItem {
  key: string;
  eTag: string;
  value: unknown;
}

/** Versions an item's file keeps before it is rewritten with the last one only. */
const COMPACT_AFTER = 16;
/** Items whose file stays open for appending (two per conversation in progress); Node raises ulimit -n to its hard limit. */
const OPEN_FILES = 1024;

/**
 * Bot Framework `Storage` with one file per key (named by the key's hash), so a turn reads and writes
 * only its own items whatever the number stored. A write appends the new version as one JSON line
 * (one write(2): cheap; a process killed inside it may leave a cut last line, which is ignored and
 * replaced by the next write, since it was never acknowledged); the last whole line is
 * the item. Every few versions the file is replaced by its last one through lowdb's TextFile (temp
 * file, then rename). Each operation holds its keys' queue; a conditional batch is checked whole
 * before anything is written. A bounded cache keeps recent items (and known-absent keys): the data
 * folder has one owner process (see dataDirLock).
 */
export class LowdbStorage implements Storage {
  private readonly files: RecordFiles;
  private readonly cache: Lru<Entry | null>;
  private readonly queue = new KeyedQueue();
  /**
   * Descriptors of recently written items: an append is then one write(2) instead of open, write and
   * close. One pushed out is closed behind the operations already queued on its item.
   */
  private readonly open: Lru<number>;

  constructor(dir: string, options: LowdbStorageOptions = {}) {
    this.files = new RecordFiles(dir, '.jsonl', options.now);
    this.cache = new Lru(options.cacheSize ?? 5000);
    this.open = new Lru(OPEN_FILES, (name, fd) => void this.queue.run(name, () => this.files.close(fd)).catch(() => undefined));
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
          const versions = (await this.load(name))?.versions ?? 0;
          const line = `{"key":${JSON.stringify(change.key)},"eTag":"${change.eTag}","value":${change.json}}\n`;
          this.cache.delete(name); // until the write is known to have landed
          if (versions === 0 || versions >= COMPACT_AFTER) {
            await this.release(name); // the file is replaced: a descriptor would point to the old one
            await this.files.write(name, line);
          } else {
            await this.appendLine(name, line);
          }
          this.cache.set(name, { eTag: change.eTag, json: change.json, versions: versions >= COMPACT_AFTER ? 1 : versions + 1 });
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
        await this.release(name);
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
        await this.release(name);
        if (await this.files.remove(name)) purged += 1;
      });
    }
    return purged;
  }

  /** Closes the open descriptors, after the operations queued on them. */
  async close(): Promise<void> {
    await Promise.all(this.open.drain().map(([name, fd]) => this.queue.run(name, () => this.files.close(fd))));
  }

  /** Called under the item's queue. */
  private async appendLine(name: string, line: string): Promise<void> {
    let fd = this.open.get(name);
    if (fd === undefined) this.open.set(name, (fd = await this.files.openForAppend(name)));
    await this.files.appendTo(fd, name, line);
  }

  /** Closes the item's descriptor, if open; called under the item's queue. */
  private async release(name: string): Promise<void> {
    const fd = this.open.get(name);
    if (fd === undefined) return;
    this.open.delete(name);
    await this.files.close(fd);
  }

  private async load(name: string): Promise<Entry | null> {
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    const text = await this.files.read(name);
    // Whole lines only: a last line without its newline is a write that was never acknowledged.
    const lines = text === null ? [] : text.split('\n').slice(0, -1);
    const item = lines.length === 0 ? null : (JSON.parse(lines.at(-1)!) as StoredItem);
    // A cut tail must not have the next version glued to it: such a file is rewritten at the next write.
    const versions = text?.endsWith('\n') ? lines.length : COMPACT_AFTER;
    const entry = item ? { eTag: item.eTag, json: JSON.stringify(item.value), versions } : null;
    this.cache.set(name, entry);
    return entry;
  }
}

function nameOf(key: string): string {
  return keyHash(key).toString('hex');
}
