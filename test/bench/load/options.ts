import { parseArgs } from 'node:util';
import { MAX_ADDRESSES } from './directline-client';
import { DEFAULT_SCENARIOS, SCENARIOS } from './scenarios';

export interface Options {
  people: number;
  /** Conversations in flight at once; default: everyone at once. */
  concurrency: number;
  thinkMs: number;
  /** Global deadline for the whole invocation, every scenario included. */
  maxSeconds: number;
  scenarios: string[];
  /** Where the state lives: lowdb files, and/or PostgreSQL (a throwaway cluster the benchmark starts). */
  stores: Store[];
  /** People run first and not measured, so that figures are those of a warm server (JIT, caches). */
  warmup: number;
  /** Conversations stored before the server starts, in the prefilled scenario. */
  prefill: number;
  out: string;
}

export const STORES = ['lowdb', 'postgres'] as const;
export type Store = (typeof STORES)[number];

export const USAGE = `npm run bench:load -- [--people N] [--concurrency C] [--think-ms T] [--max-seconds S]
                       [--scenarios ${SCENARIOS.map((s) => s.name).join(',')}] [--stores ${STORES.join(',')}]
                       [--prefill N] [--warmup N] [--out FILE]
defaults: --people 200, --concurrency = people, --think-ms 0, --max-seconds 2400,
          --scenarios ${DEFAULT_SCENARIOS.join(',')}, --stores ${STORES.join(',')}, --prefill 100000, --warmup 50,
          --out test-results/bench-load.json`;

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be an integer from ${min} to ${max}`);
  return value;
}

export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      people: { type: 'string' },
      concurrency: { type: 'string' },
      'think-ms': { type: 'string' },
      'max-seconds': { type: 'string' },
      scenarios: { type: 'string' },
      stores: { type: 'string' },
      prefill: { type: 'string' },
      warmup: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  // One loopback address per person: 127.0.1.1 to 127.0.254.254.
  const people = integer('people', values.people, 200, 1, MAX_ADDRESSES);
  const scenarios = (values.scenarios ?? DEFAULT_SCENARIOS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scenarios.filter((s) => !SCENARIOS.some((known) => known.name === s));
  if (unknown.length > 0 || scenarios.length === 0) throw new Error(`unknown scenario(s): ${unknown.join(', ') || '(none given)'}`);
  const stores = (values.stores ?? STORES.join(',')).split(',').map((s) => s.trim());
  const badStores = stores.filter((s) => !(STORES as readonly string[]).includes(s));
  if (badStores.length > 0 || stores.length === 0) throw new Error(`unknown store(s): ${badStores.join(', ') || '(none given)'}`);
  return {
    people,
    concurrency: Math.min(integer('concurrency', values.concurrency, people, 1, MAX_ADDRESSES), people),
    thinkMs: integer('think-ms', values['think-ms'], 0, 0, 60_000),
    maxSeconds: integer('max-seconds', values['max-seconds'], 2400, 1, 24 * 3600),
    scenarios,
    stores: stores as Store[],
    prefill: integer('prefill', values.prefill, 100_000, 1, 1_000_000),
    warmup: integer('warmup', values.warmup, 50, 0, MAX_ADDRESSES),
    out: values.out ?? 'test-results/bench-load.json',
  };
}
