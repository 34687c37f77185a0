/**
 * Runs async jobs one after another per key, in call order; different keys run in parallel. A job on
 * several keys waits for all of them (taken at once, so two batches can never wait for each other).
 * A failed job does not block the next ones. Keys are forgotten when idle, so the map stays small.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(keys: string | readonly string[], job: () => Promise<T>): Promise<T> {
    const list = typeof keys === 'string' ? [keys] : [...new Set(keys)];
    const previous = list.map((key) => this.tails.get(key)).filter((tail) => tail !== undefined);
    // Always after a tick, so a job that queues more work on its own key before its first await still waits.
    const result = (previous.length === 0 ? Promise.resolve() : Promise.all(previous)).then(job);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    for (const key of list) this.tails.set(key, tail);
    void tail.then(() => {
      for (const key of list) if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
