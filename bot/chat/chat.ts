import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import restify, { type Server } from 'restify';
import type { Engine } from '../../knowledge/orient';
import { createDirectLine } from '../channels/directline';
import type { Config } from '../config';
import { LowdbStorage } from '../storage/lowdbStorage';
import { createBot } from './create-bot';
import { mountWebPage } from './web-page';

export interface Chat {
  mount(server: Server): void;
  /** Deletes state and transcripts idle for longer than the retention. */
  purgeExpired(): Promise<void>;
}

/** Kept in the data folder when not configured, so tokens stay valid across restarts. */
function tokenSecret(config: Config): string {
  if (config.DIRECTLINE_TOKEN_SECRET) return config.DIRECTLINE_TOKEN_SECRET;
  const file = join(config.DATA_DIR, 'directline-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.DATA_DIR, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * The conversation wired to its channels: the local Direct Line for the bundled Web Chat page, and
 * /api/messages (CloudAdapter) for production channels, with Bot Framework authentication whenever an
 * app id is configured. Both run the same bot on the same lowdb state.
 */
export function createChat(config: Config, engine: Engine, today: () => Date): Chat {
  const storage = new LowdbStorage(join(config.DATA_DIR, 'state.json'));
  // The facade needs the bot and the bot's erasure needs the facade: the late binding is this one line.
  const forgetTranscript = (id: string) => directLine.forgetConversation(id);
  const { bot, onTurnError } = createBot({ storage, engine, today, forgetTranscript });

  const directLine = createDirectLine({
    bot,
    dataFile: join(config.DATA_DIR, 'directline.json'),
    tokenSecret: tokenSecret(config),
  });
  directLine.adapter.onTurnError = onTurnError;

  const cloudAdapter = new CloudAdapter(
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
      // CloudAdapter reads the parsed activity from req.body; only this route parses bodies this way.
      server.post('/api/messages', restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }), async (req, res) => {
        await cloudAdapter.process(req, res, (context) => bot.run(context));
      });
      mountWebPage(server);
    },
    async purgeExpired() {
      // Stored items carry real write times, so retention runs on the real clock, never a pinned "today".
      const cutoff = new Date(Date.now() - config.RETENTION_DAYS * 24 * 3600 * 1000);
      await storage.purgeOlderThan(cutoff);
      await directLine.purgeOlderThan(cutoff);
    },
  };
}
