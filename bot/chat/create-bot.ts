import { ConversationState, UserState, type Storage, type TurnContext } from 'botbuilder';
import type { Draft } from '../../dialogs/draft';
import { textsFor } from '../../dialogs/i18n';
import { MainDialog } from '../../dialogs/main-dialog';
import { LOCALES, type Locale } from '../../knowledge/contracts/vocabulary';
import type { Engine } from '../../knowledge/orient';
import { BoussoleBot, ERASED } from './boussole-bot';

export interface BotParts {
  bot: BoussoleBot;
  /** For every adapter: tells the person in their language and keeps their state. */
  onTurnError(context: TurnContext, error: Error): Promise<void>;
}

export interface BotSetup {
  storage: Storage;
  engine: Engine;
  today: () => Date;
  /** Erases the channel's copy of the conversation (the local Direct Line log), when there is one. */
  forgetTranscript?: (conversationId: string) => Promise<unknown>;
  logError?: (message: string) => void;
}

function localeOf(context: TurnContext): Locale {
  const l = context.activity.locale?.slice(0, 2).toLowerCase() as Locale | undefined;
  return l && LOCALES.includes(l) ? l : 'fr';
}

/** The bot with its states, dialog and erasure, independent of the channel that carries it. */
export function createBot({ storage, engine, today, forgetTranscript, logError }: BotSetup): BotParts {
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const drafts = userState.createProperty<Draft>('draft');

  const erase = async (context: TurnContext) => {
    context.turnState.set(ERASED, true);
    await conversationState.delete(context);
    await userState.delete(context);
    await forgetTranscript?.(context.activity.conversation.id);
  };

  const bot = new BoussoleBot(conversationState, userState, new MainDialog({ engine, drafts, today, erase }));
  const log = logError ?? ((m: string) => process.stderr.write(`${m}\n`));
  return {
    bot,
    async onTurnError(context, error) {
      // Ids and the error only: never the message text or the profile.
      log(`turn failed in conversation ${context.activity.conversation?.id}: ${error.stack ?? error.message}`);
      const draft = await drafts.get(context).catch(() => undefined);
      await context.sendActivity(textsFor(draft?.locale ?? localeOf(context)).t('error')).catch(() => undefined);
    },
  };
}
