import { ConversationState, UserState, type Storage, type TurnContext } from 'botbuilder';
import type { Draft } from '../../dialogs/draft';
import { textsFor } from '../../dialogs/i18n';
import { MainDialog } from '../../dialogs/main-dialog';
import { parseProfile, type Profile } from '../../knowledge/contracts/profile';
import { LOCALES, type Locale } from '../../knowledge/contracts/vocabulary';
import type { Engine } from '../../knowledge/orient';
import { log } from '../log';
import { BoussoleBot, ERASED } from './boussole-bot';

export interface BotParts {
  bot: BoussoleBot;
  /** For every adapter: tells the person in their language and keeps their state. */
  onTurnError(context: TurnContext, error: Error): Promise<void>;
  /** The bot's words, in a conversation's locale, for a message its channel refused (see DirectLineOptions). */
  notice(kind: 'tooFast' | 'full', locale: string | undefined): string;
  /** A person's answers as a valid profile, with their language, once they have had a plan; else undefined. */
  planProfileOf(channelId: string, userId: string): Promise<{ profile: Profile; locale: Locale } | undefined>;
}

export interface BotSetup {
  storage: Storage;
  engine: Engine;
  today: () => Date;
  /** Erases the channel's copy of the conversation (the local Direct Line log), when there is one. */
  forgetTranscript?: (conversationId: string) => Promise<unknown>;
  logError?: (message: string, error?: unknown) => void;
}

/** Longer messages are no answer to any question: the bot says so instead of reading them. */
export const MAX_MESSAGE_CHARS = 1_000;
/** Conversations remembered per person for erasure; older ones are gone by retention anyway. */
const MAX_REMEMBERED_CONVERSATIONS = 100;

/** Ours from a BCP 47 tag ('ar-SA' → 'ar'); French for anything else. */
function localeOf(tag: string | undefined): Locale {
  const l = tag?.slice(0, 2).toLowerCase() as Locale | undefined;
  return l && LOCALES.includes(l) ? l : 'fr';
}

/** The bot with its states, dialog and erasure, independent of the channel that carries it. */
export function createBot({ storage, engine, today, forgetTranscript, logError }: BotSetup): BotParts {
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const drafts = userState.createProperty<Draft>('draft');
  // Every conversation the person has had (the page opens a new one per language): "erase my data"
  // must reach them all, not only the one it is said in.
  const conversations = userState.createProperty<string[]>('conversations');

  const erase = async (context: TurnContext) => {
    context.turnState.set(ERASED, true);
    const ids = new Set([...(await conversations.get(context, [])), context.activity.conversation.id]);
    await conversationState.delete(context);
    await userState.delete(context);
    // ConversationState's own keys, for the person's other conversations.
    await storage.delete([...ids].map((id) => `${context.activity.channelId}/conversations/${id}/`));
    for (const id of ids) await forgetTranscript?.(id);
  };

  const localeFor = async (context: TurnContext) => (await drafts.get(context).catch(() => undefined))?.locale ?? localeOf(context.activity.locale);
  const admit = async (context: TurnContext) => {
    if ((context.activity.text ?? '').length <= MAX_MESSAGE_CHARS) return true;
    await context.sendActivity(textsFor(await localeFor(context)).t('tooLong'));
    return false;
  };
  const bot = new BoussoleBot(conversationState, userState, new MainDialog({ engine, drafts, today, erase }), admit);
  bot.onTurn(async (context, next) => {
    const known = await conversations.get(context, []);
    const id = context.activity.conversation.id;
    if (!known.includes(id)) await conversations.set(context, [...known, id].slice(-MAX_REMEMBERED_CONVERSATIONS));
    await next();
  });
  const report = logError ?? ((message: string, err?: unknown) => log.error({ err }, message));
  return {
    bot,
    async onTurnError(context, error) {
      // Ids and the error only: never the message text or the profile.
      report(`turn failed in conversation ${context.activity.conversation?.id}`, error);
      await context.sendActivity(textsFor(await localeFor(context)).t('error')).catch(() => undefined);
    },
    notice: (kind, locale) => textsFor(localeOf(locale)).t(`notice.${kind}`),
    async planProfileOf(channelId, userId) {
      // UserState's own key for this person ("<channel>/users/<user id>/"), read outside any turn.
      const key = `${channelId}/users/${userId}/`;
      const draft = ((await storage.read([key]))[key] as { draft?: Draft } | undefined)?.draft;
      if (!draft?.planAt) return undefined;
      const parsed = parseProfile(draft.profile);
      // On a call the summary is for the caller: in their language, the advisor's French beside it.
      const locale = draft.advisor?.caller ?? draft.locale ?? 'fr';
      return parsed.ok ? { profile: parsed.profile, locale } : undefined;
    },
  };
}
