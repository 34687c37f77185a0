import { ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Server } from 'restify';
import type { Engine } from '../../knowledge/orient';
import { createDirectLine } from '../channels/directline';
import type { Config } from '../config';
import type { StateStore } from '../storage';
import { BOT_FRAMEWORK_HOSTS, ChannelAdapter, mountChannelEndpoint } from './channel-endpoint';
import { log } from '../log';
import { createBot } from './create-bot';
import { mountSummaryProfile } from './summary-profile';
import { mountWebPage } from './web-page';

export interface Chat {
  mount(server: Server): void;
  /** Deletes state and transcripts idle for longer than the retention. */
  purgeExpired(): Promise<void>;
}

/**
 * The conversation wired to its channels: the local Direct Line for the bundled Web Chat page, and
 * /api/messages (CloudAdapter) for production channels, with Bot Framework authentication whenever an
 * app id is configured. Both run the same bot on the same state store (lowdb files or PostgreSQL).
 */
export function createChat(config: Config, engine: Engine, today: () => Date, state: StateStore): Chat {
  const { storage } = state;
  // The facade needs the bot and the bot's erasure needs the facade: the late binding is this one line.
  const forgetTranscript = (id: string) => directLine.forgetConversation(id);
  const { bot, onTurnError, notice, planProfileOf } = createBot({ storage, engine, today, forgetTranscript });

  const directLine = createDirectLine({
    bot,
    store: state.conversations,
    turns: state.turns,
    tokenSecret: state.tokenSecret,
    limits: {
      perConversation: { max: config.CHAT_MESSAGES_PER_MINUTE, windowSeconds: 60 },
      perAddress: { max: config.CHAT_CONVERSATIONS_PER_ADDRESS, windowSeconds: 600 },
      activitiesPerConversation: config.CHAT_ACTIVITIES_PER_CONVERSATION,
    },
    notice,
  });
  directLine.adapter.onTurnError = onTurnError;

  const cloudAdapter = new ChannelAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.MicrosoftAppId,
      MicrosoftAppPassword: config.MicrosoftAppPassword,
      MicrosoftAppType: config.MicrosoftAppType,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId,
    } as ConfigurationBotFrameworkAuthenticationOptions),
  );
  cloudAdapter.onTurnError = onTurnError;

  return {
    mount(server) {
      directLine.mount(server);
      mountChannelEndpoint(server, {
        adapter: cloudAdapter,
        logic: (context) => bot.run(context),
        appId: config.MicrosoftAppId,
        allowUnauthenticated: config.ALLOW_UNAUTHENTICATED_CHANNEL,
        serviceUrlHosts: config.SERVICE_URL_HOSTS ?? BOT_FRAMEWORK_HOSTS,
        logError: (message, err) => log.error({ err }, message),
      });
      mountWebPage(server);
      mountSummaryProfile(server, {
        async profileFor(token) {
          const holder = await directLine.holderOf(token);
          return holder && planProfileOf('directline', holder.userId);
        },
        logError: (message, err) => log.error({ err }, message),
      });
    },
    async purgeExpired() {
      // Stored items carry real write times, so retention runs on the real clock, never a pinned "today".
      const cutoff = new Date(Date.now() - config.RETENTION_DAYS * 24 * 3600 * 1000);
      await storage.purgeOlderThan(cutoff);
      await directLine.purgeOlderThan(cutoff);
    },
  };
}
