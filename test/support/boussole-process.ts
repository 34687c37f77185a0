import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The real server (`bot/index.ts`) as a child process, and a small Direct Line 3.0 client over real HTTP,
 * for the storage tests that kill, restart and double the server (test/storage/durability.test.ts,
 * test/storage/two-servers.test.ts).
 *
 * The server runs as `node --require tsx/cjs bot/index.ts`, not through the tsx binary: tsx would be a
 * parent that forwards signals, and a SIGKILL would hit it alone and leave the real server running.
 */

export const ROOT = join(__dirname, '..', '..');
const ENTRY = join(ROOT, 'bot', 'index.ts');
const URL_LINE = /Boussole is listening: http:\/\/localhost:(\d+)\//;
/** restify 11 on Node 20 prints deprecation notices: not something a test should look at. */
const NOISE = /DeprecationWarning|--trace-deprecation/;

export interface ServerEnv {
  DATA_DIR: string;
  DATABASE_URL?: string;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface BoussoleProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  pid: number;
  child: ChildProcess;
  /** What it wrote on stderr so far, deprecation notices left out. */
  stderr(): string;
  exited: Promise<Exit>;
  /** SIGKILL, then waits (bounded) until the process is gone. */
  kill(): Promise<Exit>;
  /** SIGTERM (graceful: the lock file and pools are released), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<Exit>;
}

/** Every process started here and not yet gone (with its exit): killAll() in afterAll ends them whatever happened. */
const live = new Map<ChildProcess, Promise<Exit>>();

function environment(env: ServerEnv): NodeJS.ProcessEnv {
  const base = { ...process.env };
  // The token key must come from DATA_DIR or the database (what the tests check), never from the caller.
  delete base.DIRECTLINE_TOKEN_SECRET;
  delete base.DATABASE_URL;
  delete base.PORT;
  return {
    ...base,
    PORT: '0',
    HOST: '127.0.0.1',
    BOUSSOLE_TODAY: '2026-11-27',
    DATA_DIR: env.DATA_DIR,
    ...(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {}),
  };
}

function spawnServer(env: ServerEnv): { child: ChildProcess; out: { stdout: string; stderr: string }; exited: Promise<Exit> } {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', ENTRY], {
    cwd: ROOT,
    env: environment(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
    child.once('error', () => {
      live.delete(child);
      resolve({ code: null, signal: null });
    });
  });
  live.set(child, exited);
  return { child, out, exited };
}

function clean(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !NOISE.test(line))
    .join('\n')
    .trim();
}

/** Resolves with `promise`, or with undefined after `ms` (the timer never keeps Jest alive). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function killAndWait(child: ChildProcess, exited: Promise<Exit>): Promise<Exit> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  const exit = await within(exited, 10_000);
  if (!exit) throw new Error(`process ${child.pid} did not exit 10 s after SIGKILL`);
  return exit;
}

/** Starts the server and waits (bounded) for the URL it prints; kills it if it does not come. */
export async function startBoussole(env: ServerEnv, timeoutMs = 40_000): Promise<BoussoleProcess> {
  const { child, out, exited } = spawnServer(env);
  const deadline = Date.now() + timeoutMs;
  let port: string | undefined;
  while (!(port = URL_LINE.exec(out.stdout)?.[1])) {
    const exit = await within(exited, 25);
    if (exit) throw new Error(`the server exited (${exit.code ?? exit.signal}) before listening:\n${clean(out.stderr)}`);
    if (Date.now() > deadline) {
      await killAndWait(child, exited);
      throw new Error(`the server printed no URL within ${timeoutMs} ms:\n${out.stdout}\n${clean(out.stderr)}`);
    }
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    child,
    stderr: () => clean(out.stderr),
    exited,
    kill: () => killAndWait(child, exited),
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      return (await within(exited, graceMs)) ?? killAndWait(child, exited);
    },
  };
}

/** Runs the server expecting it to give up by itself; killed (and reported so) after `timeoutMs`. */
export async function runBoussoleUntilExit(env: ServerEnv, timeoutMs = 40_000): Promise<Exit & { stdout: string; stderr: string; timedOut: boolean }> {
  const { child, out, exited } = spawnServer(env);
  let exit = await within(exited, timeoutMs);
  const timedOut = !exit;
  exit ??= await killAndWait(child, exited);
  return { ...exit, stdout: out.stdout, stderr: clean(out.stderr), timedOut };
}

/** SIGKILL to every server still running (afterAll, and after a failure). */
export async function killAll(): Promise<void> {
  await Promise.all([...live].map(([child, exited]) => killAndWait(child, exited)));
}

