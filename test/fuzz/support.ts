import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { Conversation, frenchAnswer, hasPlan, isBot, pendingQuestion } from '../support/boussole-process';
import { ROOT, type Started } from '../support/process';

// ---------------------------------------------------------------------------------------------------
// Seeds and running properties

/** The fixed seed of a property, or FC_SEED from the environment (the same for every property then). */
export function seedOf(fixed: number): number {
  const given = process.env.FC_SEED;
  return given !== undefined && given !== '' && Number.isFinite(Number(given)) ? Number(given) : fixed;
}

/** A short, printable description of any input: fuzz inputs can be megabytes of unprintable text. */
export function summarize(value: unknown, max = 240): string {
  let text: string;
  if (Buffer.isBuffer(value)) text = `<Buffer ${value.length} bytes: ${value.subarray(0, 48).toString('hex')}${value.length > 48 ? '…' : ''}>`;
  else if (typeof value === 'string') text = `${JSON.stringify(value.length > max ? value.slice(0, max) : value)}${value.length > max ? `… (${value.length} chars)` : ''}`;
  else {
    try {
      text = JSON.stringify(value, (_k, v: unknown) => (Buffer.isBuffer(v) ? summarize(v) : typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}… (${v.length} chars)` : v)) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max * 2 ? `${text.slice(0, max * 2)}… (${text.length} chars)` : text;
}

export interface PropertyOptions {
  numRuns: number;
  seed: number;
  /** Slow failures (timing): report the first counterexample as is rather than shrinking it for minutes. */
  noShrink?: boolean;
  /**
   * Time budget of the whole property: past it the property fails (the inputs are too slow to be
   * fuzzed in time), saying why with `whySlow()`.
   */
  timeLimitMs?: number;
  whySlow?: () => string;
}

/**
 * Runs an async property with fast-check and, on failure, throws one readable error: the seed and path
 * to replay it, the (shortened) counterexample and what went wrong. fc.assert would print the whole
 * counterexample, which for these inputs can be 20,000 characters of control codes.
 */
export async function check<T>(name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, options: PropertyOptions): Promise<void> {
  const started = Date.now();
  const details = await fc.check(fc.asyncProperty(arbitrary, predicate), {
    numRuns: options.numRuns,
    seed: options.seed,
    endOnFailure: options.noShrink ?? false,
    // The shrinker re-runs the property against a live server: bounded, so a failure is reported in time.
    interruptAfterTimeLimit: options.timeLimitMs ?? 60_000,
    markInterruptAsFailure: options.timeLimitMs !== undefined,
  });
  if (!details.failed) return;
  if (details.interrupted && details.counterexample === null) {
    throw new Error(
      `${name}: only ${details.numRuns} of ${options.numRuns} inputs in ${Math.round((Date.now() - started) / 1000)} s (seed ${details.seed}): ` +
        `the inputs are too slow to fuzz in time. ${options.whySlow?.() ?? ''}`,
    );
  }
  const error = details.errorInstance;
  const reason = error instanceof Error ? error.message : String(error);
  throw new Error(
    `${name}: property failed after ${details.numRuns} run(s) (seed ${details.seed}, path "${details.counterexamplePath ?? ''}"; ` +
      `replay with FC_SEED=${details.seed}).\nCounterexample: ${summarize(details.counterexample?.[0])}\nReason: ${reason}`,
  );
}

// ---------------------------------------------------------------------------------------------------
// HTTP over node:http: raw bodies, any header, a chosen source address (the per-address caps)

export interface Request {
  method: string;
  /** Path and query, sent as is (it must be URL-safe: encode hostile parts). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body in two chunks without Content-Length (Transfer-Encoding: chunked). */
  chunked?: boolean;
  /** Loopback address to connect from (127.x.y.z): each one has its own allowance of new conversations. */
  localAddress?: string;
  /** What to say about this input if it turns out slow or fails. */
  label?: string;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined (empty or not JSON). */
  json: unknown;
  ms: number;
  /** When it was sent (epoch ms), to match it with the probe's pings. */
  startedAt: number;
}

export interface Timed {
  label: string;
  ms: number;
  startedAt: number;
}

const REQUEST_TIMEOUT_MS = 30_000;

/** Requests to one server, counted and timed; keep-alive connections per source address. */
export class Client {
  /** Inputs sent (requests made with `count` true). */
  sent = 0;
  /** Requests over 100 ms, with what they sent. */
  readonly slow: Timed[] = [];
  slowest: Timed = { label: '', ms: 0, startedAt: 0 };
  /** How many answers of each status the counted inputs got. */
  readonly statuses: Record<string, number> = {};
  private readonly agents = new Map<string, http.Agent>();
  private readonly url: URL;

  constructor(readonly base: string) {
    this.url = new URL(base);
  }

  private agent(localAddress = ''): http.Agent {
    let agent = this.agents.get(localAddress);
    if (!agent) {
      agent = new http.Agent({ keepAlive: true, maxSockets: 4, ...(localAddress ? { localAddress } : {}) });
      this.agents.set(localAddress, agent);
    }
    return agent;
  }

  /** Closes the connections from one source address (once its allowance is spent). */
  release(localAddress: string): void {
    this.agents.get(localAddress)?.destroy();
    this.agents.delete(localAddress);
  }

  send(request: Request, { count = true } = {}): Promise<Answer> {
    if (count) this.sent += 1;
    const label = request.label ?? `${request.method} ${request.path.slice(0, 120)}`;
    const startedAt = Date.now();
    const started = performance.now();
    return new Promise<Answer>((resolve, reject) => {
      let answered: Answer | undefined;
      let req: http.ClientRequest;
      const headers: Record<string, string> = { ...request.headers };
      if (request.body !== undefined && !request.chunked && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
        headers['Content-Length'] = String(Buffer.byteLength(request.body));
      }
      try {
        req = http.request({
          host: this.url.hostname,
          port: this.url.port,
          method: request.method,
          path: request.path,
          headers,
          agent: this.agent(request.localAddress),
          timeout: REQUEST_TIMEOUT_MS,
        });
      } catch (error) {
        reject(new Error(`could not even send ${label}: ${(error as Error).message}`));
        return;
      }
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', () => undefined);
        res.on('end', () => {
          const ms = performance.now() - started;
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? (JSON.parse(text) as unknown) : undefined;
          } catch {
            json = undefined;
          }
          answered = { status: res.statusCode ?? 0, headers: res.headers, text, json, ms, startedAt };
          if (count) this.statuses[answered.status] = (this.statuses[answered.status] ?? 0) + 1;
          this.time({ label, ms, startedAt });
          resolve(answered);
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', (error) => {
        if (!answered) reject(new Error(`${label}: ${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`));
      });
      if (request.body === undefined) req.end();
      else if (request.chunked) {
        const body = Buffer.from(request.body);
        const cut = Math.floor(body.length / 2);
        req.write(body.subarray(0, cut));
        req.end(body.subarray(cut));
      } else req.end(request.body);
    });
  }

  private time(timed: Timed): void {
    if (timed.ms > 100) this.slow.push(timed);
    if (timed.ms > this.slowest.ms) this.slowest = timed;
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}

/** 127.1.0.1, 127.1.0.2, … : fresh loopback source addresses (Linux answers on all of 127.0.0.0/8). */
export class Addresses {
  private n = 0;
  private uses = 0;
  private current = '';

  constructor(
    private readonly second: number,
    /** Uses per address: under the cap of 30 new conversations per address. */
    private readonly perAddress = 25,
  ) {}

  /** The address to use for the next new conversation (a fresh one every `perAddress` uses). */
  next(client?: Client): string {
    if (!this.current || this.uses >= this.perAddress) {
      if (this.current) client?.release(this.current);
      this.n += 1;
      this.current = `127.${this.second}.${Math.floor(this.n / 250)}.${(this.n % 250) + 1}`;
      this.uses = 0;
    }
    this.uses += 1;
    return this.current;
  }
}

// ---------------------------------------------------------------------------------------------------
// Invariants

export const LIMIT_PROBE_MS = 1_000;

/** A rejection is a 4xx with a JSON error body; anything accepted is a 2xx. Never a 5xx. */
export function expectSane(answer: Answer, label: string, allowed?: readonly number[]): void {
  const where = `${label} → HTTP ${answer.status} ${answer.text.slice(0, 300)}`;
  if (answer.status >= 500 || answer.status < 200 || (answer.status >= 300 && answer.status < 400)) throw new Error(`not a 2xx or a 4xx: ${where}`);
  if (allowed && !allowed.includes(answer.status)) throw new Error(`unexpected status (expected one of ${allowed.join(', ')}): ${where}`);
  if (answer.status >= 400) {
    const json = answer.json;
    if (typeof json !== 'object' || json === null || Array.isArray(json) || !('error' in json)) throw new Error(`a rejection without a JSON error body: ${where}`);
    if (!String(answer.headers['content-type'] ?? '').includes('json')) throw new Error(`a rejection not labelled as JSON: ${where}`);
  }
}

/** The server process is alive and GET /healthz answers 200. */
export async function expectAlive(server: Started, client: Client): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) {
    throw new Error(`the server process is gone (exit ${server.child.exitCode ?? server.child.signalCode})`);
  }
  const health = await client.send({ method: 'GET', path: '/healthz' }, { count: false });
  if (health.status !== 200 || (health.json as { status?: string } | undefined)?.status !== 'ok') {
    throw new Error(`GET /healthz answered ${health.status} ${health.text.slice(0, 200)}`);
  }
}

/**
 * A normal conversation on the local Direct Line, as the page has it (from 127.0.0.1: the fuzz opens its
 * conversations from other addresses): the welcome, French answers, the plan. Returns the questions asked.
 */
export async function expectConversationToPlan(url: string, welcome: string): Promise<string[]> {
  const conversation = await Conversation.open(url);
  let all = await conversation.waitFor(url, (a) => a.some((x) => isBot(x) && (x.text ?? '').includes(welcome)), 'the welcome');
  const asked: string[] = [];
  for (let turn = 0; turn < 20 && !hasPlan(all); turn++) {
    asked.push(pendingQuestion(all) ?? '?');
    // The post returns once the bot's turn is in the log.
    await conversation.say(url, frenchAnswer(all));
    all = await conversation.transcript(url);
  }
  if (!hasPlan(all)) throw new Error(`no plan after the questions ${asked.join(', ')}`);
  return asked;
}

/** Every `*.jsonl` line and every `*.json` file under the data folder parses. */
export async function expectDataParses(dataDir: string): Promise<number> {
  let checked = 0;
  const problems: string[] = [];
  for (const entry of await readdir(dataDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    if (entry.name.endsWith('.jsonl')) {
      const text = await readFile(file, 'utf8');
      const lines = text.split('\n');
      if (lines.at(-1) !== '') problems.push(`${file}: last line has no newline`);
      for (const [i, line] of lines.slice(0, -1).entries()) {
        checked += 1;
        try {
          JSON.parse(line);
        } catch {
          problems.push(`${file}:${i + 1}: ${line.slice(0, 120)}`);
        }
      }
    } else if (entry.name.endsWith('.json')) {
      checked += 1;
      try {
        JSON.parse(await readFile(file, 'utf8'));
      } catch {
        problems.push(`${file}: not JSON`);
      }
    }
  }
  if (problems.length > 0) throw new Error(`data files that do not parse:\n${problems.slice(0, 20).join('\n')}`);
  return checked;
}

// ---------------------------------------------------------------------------------------------------
// The event-loop probe: a separate process pinging /healthz every 50 ms (so the test's own work,
// generating inputs, never shows up in what it measures)

const PROBE_SOURCE = `
const http = require('node:http');
const url = new URL(process.argv[1]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let stopped = false;
process.stdin.on('end', () => { stopped = true; });
process.stdin.resume();
function ping() {
  return new Promise((resolve) => {
    const at = Date.now();
    const start = process.hrtime.bigint();
    const done = (status) => resolve({ at, ms: Number(process.hrtime.bigint() - start) / 1e6, status });
    const req = http.get({ host: url.hostname, port: url.port, path: '/healthz', agent, timeout: 60000 }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(0));
  });
}
(async () => {
  while (!stopped) {
    const sample = await ping();
    process.stdout.write(JSON.stringify(sample) + '\\n');
    if (sample.ms < 50) await new Promise((r) => setTimeout(r, 50 - sample.ms));
  }
  agent.destroy();
  process.exit(0);
})();
`;

export interface ProbeSample {
  at: number;
  ms: number;
  status: number;
}

export class Probe {
  readonly samples: ProbeSample[] = [];
  private readonly child: ChildProcess;
  private buffer = '';
  private readonly exited: Promise<void>;

  constructor(base: string) {
    this.child = spawn(process.execPath, ['-e', PROBE_SOURCE, base], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString();
      const lines = this.buffer.split('\n');
      this.buffer = lines.pop() ?? '';
      for (const line of lines) if (line) this.samples.push(JSON.parse(line) as ProbeSample);
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  /** The slowest ping so far, or of those sent since `since` (epoch ms). */
  worst(since = 0): ProbeSample {
    return this.samples.filter((s) => s.at >= since).reduce<ProbeSample>((a, b) => (b.ms > a.ms ? b : a), { at: 0, ms: 0, status: 200 });
  }

  /** The slowest ping that overlapped [from, to] (epoch ms). */
  worstDuring(from: number, to: number): ProbeSample {
    return this.samples.filter((s) => s.at <= to && s.at + s.ms >= from).reduce<ProbeSample>((a, b) => (b.ms > a.ms ? b : a), { at: 0, ms: 0, status: 200 });
  }

  failures(): ProbeSample[] {
    return this.samples.filter((s) => s.status !== 200);
  }

  /** Waits until at least `n` more samples came in (the probe is running). */
  async settle(n = 2, timeoutMs = 15_000): Promise<void> {
    const target = this.samples.length + n;
    const deadline = Date.now() + timeoutMs;
    while (this.samples.length < target && Date.now() < deadline && this.child.exitCode === null) await sleep(20);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      this.child.stdin!.end();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}

/** The fuzz inputs that were in flight when the probe's slowest ping (since `since`) was answered. */
export function culprits(probe: Probe, timed: readonly Timed[], since = 0): string[] {
  const worst = probe.worst(since);
  const end = worst.at + worst.ms;
  return timed
    .filter((t) => t.startedAt <= end && t.startedAt + t.ms >= worst.at)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((t) => `${Math.round(t.ms)} ms: ${t.label}`);
}

/**
 * Registers, for each test of the calling `describe`: afterwards the server still answers, and its event loop
 * stayed free while the test ran. `running` gives what the file's beforeAll started.
 */
export function checkEachTest(running: () => { server: Started; client: Client; probe: Probe }): void {
  let started = 0;
  beforeEach(() => {
    started = Date.now();
  });
  afterEach(async () => {
    const { server, client, probe } = running();
    await expectAlive(server, client);
    await expectLoopFree(probe, started, client.slow);
  });
}

/** The event loop stayed free since `since`: no ping of the probe took LIMIT_PROBE_MS or more. */
export async function expectLoopFree(probe: Probe, since: number, timed: readonly Timed[]): Promise<void> {
  await probe.settle(2);
  const worst = probe.worst(since);
  if (worst.ms >= LIMIT_PROBE_MS) throw new Error(`GET /healthz took ${Math.round(worst.ms)} ms while: ${culprits(probe, timed, since).join(' | ')}`);
  const failed = probe.failures().filter((s) => s.at >= since);
  if (failed.length > 0) throw new Error(`GET /healthz failed ${failed.length} time(s)`);
}

// ---------------------------------------------------------------------------------------------------
// Server output and the summaries the report is built from (written, never printed)

/** What the server writes on stderr, deprecation notices left out. */
export function collectStderr(server: Started): () => string[] {
  const lines: string[] = [];
  let rest = '';
  server.child.stderr?.on('data', (chunk: Buffer) => {
    rest += chunk.toString();
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) if (line.trim() && !/DeprecationWarning|--trace-deprecation/.test(line)) lines.push(line.slice(0, 300));
  });
  return () => [...lines];
}

/** Writes test-results/fuzz/<name>.json (gitignored): worst probe latency, slowest inputs, counts. */
export function writeSummary(name: string, summary: Record<string, unknown>): void {
  const dir = join(ROOT, 'test-results', 'fuzz');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(summary, null, 2)}\n`);
}

export function topSlow(timed: readonly Timed[], n = 10): Array<{ ms: number; input: string }> {
  return [...timed]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, n)
    .map((t) => ({ ms: Math.round(t.ms), input: t.label }));
}
