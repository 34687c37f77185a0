/**
 * A bounded map that forgets the least recently used entry first: what the stores keep of the
 * conversations in progress, so memory does not grow with the conversations stored on disk.
 */
export class Lru<V> {
  private readonly entries = new Map<string, V>();

  /** `onEvict` hears of entries pushed out by newer ones (not of those deleted on purpose). */
  constructor(
    readonly capacity: number,
    private readonly onEvict?: (key: string, value: V) => void,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('Lru capacity must be a positive integer.');
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Map keeps insertion order: re-inserting marks the entry as the most recent.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const [oldest, evicted] = this.entries.entries().next().value as [string, V];
      this.entries.delete(oldest);
      this.onEvict?.(oldest, evicted);
    }
  }

  /** Empties the map, returning what it held (to release what the values hold). */
  drain(): Array<[string, V]> {
    const all = [...this.entries];
    this.entries.clear();
    return all;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