// ---------------------------------------------------------------------------------------------------
// Direct Line over HTTP

/** What the tests read of an activity. */
export interface WireActivity {
  type: string;
  id: string;
  text?: string;
  replyToId?: string;
  from: { id: string; role?: string };
  channelData?: Record<string, unknown>;
  suggestedActions?: { actions?: { title?: string; value?: unknown }[] };
  attachments?: { contentType?: string }[];
  attachmentLayout?: string;
}

/** Sequence id that the server stamps on every activity (the watermark counts in it). */
export function seqOf(activity: WireActivity): number {
  return Number(activity.channelData?.['webchat:sequence-id']);
}

export function isBot(activity: WireActivity): boolean {
  return activity.from.role === 'bot';
}

const REQUEST_TIMEOUT_MS = 20_000;

async function request(url: string, init: { method: 'GET' | 'POST'; token?: string; body?: unknown }): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: init.method,
    headers: {
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    // kept as text: the assertion shows it
  }
  return { status: response.status, body };
}

/**
 * One person's conversation, usable against any server sharing its store (the URL is given per call):
 * tokens are bound to the conversation, not to a server.
 */
export class Conversation {
  private constructor(
    readonly id: string,
    readonly token: string,
    readonly userId: string,
  ) {}

  /**
   * POST /tokens/generate (as the page does for a new person: a random user id) then POST /conversations,
   * which starts the welcome turn without waiting for it.
   */
  static async open(url: string, options: { locale?: string } = {}): Promise<Conversation> {
    const generated = await request(`${url}/v3/directline/tokens/generate`, { method: 'POST', body: {} });
    if (generated.status !== 200) throw new Error(`tokens/generate: HTTP ${generated.status} ${JSON.stringify(generated.body)}`);
    const { token, conversationId } = generated.body as { token: string; conversationId: string };
    const started = await request(`${url}/v3/directline/conversations`, { method: 'POST', token, body: { locale: options.locale ?? 'fr-FR' } });
    if (started.status !== 201) throw new Error(`conversations: HTTP ${started.status} ${JSON.stringify(started.body)}`);
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { user: string };
    return new Conversation(conversationId, token, claims.user);
  }

  private get path(): string {
    return `/v3/directline/conversations/${encodeURIComponent(this.id)}/activities`;
  }

  /** Posts a message as Web Chat does; the server answers 200 once the bot's turn is stored. */
  async post(url: string, text: string): Promise<{ status: number; id?: string; body: unknown }> {
    const { status, body } = await request(`${url}${this.path}`, {
      method: 'POST',
      token: this.token,
      body: { type: 'message', text, locale: 'fr-FR', from: { id: this.userId, name: '' }, channelData: { clientActivityID: `c${Date.now()}${Math.random()}` } },
    });
    const id = status === 200 ? (body as { id?: string }).id : undefined;
    return { status, body, ...(id ? { id } : {}) };
  }

  /** Posts and requires a 200: returns the id of the stored user activity. */
  async say(url: string, text: string): Promise<string> {
    const answer = await this.post(url, text);
    if (answer.status !== 200 || !answer.id) throw new Error(`posting "${text}" to ${url}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.id;
  }

  /** One GET of activities after `watermark` ('' = from the start). */
  async page(url: string, watermark: string): Promise<{ activities: WireActivity[]; watermark: string }> {
    const query = watermark === '' ? '?watermark=' : `?watermark=${encodeURIComponent(watermark)}`;
    const { status, body } = await request(`${url}${this.path}${query}`, { method: 'GET', token: this.token });
    if (status !== 200) throw new Error(`GET activities: HTTP ${status} ${JSON.stringify(body)}`);
    return body as { activities: WireActivity[]; watermark: string };
  }

  /** Every activity after `watermark`, page after page until a page comes back empty. */
  async since(url: string, watermark = ''): Promise<{ activities: WireActivity[]; watermark: string }> {
    const all: WireActivity[] = [];
    let mark = watermark;
    for (let pages = 0; ; pages++) {
      if (pages > 1000) throw new Error('more than 1000 pages: the watermark does not advance');
      const page = await this.page(url, mark);
      if (page.activities.length === 0) return { activities: all, watermark: page.watermark === '' ? mark : page.watermark };
      all.push(...page.activities);
      mark = page.watermark;
    }
  }

  /** The whole transcript, from watermark empty. */
  async transcript(url: string): Promise<WireActivity[]> {
    return (await this.since(url, '')).activities;
  }

  /** Polls (bounded) until the transcript satisfies `done`. */
  async waitFor(url: string, done: (all: WireActivity[]) => boolean, what: string, timeoutMs = 20_000): Promise<WireActivity[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const all = await this.transcript(url);
      if (done(all)) return all;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; transcript: ${JSON.stringify(all.map(show))}`);
      await sleep(50);
    }
  }
}

