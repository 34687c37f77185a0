/**
 * `npm run bench:load`: a load benchmark of the chat over the local Direct Line (a report, not a test).
 *
 * For each scenario: a fresh DATA_DIR (optionally prefilled), the server as a real child process, then N
 * simulated people (at most C at once), each from its own loopback address, holding a whole
 * conversation over HTTP as Web Chat does. Prints a table and writes test-results/bench-load.json.
 * Everything is bounded: per-turn timeouts, a turn cap per conversation and a global --max-seconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, startCluster, type Cluster } from '../../support/postgres';
import { runLoad, type LoadOptions } from './load';
import { USAGE, parseOptions, type Options, type Store } from './options';
import { machine, table, writeReport, type Report, type ScenarioReport } from './report';
import { SCENARIOS, type Scenario } from './scenarios';
import { ROOT, startServer } from './server-process';

/** Pinned "today" so plans are the same on every run. */
const TODAY = '2026-11-27';
const SERVER_START_MS = 60_000;
/** Time kept back at the deadline to stop the server and write the report (a quarter of short runs). */
const STOP_RESERVE_MS = 15_000;

const say = (line = ''): void => void process.stdout.write(`${line}\n`);

/** Where a scenario keeps its state: lowdb in its DATA_DIR, or a fresh database on the benchmark's cluster. */
interface Place {
  store: Store;
  cluster?: Cluster;
}

async function runScenario(scenario: Scenario, place: Place, options: Options, deadline: AbortSignal, endsAt: number): Promise<ScenarioReport> {
  const name = `${scenario.name}@${place.store}`;
  const report: ScenarioReport = { name, description: scenario.description, entry: scenario.entry };
  const dataDir = mkdtempSync(join(tmpdir(), `bench-load-${scenario.name}-`));
  const database = place.cluster ? await createTestDatabase(place.cluster.url) : undefined;
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...scenario.env?.(),
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      BOUSSOLE_TODAY: TODAY,
      DATABASE_URL: database?.url ?? '',
    };
    if (scenario.prefill) {
      say(`${name}: filling the store with ${options.prefill} conversations...`);
      const filling = performance.now();
      await scenario.prefill({ dataDir, env, prefill: options.prefill, log: say });
      report.prefillSeconds = Math.round(performance.now() - filling) / 1000;
    }
    const spawnedAt = performance.now();
    const server = await startServer(scenario.entry, env, Math.min(SERVER_START_MS, Math.max(1000, endsAt - Date.now())));
    report.serverStartSeconds = Math.round(performance.now() - spawnedAt) / 1000;
    say(`${name}: server pid ${server.pid} up in ${report.serverStartSeconds} s, ${options.people} people...`);
    try {
      const load: LoadOptions = {
        people: options.people,
        concurrency: options.concurrency,
        thinkMs: options.thinkMs,
        turnTimeoutMs: 10_000,
        welcomeTimeoutMs: 10_000,
        maxTurns: scenario.maxTurns,
        pollMs: 250,
      };
      // Not measured: a server that has just started runs cold (JIT, caches) for its first turns.
      if (options.warmup > 0) await runLoad(server.url, scenario.persona, { ...load, people: options.warmup, concurrency: options.warmup }, deadline);
      report.load = await runLoad(server.url, scenario.persona, load, deadline);
      if (report.load.cutShort) report.failure = 'cut short by --max-seconds';
    } finally {
      const stopped = await server.stop();
      report.server = { ...stopped, ...(stopped.stderrLines > 0 ? {} : { stderrTail: undefined }) };
    }
  } catch (error) {
    report.failure = error instanceof Error ? error.message : String(error);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
  return report;
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  // The deadline leaves time to stop the last server and write the report.
  const endsAt = Date.now() + options.maxSeconds * 1000;
  const controller = new AbortController();
  const budgetMs = options.maxSeconds * 1000;
  const timer = setTimeout(() => controller.abort(), budgetMs - Math.min(STOP_RESERVE_MS, budgetMs / 4));
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  const report: Report = { date: new Date().toISOString(), machine: machine(), options, scenarios: [] };
  // PostgreSQL: Debian's server in a throwaway cluster on loopback, one fresh database per scenario.
  const cluster = options.stores.includes('postgres') ? await startCluster() : undefined;
  try {
    for (const store of options.stores) {
      for (const name of options.scenarios) {
        const scenario = SCENARIOS.find((s) => s.name === name)!;
        if (controller.signal.aborted) {
          report.scenarios.push({ name: `${name}@${store}`, description: scenario.description, entry: scenario.entry, failure: 'not run: --max-seconds reached' });
          continue;
        }
        const place = store === 'postgres' ? { store, cluster } : { store };
        report.scenarios.push(await runScenario(scenario, place, options, controller.signal, endsAt));
      }
    }
  } finally {
    await cluster?.stop();
    clearTimeout(timer);
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }

  const out = resolve(ROOT, options.out);
  writeReport(out, report);
  say();
  say(table(report));
  say();
  say(`${report.machine.cpuCount} × ${report.machine.cpuModel}, ${report.machine.totalMemoryGiB} GiB, Node ${report.machine.node}; written to ${out}`);
  if (report.scenarios.some((s) => s.failure && !s.load)) process.exitCode = 1;
}

void main();
