import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Raised when another live process already serves this data folder. */
export class DataDirLockedError extends Error {
  constructor(dir: string, owner: LockOwner) {
    super(
      `The data folder ${dir} is in use by process ${owner.pid} (started ${owner.startedAt}). ` +
        'Two processes on one folder would lose each other\'s writes: stop the other one, give this one ' +
        'another DATA_DIR, or set DATABASE_URL to share state between processes through PostgreSQL.',
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export interface DataDirLock {
  release(): Promise<void>;
}

const LOCK_FILE = 'boussole.lock';

/** Folders this process holds: a lock file naming our own pid is otherwise taken for a stale one. */
const heldHere = new Set<string>();

/**
 * Takes the data folder for this process, like PostgreSQL's postmaster.pid: a lock file created
 * exclusively, naming its owner. A lock left by a process that no longer runs (after a crash or a
 * SIGKILL) is taken over; one held by a live process on this host refuses the start.
 */
export async function lockDataDir(dir: string): Promise<DataDirLock> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, LOCK_FILE);
  if (heldHere.has(file)) throw new Error(`The data folder ${dir} is already open in this process.`);
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    // Written aside, then linked into place (link fails if the name exists): a lock file is never
    // seen half-written, so an unreadable one can only be damage, never a rival being born.
    const draft = `${file}.${process.pid}.tmp`;
    await writeFile(draft, JSON.stringify(me), { mode: 0o600 });
    try {
      await link(draft, file);
      await unlink(draft);
      heldHere.add(file);
      return {
        release: async () => {
          heldHere.delete(file);
          const owner = await readOwner(file);
          if (owner?.pid === me.pid && owner.startedAt === me.startedAt) await unlink(file).catch(() => undefined);
        },
      };
    } catch (error) {
      await unlink(draft).catch(() => undefined);
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(file);
    if (owner && owner.host === me.host && owner.pid !== me.pid && isAlive(owner.pid)) throw new DataDirLockedError(dir, owner);
    // Stale (dead owner, our own pid reused after a restart, or unreadable): remove and try again.
    await unlink(file).catch(() => undefined);
  }
  throw new Error(`Could not lock the data folder ${dir}.`);
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}
