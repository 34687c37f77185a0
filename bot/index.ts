import { recognizers } from '../dialogs/understanding/recognizer-pool';
import { createChat } from './chat/chat';
import { clockOf, loadConfig } from './config';
import { createDefaultEngine } from './engine';
import { log } from './log';
import { NotReady, createServer } from './server';
import { openStateStore } from './storage';

const HOUR = 3600 * 1000;
const FIRST_PURGE_AFTER = 10 * 60 * 1000;

/** Starts the service on embedded defaults: no Azure, no database server, no secrets. */
async function main(): Promise<void> {
  const config = loadConfig();
  const today = clockOf(config);
  const engine = createDefaultEngine({ dataDir: config.DATA_DIR, today });
  // The date recognizers build their models in their own threads meanwhile (seconds of CPU): until
  // then /readyz says 'warming', so a load balancer sends people to instances that answer at once.
  let warm = false;
  void recognizers.warm().then(() => (warm = true));
  const state = await openStateStore({
    dataDir: config.DATA_DIR,
    databaseUrl: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    tokenSecret: config.DIRECTLINE_TOKEN_SECRET,
  });
  const chat = createChat(config, engine, today, state);
  const server = createServer({ engine, mountChat: (s) => chat.mount(s), ready: () => (warm ? state.check() : Promise.reject(new NotReady('warming'))) });

  // Retention: old conversations and their state go in the background, a few minutes after start (a
  // large store takes a while to scan: not while a restarted service is catching up), then hourly.
  const purge = () => chat.purgeExpired().catch((err: unknown) => log.error({ err }, 'retention purge failed'));
  setTimeout(purge, FIRST_PURGE_AFTER).unref();
  setInterval(purge, HOUR).unref();

  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    process.stdout.write(`Boussole is listening: http://localhost:${port}/\n`);
  });
  // Stop taking requests, let those in flight finish, then release the store (lock file, pools).
  const stop = () => server.close(() => void state.close().finally(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
