import type { WireActivity } from './directline-client';

/** What a simulated person does next, after reading the bot's latest replies. */
export type Step = { send: string } | { done: true } | { fail: string };

/**
 * One person's side of a conversation. The runner owns the HTTP, the clock and the limits; a script
 * only reads replies and decides, so the same runner drives the echo bot and Boussole.
 */
export interface Script {
  /** Sent when the conversation starts (Web Chat's locale), and with every message. */
  readonly locale: string;
  /** True once the greeting is complete, given every bot activity so far: the first message may go. */
  welcomed(bot: readonly WireActivity[]): boolean;
  /** The next move, given the bot activities of the welcome or of the last turn. */
  next(bot: readonly WireActivity[]): Step;
  /** Counters worth reporting that are not errors (e.g. a question the persona did not recognise). */
  notes(): Record<string, number>;
}
