import type { Locale } from '../knowledge/contracts/vocabulary';
import { textsFor } from './i18n';
import { MENU_CHOICES } from './questions';
import { matchChoice, type ChoiceOption } from './understanding/recognize';

/**
 * Global commands, understood at every step: the person's own words for them in their language (and in
 * English, often known as a second language), plus the titles of the menu buttons.
 */
export const COMMANDS = ['help', 'restart', 'language', 'back', 'change', 'erase', 'human'] as const;
export type Command = (typeof COMMANDS)[number];

const MENU_TO_COMMAND: Partial<Record<(typeof MENU_CHOICES)[number], Command>> = {
  change: 'change',
  restart: 'restart',
  language: 'language',
  help: 'help',
  human: 'human',
  erase: 'erase',
};

const cache = new Map<Locale, ChoiceOption[]>();

function commandOptions(locale: Locale): ChoiceOption[] {
  const cached = cache.get(locale);
  if (cached) return cached;
  const sources = [...new Set([locale, 'en' as Locale])].map(textsFor);
  const options = COMMANDS.map((command) => ({
    value: command,
    terms: sources.flatMap((texts) => [
      ...texts.list(`commands.${command}`),
      ...Object.entries(MENU_TO_COMMAND)
        .filter(([, c]) => c === command)
        .map(([menu]) => texts.t(`choice.menu.${menu}`)),
    ]),
  }));
  cache.set(locale, options);
  return options;
}

/** Only a message that is the command itself counts: "help" does, "I need help with housing" does not. */
export function recognizeCommand(text: string, locale: Locale): Command | undefined {
  return matchChoice(text, commandOptions(locale), { partial: false }) as Command | undefined;
}
