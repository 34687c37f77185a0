/**
 * How many conversations one address may open per window: `/tokens/generate` needs no credentials (the
 * page calls it), so without a cap anyone could fill the disk with empty conversations. Fixed windows
 * per address, forgotten once they end. Behind a reverse proxy every client shares the proxy's address:
 * raise the limit there or cap at the proxy.
 */
export interface RateLimit {
  max: number;
  windowSeconds: number;
}

export class ConversationRateLimiter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => Date,
  ) {}

  /** Counts one more conversation for `address`; returns the seconds to wait when over the limit. */
  take(address: string): number | undefined {
    const now = this.now().getTime();
    if (this.windows.size > 10_000) for (const [a, w] of this.windows) if (w.endsAt <= now) this.windows.delete(a);
    let window = this.windows.get(address);
    if (!window || window.endsAt <= now) this.windows.set(address, (window = { count: 0, endsAt: now + this.limit.windowSeconds * 1000 }));
    if (window.count >= this.limit.max) return Math.ceil((window.endsAt - now) / 1000);
    window.count += 1;
    return undefined;
  }
}
