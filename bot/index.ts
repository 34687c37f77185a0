import { clockOf, loadConfig } from './config';
import { createServer } from './server';
import { createDefaultEngine } from './engine';

/** Starts the service on embedded defaults: no Azure, no database server, no secrets. */
async function main(): Promise<void> {
  const config = loadConfig();
  const engine = createDefaultEngine({ dataDir: config.DATA_DIR, today: clockOf(config) });
  const server = createServer({ engine });
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    process.stdout.write(`Boussole is listening: http://localhost:${port}/\n`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
