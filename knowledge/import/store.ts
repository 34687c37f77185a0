import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Resource } from '../catalog/schema';
import { ImportStoreError, type ImportFormat } from './types';

/**
 * The import store: one JSON array of catalog resources per format, `<storeDir>/<format>.json`, sorted by id.
 * `loadCatalog([CURATED_DIR, storeDir])` reads it like any curated file.
 */

export function storeFile(storeDir: string, format: ImportFormat): string {
  return join(storeDir, `${format}.json`);
}

/** The stored resources; [] when the file does not exist yet. Throws `ImportStoreError` when it is unreadable. */
export function readStore(file: string): Resource[] {
  if (!existsSync(file)) return [];
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ImportStoreError(file, `not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) throw new ImportStoreError(file, 'must be a JSON array of resources');
  return data as Resource[];
}

/** Existing records plus the incoming ones; an incoming record replaces the stored one with the same id. */
export function mergeRecords(existing: Resource[], incoming: Resource[]): Resource[] {
  const byId = new Map(existing.map((r) => [r.id, r]));
  for (const r of incoming) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function serialiseStore(resources: Resource[]): string {
  return `${JSON.stringify(resources, null, 2)}\n`;
}

/**
 * Writes `text` to `file` atomically: a temporary file in the same folder, fsync, rename over the target, then
 * fsync of the folder. Readers see the old file or the new one, never a partial one.
 */
export function writeFileAtomic(file: string, text: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  try {
    const dfd = openSync(dir, 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is already done.
  }
}

/** Merges `incoming` into the store file of `format`; returns false when the file already held exactly that. */
export function saveToStore(storeDir: string, format: ImportFormat, incoming: Resource[]): boolean {
  const file = storeFile(storeDir, format);
  const previousText = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const text = serialiseStore(mergeRecords(readStore(file), incoming));
  if (text === previousText) return false;
  writeFileAtomic(file, text);
  return true;
}

/** Writes exactly these resources, sorted by id, unless the file already holds exactly that. */
export function replaceStore(file: string, resources: Resource[]): void {
  const text = serialiseStore(mergeRecords([], resources));
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileAtomic(file, text);
}
