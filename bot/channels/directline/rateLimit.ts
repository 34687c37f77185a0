/**
 * Fixed-window counters: how many times a key (an address, a conversation, everyone) may act per
 * window. Windows are forgotten once they end, so the map stays as small as the active keys.
 */
export interface RateLimit {
  max: number;
  windowSeconds: number;
}

export class WindowLimiter {
  private readonly windows = new Map<string, { count: number; endsAt: number; explained?: boolean }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => Date,
  ) {}

  /** Counts one more for `key`; returns the seconds to wait when over the limit (nothing counted then). */
  take(key: string): number | undefined {
    const now = this.now().getTime();
    if (this.windows.size > 10_000) for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) this.windows.set(key, (window = { count: 0, endsAt: now + this.limit.windowSeconds * 1000 }));
    if (window.count >= this.limit.max) return Math.ceil((window.endsAt - now) / 1000);
    window.count += 1;
    return undefined;
  }

  /** True once per window of a key that is over its limit: refusals are explained once, not each time. */
  firstRefusal(key: string): boolean {
    const window = this.windows.get(key);
    if (!window || window.count < this.limit.max || window.explained) return false;
    window.explained = true;
    return true;
  }
}

/** The caps of the local Direct Line. `/tokens/generate` needs no credentials (the page calls it). */
export interface DirectLineLimits {
  /** New conversations per address (behind a reverse proxy every client shares its address: cap there). */
  perAddress: RateLimit;
  /** New conversations from everyone: a flood from many addresses cannot fill the disk either. */
  global: RateLimit;
  /** Activities one conversation may post. */
  perConversation: RateLimit;
  /** Activities one conversation may hold in all (the person is then offered a new one). */
  activitiesPerConversation: number;
}

export const DEFAULT_LIMITS: DirectLineLimits = {
  perAddress: { max: 30, windowSeconds: 600 },
  global: { max: 1_200, windowSeconds: 60 },
  perConversation: { max: 30, windowSeconds: 60 },
  activitiesPerConversation: 1_000,
};
