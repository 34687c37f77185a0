import { boussolePersona } from './boussole-persona';
import { fillStore } from './fill-store';
import { echoPersona } from './echo-persona';
import type { Script } from './script';

/** What a scenario's server will run with; `prefill` writes its store before the server starts. */
export interface ScenarioEnv {
  /** The fresh DATA_DIR of this run (removed afterwards). */
  dataDir: string;
  /** The whole environment the server process gets (DATA_DIR, DATABASE_URL if set, ...). */
  env: NodeJS.ProcessEnv;
  /** How many conversations to store first (--prefill). */
  prefill: number;
  log: (line: string) => void;
}

export interface Scenario {
  name: string;
  description: string;
  /** Entry point run with tsx, relative to the project root; it prints `http://localhost:<port>/`. */
  entry: string;
  /** Extra environment for the server (e.g. DATABASE_URL), on top of PORT, HOST, DATA_DIR, BOUSSOLE_TODAY. */
  env?: () => NodeJS.ProcessEnv;
  /** Fills the store before the server starts (scenario (c): 100,000 conversations already there). */
  prefill?: (env: ScenarioEnv) => Promise<void>;
  persona: (index: number) => Script;
  /** Message turns a person may take to finish: past this the conversation is an error. */
  maxTurns: number;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'echo',
    description: 'minimal echo bot on the same restify + local Direct Line stack, no state (8 messages each)',
    entry: 'test/bench/load/echo-server.ts',
    persona: echoPersona,
    maxTurns: 8,
  },
  {
    name: 'empty',
    description: 'Boussole (bot/index.ts) on an empty store, a whole conversation to the plan',
    entry: 'bot/index.ts',
    persona: boussolePersona,
    maxTurns: 30,
  },
  {
    name: 'prefilled',
    description: 'Boussole on a store holding 100,000 conversations (--prefill) before it starts',
    entry: 'bot/index.ts',
    prefill: (env) => fillStore(env, env.prefill, env.log),
    persona: boussolePersona,
    maxTurns: 30,
  },
];

export const DEFAULT_SCENARIOS = ['echo', 'empty', 'prefilled'] as const;
