import { LOCALES, type Locale } from '../knowledge/contracts/vocabulary';
import { textsFor } from './i18n';
import { MENU_CHOICES } from './questions/menus';
import { matchChoice, type ChoiceOption } from './understanding/recognize';

/**
 * Global commands, understood at every step: the person's own words for them in any of our languages
 * (the welcome says "write «effacer»" in French to everyone), plus the titles of the menu buttons.
 */
export const COMMANDS = ['help', 'restart', 'language', 'back', 'change', 'erase', 'human', 'advisor', 'check'] as const;
export type Command = (typeof COMMANDS)[number];

const MENU_TO_COMMAND: Partial<Record<(typeof MENU_CHOICES)[number], Command>> = {
  change: 'change',
  restart: 'restart',
  language: 'language',
  help: 'help',
  human: 'human',
  erase: 'erase',
  check: 'check',
};

const cache = new Map<string, ChoiceOption[]>();

/** The command words of these languages (built once per set). */
function commandOptions(locales: readonly Locale[]): ChoiceOption[] {
  const key = locales.join();
  const cached = cache.get(key);
  if (cached) return cached;
  const sources = locales.map(textsFor);
  const options = COMMANDS.map((command) => ({
    value: command,
    terms: sources.flatMap((texts) => [
      ...texts.list(`commands.${command}`),
      ...Object.entries(MENU_TO_COMMAND)
        .filter(([, c]) => c === command)
        .map(([menu]) => texts.t(`choice.menu.${menu}`)),
    ]),
  }));
  cache.set(key, options);
  return options;
}

export interface CommandContext {
  /** The answers the current question takes: a message that is one of them answers it, it is no command. */
  answers?: ChoiceOption[];
  /** The question takes free text (a place): only an exact command word counts, never a near one. */
  freeText?: boolean;
}

/**
 * Only a message that is the command itself counts: "help" does, "I need help with housing" does not.
 * Exact words count in every language; typos only in the person's language and English, and never on
 * a free-text question ("سان دوني", Saint-Denis, is one letter from «ساعدوني», help me). A number is
 * never a command (it picks a button).
 */
export function recognizeCommand(text: string, locale: Locale, { answers, freeText = false }: CommandContext = {}): Command | undefined {
  if (answers && matchChoice(text, answers, { partial: false, fuzzy: false }) !== undefined) return undefined;
  const strict = { partial: false, numbers: false, fuzzy: false };
  const exact = matchChoice(text, commandOptions(LOCALES), strict) as Command | undefined;
  if (exact || freeText) return exact;
  return matchChoice(text, commandOptions([...new Set<Locale>([locale, 'en'])]), { ...strict, fuzzy: true }) as Command | undefined;
}
