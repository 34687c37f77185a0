import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { CultureLocale } from './culture-recognizers';
import type { RecognizerRequest } from './recognizer-worker';

/** Longest text worth giving the recognizers: a date or a number answer is a few words. */
export const MAX_RECOGNIZER_CHARS = 64;
/** Past this, the answer is "not understood" and the worker, stuck on it, is replaced. */
const BUDGET_MS = 300;

type Pending = { resolve: (value: string | undefined) => void; timer: NodeJS.Timeout };

/**
 * recognizers-text's date model for one culture in its own worker thread, with a time budget per request: however
 * slow an input is for the recognizers, the event loop that serves every conversation is never
 * blocked by it, and a request that runs over its budget is answered "not understood".
 */
class CultureWorker {
  private worker: Worker | undefined;
  /** Resolves once the worker has built its models; budgets only count from then on. */
  private ready: Promise<void> = Promise.resolve();
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly locale: CultureLocale) {}

  async month(text: string, today: Date): Promise<string | undefined> {
    const worker = this.start();
    // A worker still building its models (at boot, or after replacing a stuck one) would keep the
    // person waiting for seconds: past the budget, the answer is "not understood" and the buttons stay.
    const ready = await Promise.race([this.ready.then(() => true), sleep(BUDGET_MS, false, { ref: false })]);
    if (!ready || worker !== this.worker) return undefined;
    const id = ++this.nextId;
    return new Promise((resolve) => {
      // Requests run one after another in the worker: each may wait for those before it.
      const timer = setTimeout(() => this.restart(), BUDGET_MS * (this.pending.size + 1)).unref();
      this.pending.set(id, { resolve, timer });
      worker.postMessage({ id, text, todayIso: today.toISOString() } satisfies RecognizerRequest);
    });
  }

  /** Starts the worker now (its models take seconds to build), e.g. at boot. */
  warm(): Promise<void> {
    this.start();
    return this.ready;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // The worker is TypeScript too: it loads through tsx, as the service does.
    const worker = new Worker(join(__dirname, 'recognizer-worker.ts'), { execArgv: ['--require', 'tsx/cjs'], workerData: { locale: this.locale } });
    this.ready = new Promise((resolve) => {
      worker.on('message', (message: { ready?: true; id?: number; result?: string }) => {
        if (message.ready) resolve();
        else if (message.id !== undefined) this.settle(message.id, message.result);
      });
      worker.once('exit', () => resolve()); // never wait for a worker that died before being ready
    });
    worker.on('error', () => this.restart());
    // After the listeners: adding a 'message' listener refs the worker again.
    worker.unref(); // never what keeps a process alive
    worker.on('exit', () => {
      if (this.worker === worker) this.restart();
    });
    this.worker = worker;
    return worker;
  }

  private settle(id: number, result: string | undefined): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(id);
    pending.resolve(result);
  }

  /** Over budget or failed: every waiting request is "not understood", and a fresh worker takes over. */
  private restart(): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const id of [...this.pending.keys()]) this.settle(id, undefined);
    void worker?.terminate();
  }
}

/** One worker per culture (French, English), started on first use or by warm(). */
class RecognizerPool {
  private readonly workers = { fr: new CultureWorker('fr'), en: new CultureWorker('en') };

  /** The year-month ("YYYY-MM") recognizers-text reads in a short text, or undefined. */
  month(text: string, locale: CultureLocale, today: Date): Promise<string | undefined> {
    if (text.length > MAX_RECOGNIZER_CHARS) return Promise.resolve(undefined);
    return this.workers[locale].month(text, today);
  }

  /** Starts both workers now (their models take seconds to build), e.g. at boot. */
  async warm(): Promise<void> {
    await Promise.all([this.workers.fr.warm(), this.workers.en.warm()]);
  }
}

export const recognizers = new RecognizerPool();
