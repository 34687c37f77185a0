import { close, open, write } from 'node:fs';
import { mkdir, readdir, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { TextFile } from 'lowdb/node';

// The callback form: it works on a plain descriptor, lighter per call than a promises FileHandle.
const openFile = promisify(open);
const writeText = (fd: number, text: string) =>
  new Promise<number>((resolve, reject) => write(fd, text, null, 'utf8', (error, written) => (error ? reject(error) : resolve(written))));
const closeFile = promisify(close);

/**
 * One small file per record under `dir/<shard>/<name><ext>`, 256 shards so no folder gets huge.
 * Whole-file writes go through lowdb's TextFile (steno: a temp file in the same folder, then a
 * rename), so a crash leaves either the old or the new content, never half of one. The file's
 * modification time is the record's last change, which retention reads without opening the file
 * (with an injected clock, as in tests, it is set from that clock). Callers serialise access per
 * name (KeyedQueue).
 */
export class RecordFiles {
  private readonly shardsMade = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly ext: string,
    private readonly now?: () => Date,
  ) {}

  path(name: string): string {
    return join(this.dir, shardOf(name), `${name}${this.ext}`);
  }

  /** The file's text, or null when there is none. */
  read(name: string): Promise<string | null> {
    return new TextFile(this.path(name)).read();
  }

  /** Replaces the file whole; `changedAt` sets its time (a record restored with its own history). */
  async write(name: string, text: string, changedAt?: Date): Promise<void> {
    await this.ensureShard(name);
    const file = this.path(name);
    await new TextFile(file).write(text);
    await this.touch(file, changedAt);
  }

  /** A descriptor for appending to an existing file (O_APPEND: every write lands at the end). */
  openForAppend(name: string): Promise<number> {
    return openFile(this.path(name), 'a');
  }

  /**
   * Appends through an open descriptor in one write(2). A process killed inside it can leave a cut last
   * line (the kernel copies page by page): readers ignore a last line without its newline, never acknowledged.
   */
  async appendTo(fd: number, name: string, text: string): Promise<void> {
    const written = await writeText(fd, text);
    if (written !== Buffer.byteLength(text)) throw new Error(`Short write to ${this.path(name)}.`);
    await this.touch(this.path(name));
  }

  close(fd: number): Promise<void> {
    return closeFile(fd);
  }

  async remove(name: string): Promise<boolean> {
    try {
      await unlink(this.path(name));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /** False for a missing file, so a record written again since a scan is never taken for old. */
  async changedBefore(name: string, cutoff: Date): Promise<boolean> {
    try {
      return (await stat(this.path(name))).mtimeMs < cutoff.getTime();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /**
   * Names of the records last changed before `cutoff`, shard by shard (memory stays flat however
   * many records there are). Temp files a crash left behind are removed on the way.
   */
  async *changedBeforeAll(cutoff: Date): AsyncGenerator<string> {
    for (const shard of await listDir(this.dir)) {
      const folder = join(this.dir, shard);
      const files = await listDir(folder);
      // Paced (about 10,000 files a second): retention runs beside the conversations in progress,
      // and a scan of a large store must not take the event loop from them.
      await sleep(files.length / 10);
      for (const file of files) {
        const stats = await stat(join(folder, file)).catch(() => undefined);
        if (!stats?.isFile() || stats.mtimeMs >= cutoff.getTime()) continue;
        if (file.startsWith('.') && file.endsWith('.tmp')) await unlink(join(folder, file)).catch(() => undefined);
        else if (file.endsWith(this.ext)) yield file.slice(0, -this.ext.length);
      }
    }
  }

  private async ensureShard(name: string): Promise<void> {
    const shard = shardOf(name);
    if (this.shardsMade.has(shard)) return;
    await mkdir(join(this.dir, shard), { recursive: true, mode: 0o700 });
    this.shardsMade.add(shard);
  }

  private async touch(file: string, at = this.now?.()): Promise<void> {
    if (at) await utimes(file, at, at); // otherwise the write itself set the real time
  }
}

/** One of 256 folders: FNV-1a over the name's characters (cheap, evenly spread for ids and hashes). */
function shardOf(name: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return ((hash >>> 24) ^ (hash & 0xff)).toString(16).padStart(2, '0');
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
