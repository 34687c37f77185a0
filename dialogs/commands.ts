import { MessageFactory } from 'botbuilder';
import { LOCALES, type Locale } from '../knowledge/contracts/vocabulary';
import { startCall } from './advisor/call';
import { forget, startOver } from './draft';
import { textsFor } from './i18n';
import { backToWhereItWas } from './next-question';
import { offerSummary } from './plan';
import { helpMessage } from './plan-messages';
import { quickCheckCard } from './quick-check/card';
import { MENU_CHOICES } from './questions/menus';
import type { FlowOptions, Turn } from './turn';
import { matchChoice, type ChoiceOption } from './understanding/recognize';

/**
 * Global commands, understood at every step and carried out here. Understood: the person's own words for them
 * in any of our languages (the welcome says "write «effacer»" in French to everyone), plus the titles of the menu buttons.
 */
export const COMMANDS = ['help', 'restart', 'language', 'back', 'change', 'erase', 'human', 'advisor', 'check', 'summary'] as const;
export type Command = (typeof COMMANDS)[number];

/** Button titles (`choice.menu.*`) that are commands when typed; "help" is the plan's emergency-numbers button. */
const MENU_TO_COMMAND: Partial<Record<(typeof MENU_CHOICES)[number] | 'help', Command>> = {
  change: 'change',
  restart: 'restart',
  language: 'language',
  help: 'help',
  human: 'human',
  erase: 'erase',
  check: 'check',
  summary: 'summary',
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

/** Carries a command out; the conversation then goes on from the draft, where the command says. */
export async function runCommand(command: Command, turn: Turn): Promise<FlowOptions> {
  const { context, draft, texts, engine } = turn;
  switch (command) {
    case 'help':
    case 'human':
      await context.sendActivity(command === 'help' ? helpMessage(texts) : MessageFactory.text(texts.t('human.text')));
      return backToWhereItWas(draft, engine);
    case 'restart':
      startOver(draft);
      await context.sendActivity(texts.t('restarted'));
      return {};
    case 'language':
      forget(draft, 'language');
      return {};
    case 'back': {
      // The caller's language is an answer like the others on a call; in the chat it is changed apart.
      const last = [...draft.answered].reverse().find((f) => f !== 'language' || draft.advisor);
      if (last) forget(draft, last);
      else if (draft.profile.needs?.length) draft.profile.needs = [];
      await context.sendActivity(texts.t('back'));
      return {};
    }
    case 'change':
      if (draft.answered.some((f) => f !== 'language')) return { mode: 'changeWhich' };
      await context.sendActivity(texts.t('nothingToChange'));
      return {};
    case 'erase':
      return { mode: 'eraseConfirm' };
    case 'check':
      await context.sendActivity(MessageFactory.attachment(quickCheckCard(texts, draft)));
      return backToWhereItWas(draft, engine);
    case 'advisor':
      await startCall(turn);
      return {};
    case 'summary':
      await offerSummary(turn);
      return backToWhereItWas(draft, engine);
  }
}
