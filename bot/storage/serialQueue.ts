/**
 * Runs async jobs one after another, in call order. A failed job does not block the next ones.
 * Used to serialise read-modify-persist cycles on one JSON file (one process owns the file).
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
