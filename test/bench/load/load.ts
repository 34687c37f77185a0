import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { DirectLineClient, HttpStatusError, loopbackAddress, type WireActivity } from './directline-client';
import type { Script } from './script';
import { Tally, percentiles, type Percentiles } from './stats';

export interface LoadOptions {
  people: number;
  concurrency: number;
  thinkMs: number;
  /** A turn (message POST + GET of its replies) slower than this is an error. */
  turnTimeoutMs: number;
  /** Opening the conversation and receiving the whole welcome, as a person waits for the first question. */
  welcomeTimeoutMs: number;
  /** Message turns allowed to reach the end of the script (the plan). */
  maxTurns: number;
  /** Polling interval while waiting for the welcome (Web Chat polls every 1 s by default). */
  pollMs: number;
}

export interface LoadResult {
  people: number;
  concurrency: number;
  conversations: { started: number; completed: number; failed: number };
  /** Message turns answered (errors excluded). */
  turns: number;
  wallSeconds: number;
  turnsPerSecond: number;
  /** CPU seconds this benchmark process used in the load phase: near wallSeconds × 1 means the client, not the server, may be the limit. */
  clientCpuSeconds: number;
  /** Message POST sent → its replies read (POST answered after the bot's turn, then the GET). */
  turnLatencyMs: Percentiles;
  /** Token generated → first question shown (includes up to one polling interval). */
  welcomeLatencyMs: Percentiles;
  /** Message turns per completed conversation. */
  turnsPerConversation: Percentiles;
  errors: { count: number; byKind: Record<string, number> };
  notes: Record<string, number>;
  /** True when the global deadline stopped the run before every person finished. */
  cutShort: boolean;
}

/** Phase of a conversation an error happened in, for the breakdown. */
type Phase = 'open' | 'welcome' | 'turn';

class ConversationError extends Error {
  constructor(readonly kind: string) {
    super(kind);
  }
}

/**
 * Runs `work` with a signal that aborts after `ms` or at the deadline. A plain timer rather than
 * AbortSignal.any + AbortSignal.timeout, whose timeouts did not always fire under load on Node 20;
 * and a late answer (timers run late on a saturated machine) still counts as a timeout.
 */
async function bounded<T>(deadline: AbortSignal, ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onDeadline = () => controller.abort(deadline.reason);
  deadline.addEventListener('abort', onDeadline, { once: true });
  const timer = setTimeout(() => controller.abort(new ConversationError('timeout')), ms);
  const began = performance.now();
  try {
    const value = await work(controller.signal);
    if (performance.now() - began > ms) throw new ConversationError('timeout');
    return value;
  } finally {
    clearTimeout(timer);
    deadline.removeEventListener('abort', onDeadline);
  }
}

function kindOf(error: unknown, phase: Phase, deadline: AbortSignal): string {
  if (deadline.aborted) return 'deadline';
  if (error instanceof ConversationError) return `${phase}:${error.kind}`;
  if (error instanceof HttpStatusError) return `${phase}:http-${error.status}`;
  const name = error instanceof Error ? error.name : '';
  if (name === 'AbortError' || name === 'TimeoutError') return `${phase}:timeout`;
  const code = (error as { code?: unknown } | undefined)?.code;
  return `${phase}:${typeof code === 'string' ? code : 'error'}`;
}

/**
 * N people, at most C at once, each holding one whole conversation over HTTP. Every wait is bounded:
 * per request by the turn or welcome timeout, overall by `deadline`.
 */
export async function runLoad(url: string, script: (index: number) => Script, options: LoadOptions, deadline: AbortSignal): Promise<LoadResult> {
  const turnMs: number[] = [];
  const welcomeMs: number[] = [];
  const perConversation: number[] = [];
  const errors = new Tally();
  const notes = new Tally();
  let started = 0;
  let completed = 0;

  const converse = async (index: number): Promise<void> => {
    const person = script(index);
    const client = new DirectLineClient(url, loopbackAddress(index));
    let phase: Phase = 'open';
    let turns = 0;
    // Web Chat tells sides apart by from.id; the user's own messages come back in the log too.
    const isBot = (a: WireActivity) => a.type === 'message' && a.from?.id !== client.userId;
    started += 1;
    try {
      const openedAt = performance.now();
      const greeting: WireActivity[] = [];
      await bounded(deadline, options.welcomeTimeoutMs, async (signal) => {
        await client.open(person.locale, signal);
        phase = 'welcome';
        for (;;) {
          greeting.push(...(await client.poll(signal)).filter(isBot));
          if (person.welcomed(greeting)) break;
          await sleep(options.pollMs, undefined, { signal });
        }
      });
      welcomeMs.push(performance.now() - openedAt);

      phase = 'turn';
      let step = person.next(greeting);
      while (!('done' in step)) {
        if ('fail' in step) throw new ConversationError(step.fail);
        if (turns >= options.maxTurns) throw new ConversationError(`no-end-in-${options.maxTurns}-turns`);
        if (options.thinkMs > 0) await sleep(options.thinkMs, undefined, { signal: deadline });
        const text = step.send;
        const sentAt = performance.now();
        const replies = await bounded(deadline, options.turnTimeoutMs, async (signal) => {
          await client.send(text, person.locale, `bench-${index}-${turns}`, signal);
          return (await client.poll(signal)).filter(isBot);
        });
        const took = performance.now() - sentAt;
        if (replies.length === 0) throw new ConversationError('no-reply');
        turnMs.push(took);
        turns += 1;
        step = person.next(replies);
      }
      completed += 1;
      perConversation.push(turns);
    } catch (error) {
      errors.add(kindOf(error, phase, deadline));
    } finally {
      client.close();
      for (const [kind, n] of Object.entries(person.notes())) if (n > 0) notes.add(kind, n);
    }
  };

  // Every person in flight listens to the deadline (its current call, its think time).
  setMaxListeners(2 * options.concurrency + 10, deadline);
  let next = 0;
  const worker = async () => {
    while (next < options.people && !deadline.aborted) await converse(next++);
  };
  const began = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.people) }, worker));
  const wallSeconds = (performance.now() - began) / 1000;
  const cpu = process.cpuUsage(cpuBefore);

  return {
    people: options.people,
    concurrency: options.concurrency,
    conversations: { started, completed, failed: started - completed },
    turns: turnMs.length,
    wallSeconds: Math.round(wallSeconds * 100) / 100,
    turnsPerSecond: wallSeconds > 0 ? Math.round((turnMs.length / wallSeconds) * 10) / 10 : 0,
    clientCpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    turnLatencyMs: percentiles(turnMs),
    welcomeLatencyMs: percentiles(welcomeMs),
    turnsPerConversation: percentiles(perConversation),
    errors: { count: errors.total, byKind: errors.toJSON() },
    notes: notes.toJSON(),
    cutShort: deadline.aborted || started < options.people,
  };
}
