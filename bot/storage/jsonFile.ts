import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';

/**
 * Opens (and reads) a lowdb JSON file. lowdb's JSONFile writes through steno: temp file
 * `.<name>.tmp` in the same folder, then rename, so a crash never leaves a half-written file.
 *
 * Not `JSONFilePreset`: it silently swaps in an in-memory adapter when NODE_ENV=test (Jest sets it),
 * which would make file-level tests pass without touching the disk.
 */
export async function openJsonFile<T>(file: string, defaults: T): Promise<Low<T>> {
  // 0o700: the folder holds conversations and user state (personal data).
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Low<T>(new JSONFile<T>(file), defaults);
  await db.read();
  return db;
}
