import { createHash, randomUUID } from 'node:crypto';
import type { StoreItems } from 'botbuilder';

/**
 * The botbuilder `Storage` contract shared by the lowdb and PostgreSQL stores, as botbuilder's
 * storageBaseTests and MemoryStorage define it: every write gets a new eTag; no eTag or '*' writes
 * unconditionally; a stale eTag is refused (and, here, the whole batch with it); values are copied
 * through JSON both ways, so what is stored never changes under the caller's feet.
 */
export interface ItemChange {
  key: string;
  /** The eTag the caller read, if it wants the write to be conditional on it. */
  expected: string | undefined;
  eTag: string;
  /** The value without its eTag, as JSON text (serialised once, stored as is). */
  json: string;
}

export function requireArgument<T>(value: T | null | undefined, message: string): asserts value is T {
  if (!value) throw new ReferenceError(message);
}

/** Checks and serialises a batch before anything is written, so a bad item writes nothing. */
export function prepareChanges(changes: StoreItems): ItemChange[] {
  return (Object.entries(changes) as Array<[string, unknown]>).map(([key, item]) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new TypeError(`Storage: item "${key}" must be an object.`);
    }
    const { eTag, ...value } = item as Record<string, unknown>;
    const expected = typeof eTag === 'string' && eTag !== '' && eTag !== '*' ? eTag : undefined;
    return { key, expected, eTag: randomUUID(), json: JSON.stringify(value) };
  });
}

/** True when a conditional write meets a newer stored item (an absent item never conflicts). */
export function isStale(change: ItemChange, storedETag: string | undefined): boolean {
  return change.expected !== undefined && storedETag !== undefined && storedETag !== change.expected;
}

export function conflictError(key: string): Error {
  return new Error(`Storage: error writing "${key}" due to eTag conflict.`);
}

/** Adds a read item to a result; defineProperty, so a key such as '__proto__' stays plain data. */
export function addItem(result: StoreItems, key: string, json: string, eTag: string): void {
  const value: unknown = { ...(JSON.parse(json) as object), eTag };
  Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A fixed-size name for any key (1 MB keys, '/', '..', NUL, lone surrogates): SHA-256 of its UTF-16
 * code units, so two different JavaScript strings never share a record.
 */
export function keyHash(key: string): Buffer {
  return createHash('sha256').update(key, 'utf16le').digest();
}