/** A short readable form of an activity, for failure messages. */
export function show(activity: WireActivity): string {
  return `${seqOf(activity)} ${activity.from.role ?? '?'}: ${(activity.text ?? `<${activity.attachmentLayout ?? activity.type}>`).slice(0, 60)}`;
}

// ---------------------------------------------------------------------------------------------------
// The bot's French texts (locales/fr/chat.json), so scripts recognise questions by what they say

type Tree = { [key: string]: string | string[] | Tree };
const fr = JSON.parse(readFileSync(join(ROOT, 'locales', 'fr', 'chat.json'), 'utf8')) as Tree;

/** A French chat text by dotted key, e.g. `q.status` or `choice.need.done`. */
export function frText(key: string): string {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], fr);
  if (typeof value !== 'string') throw new Error(`no French chat text "${key}"`);
  return value;
}

/** The French words that trigger a command (commands.<name> in chat.json). */
export function frCommand(name: string): string[] {
  const value = (fr.commands as Tree)[name];
  if (!Array.isArray(value)) throw new Error(`no French command "${name}"`);
  return value;
}

/** The questions a French conversation asks, by id, as their prompt texts (longest first). */
const PROMPTS: [string, string][] = (() => {
  const out: [string, string][] = [];
  const walk = (node: Tree, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') out.push([prefix ? `${prefix}.${key}` : key, value]);
      else if (!Array.isArray(value)) walk(value, prefix ? `${prefix}.${key}` : key);
    }
  };
  walk(fr.q as Tree, '');
  return out.map(([id, prompt]): [string, string] => [id.startsWith('statusSince.') ? 'statusSince' : id, prompt]).sort((a, b) => b[1].length - a[1].length);
})();

/** The id of the question an activity asks (`status`, `location`, `menu`...), if it asks one. */
export function questionOf(activity: WireActivity): string | undefined {
  const text = activity.text ?? '';
  return PROMPTS.find(([, prompt]) => text.includes(prompt))?.[0];
}

/** The last question the bot asked in these activities ("just tap a button" repeats the one before). */
export function pendingQuestion(activities: readonly WireActivity[]): string | undefined {
  let last: string | undefined;
  for (const activity of activities) if (isBot(activity)) last = questionOf(activity) ?? last;
  return last;
}

/** Whether these activities hold the plan (its opening line). */
export function hasPlan(activities: readonly WireActivity[]): boolean {
  const intro = frText('plan.intro');
  return activities.some((a) => isBot(a) && (a.text ?? '').startsWith(intro));
}

/**
 * What a French-speaking refugee answers to the last question in these activities (the path of
 * test/dialogs/transcripts/fr.transcript): button titles from chat.json, or the town typed. After the plan
 * the menu's "restart", so a scripted person can go on talking for as long as a test needs.
 */
export function frenchAnswer(activities: readonly WireActivity[], place = 'Limoges'): string {
  const question = pendingQuestion(activities);
  switch (question) {
    case 'language':
      return frText('language.name');
    case 'returning':
      return frText('choice.returning.restart');
    case 'status':
      return frText('choice.status.bpi');
    case 'statusSince':
      return frText('choice.since.thisYear');
    case 'cir':
      return frText('choice.no');
    case 'frenchLevel':
      return frText('choice.level.alpha');
    case 'readsWrites':
    case 'disability':
    case 'foreignLicence':
    case 'children.schoolAge':
      return frText('choice.no');
    case 'location':
    case 'placeChoice':
      return place;
    case 'needs':
      return frText('choice.need.language');
    case 'moreNeeds': {
      // One more need (housing) after the first, then "that's all".
      const asked = activities.filter((a) => isBot(a) && questionOf(a) !== undefined);
      const sinceNeeds = asked.length - 1 - asked.findLastIndex((a) => questionOf(a) === 'needs');
      return sinceNeeds >= 2 ? frText('choice.need.done') : frText('choice.need.housing');
    }
    case 'age':
      return frText('choice.age.30plus');
    case 'planMenu':
    case 'menu':
      return frText('choice.menu.restart');
    case 'changeWhich':
      return frText('choice.field.status');
    default:
      // No question seen yet (a welcome turn cut short by a kill, say): any message starts the dialog.
      return 'Bonjour';
  }
}
