import type { WireActivity } from './directline-client';
import type { Script, Step } from './script';

const MESSAGES = 8;

/** Sends eight numbered messages and checks each reply is the echo of what it sent. */
export function echoPersona(index: number): Script {
  const locale = ['fr', 'en', 'ar', 'ru'][index % 4]!;
  let sent = 0;
  let expected: string | undefined;
  return {
    locale,
    welcomed: (bot) => bot.length > 0,
    next(bot: readonly WireActivity[]): Step {
      if (expected !== undefined && !bot.some((a) => a.text === expected)) return { fail: 'wrong-reply' };
      if (sent === MESSAGES) return { done: true };
      sent += 1;
      const text = `message ${sent} from person ${index}`;
      expected = `echo: ${text}`;
      return { send: text };
    },
    notes: () => ({}),
  };
}
