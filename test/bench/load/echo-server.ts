/**
 * The benchmark's floor: the same restify server and local Direct Line as Boussole, with a bot that
 * only echoes (no state, no dialogs, no engine). Kept to this one file so that a change to
 * createDirectLine's options breaks only these few lines.
 */
import { ActivityHandler } from 'botbuilder';
import restify from 'restify';
import { createDirectLine } from '../../../bot/channels/directline';
import { openStateStore } from '../../../bot/storage';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    // A one-line welcome, so the client waits for a greeting exactly as with Boussole.
    this.onMembersAdded(async (context, next) => {
      if (context.activity.membersAdded?.some((m) => m.id !== context.activity.recipient.id)) await context.sendActivity('hello');
      await next();
    });
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

async function main(): Promise<void> {
  // The same state store as Boussole (lowdb in DATA_DIR, or PostgreSQL with DATABASE_URL).
  const state = await openStateStore({ dataDir: process.env.DATA_DIR ?? 'data', databaseUrl: process.env.DATABASE_URL });
  const directLine = createDirectLine({
    bot: new EchoBot(),
    store: state.conversations,
    turns: state.turns,
    tokenSecret: state.tokenSecret,
  });

  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  directLine.mount(server);
  server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`Echo bot is listening: http://localhost:${typeof address === 'object' && address ? address.port : ''}/\n`);
  });
  const stop = () => server.close(() => void state.close().finally(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
