import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import {
  Conversation,
  frenchAnswer,
  isBot,
  killAll,
  pendingQuestion,
  seqOf,
  show,
  startBoussole,
  type BoussoleProcess,
  type ServerEnv,
  type WireActivity,
} from '../support/boussole-process';
import { createTestDatabase } from '../support/postgres';

/**
 * What "a restart loses nothing" means when the restart is a crash. The real server runs as a child
 * process; twenty people talk to it at once over HTTP, each in their own conversation; the server is
 * killed with SIGKILL while they are mid-conversation, then started again on the same store. A message
 * the server acknowledged (200, sent only once its turn is stored) must survive, with its replies, in
 * order; every conversation must go on; every file or row must still be readable. Three crashes per
 * store, lowdb files and PostgreSQL.
 */

const PEOPLE = 20;
const CRASHES = 3;
/** The kill comes after this many acknowledged posts in the round, plus a random part (so: anywhere in a turn). */
const KILL_AFTER_MIN = 40;
const KILL_AFTER_SPREAD = 40;
const PLACES = ['Limoges', '75011', '69003', '33000', 'Lille'];

interface Person {
  index: number;
  conversation: Conversation;
  /** Every activity this person has seen, in order (what their chat window shows). */
  activities: WireActivity[];
  watermark: string;
  /** User activities the server acknowledged with a 200, in the order they were posted. */
  acked: { id: string; text: string }[];
  /** Posts cut by a kill (no answer): they may or may not be stored, and that is allowed. */
  cut: number;
}

/** One round of talking until the kill: shared by the people of the round. */
interface Round {
  url: string;
  killAfter: number;
  acks: number;
  killed: boolean;
  kill: () => void;
}

async function catchUp(person: Person, url: string): Promise<void> {
  const fresh = await person.conversation.since(url, person.watermark);
  person.activities.push(...fresh.activities);
  person.watermark = fresh.watermark;
}

/**
 * One person, as Web Chat would behave: read what is new, answer the last question, again and again,
 * until the server dies under them. An error while the server is alive is a failure; after the kill it
 * is the point.
 */
async function talk(person: Person, round: Round): Promise<void> {
  try {
    await catchUp(person, round.url);
    // A new conversation's welcome runs after POST /conversations has answered: wait for its question.
    for (let tries = 0; pendingQuestion(person.activities) === undefined && tries < 400 && !round.killed; tries++) {
      await sleep(25);
      await catchUp(person, round.url);
    }
    while (!round.killed) {
      const text = frenchAnswer(person.activities, PLACES[person.index % PLACES.length]);
      let answer: Awaited<ReturnType<Conversation['post']>>;
      try {
        answer = await person.conversation.post(round.url, text);
      } catch (error) {
        if (!round.killed) throw error;
        person.cut += 1;
        return;
      }
      if (answer.status !== 200 || !answer.id) throw new Error(`person ${person.index}: "${text}" got HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
      person.acked.push({ id: answer.id, text });
      round.acks += 1;
      if (round.acks >= round.killAfter && !round.killed) round.kill();
      await catchUp(person, round.url);
    }
  } catch (error) {
    if (!round.killed) throw error;
  }
}

/** Everything a person may rely on after a crash, checked on the transcript read from the start. */
function checkTranscript(person: Person, transcript: WireActivity[]): void {
  const conversationId = person.conversation.id;
  const where = `person ${person.index} (${conversationId})`;
  const seqs = transcript.map(seqOf);
  // In order, each sequence id once, and every id is the conversation's and its sequence id.
  for (let i = 1; i < seqs.length; i++) {
    if (!(seqs[i]! > seqs[i - 1]!)) throw new Error(`${where}: sequence ids not strictly increasing: ${seqs.join(',')}`);
  }
  expect(new Set(transcript.map((a) => a.id)).size).toBe(transcript.length);
  for (const activity of transcript) expect(activity.id).toBe(`${conversationId}|${String(seqOf(activity)).padStart(7, '0')}`);

  const position = new Map(transcript.map((a, i) => [a.id, i]));
  let previous = -1;
  for (const { id, text } of person.acked) {
    const at = position.get(id);
    if (at === undefined) throw new Error(`${where}: acknowledged "${text}" (${id}) is missing; transcript: ${transcript.map(show).join(' | ')}`);
    if (at <= previous) throw new Error(`${where}: acknowledged "${text}" (${id}) is out of order`);
    previous = at;
    const stored = transcript[at]!;
    expect({ role: stored.from.role, text: stored.text }).toEqual({ role: 'user', text });
    // The 200 came after the turn: its replies are stored too, after the message.
    const replies = transcript.filter((a) => isBot(a) && a.replyToId === id);
    if (replies.length === 0) throw new Error(`${where}: acknowledged "${text}" (${id}) has no reply; transcript: ${transcript.map(show).join(' | ')}`);
    expect(replies.every((r) => position.get(r.id)! > at)).toBe(true);
  }
  // Whatever the person saw before the crash is still there, unchanged.
  const now = new Map(transcript.map((a) => [a.id, a.text]));
  for (const seen of person.activities) {
    if (now.get(seen.id) !== seen.text) throw new Error(`${where}: ${show(seen)} was seen before the crash and is gone or changed`);
  }
}

/** Every file of a lowdb data folder, relative paths. */
function walk(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/**
 * The lowdb folder as a killed server left it. Whole-file writes go through a temp file and a rename, so a
 * `*.json` file is whole. JSON-lines files (`*.jsonl`: conversation logs and state items) are appended to,
 * one write(2) per line, and a SIGKILL CAN cut such a write: Linux copies a buffered write page by page and
 * gives up between two pages when a fatal signal is pending, so a line that crosses a 4 KiB boundary of the
 * file may be left half-written (seen on this machine: a process appending 3,000-byte lines in a loop,
 * killed 100 times, left a cut last line twice, cut exactly at a 4,096-byte boundary). Such a line was never
 * acknowledged (the process died inside the write, before its 200), so it is allowed as the last line only,
 * must not hold an acknowledged id, and the server trims it when it next loads the file. Leftover temp files
 * (`.<name>.tmp`, from a kill between write and rename) are allowed: nothing reads them.
 */
function checkLowdbFolder(dataDir: string, ackedIds: ReadonlySet<string>): { files: number; cutLines: string[]; temps: string[] } {
  const files = walk(dataDir);
  const cutLines: string[] = [];
  const temps: string[] = [];
  for (const file of files) {
    const path = join(dataDir, file);
    const text = readFileSync(path, 'utf8');
    if (file.endsWith('.tmp')) temps.push(file);
    else if (file.endsWith('.json')) expect(() => JSON.parse(text) as unknown).not.toThrow();
    else if (file.endsWith('.jsonl')) {
      const lines = text.split('\n');
      const last = lines.pop()!; // '' when the file ends with its newline
      for (const [n, line] of lines.entries()) {
        try {
          JSON.parse(line);
        } catch {
          throw new Error(`${file}: line ${n + 1} is not JSON: ${line.slice(0, 120)}`);
        }
      }
      if (last !== '') {
        cutLines.push(file);
        for (const id of ackedIds) if (last.includes(JSON.stringify(id))) throw new Error(`${file}: the cut last line holds acknowledged ${id}`);
      }
    } else if (file === 'directline-secret') expect(text.trim()).toMatch(/^[0-9a-f]{64}$/);
    else if (file !== 'boussole.lock') throw new Error(`unexpected file in the data folder: ${file}`);
  }
  return { files: files.length, cutLines, temps };
}

/** The PostgreSQL tables as a killed server left them. */
async function checkDatabase(url: string): Promise<{ states: number; activities: number; conversations: number }> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const states = await client.query<{ key: Buffer; value: string }>('SELECT key, value FROM boussole_state');
    for (const row of states.rows) {
      try {
        JSON.parse(row.value);
      } catch {
        throw new Error(`boussole_state ${row.key.toString('utf16le')}: value is not JSON: ${row.value.slice(0, 120)}`);
      }
    }
    const activities = await client.query<{ conversation_id: string; seq: number; activity: string }>(
      'SELECT conversation_id, seq, activity FROM boussole_activities',
    );
    for (const row of activities.rows) {
      try {
        JSON.parse(row.activity);
      } catch {
        throw new Error(`boussole_activities ${row.conversation_id}#${row.seq}: activity is not JSON: ${row.activity.slice(0, 120)}`);
      }
    }
    // A conversation's seq hands out the next sequence ids: never behind what its log holds.
    const behind = await client.query<{ id: string; seq: number; max: number }>(
      `SELECT c.id, c.seq, max(a.seq) AS max FROM boussole_conversations c JOIN boussole_activities a ON a.conversation_id = c.id
       GROUP BY c.id, c.seq HAVING c.seq < max(a.seq)`,
    );
    expect(behind.rows).toEqual([]);
    const secret = await client.query<{ value: string }>("SELECT value FROM boussole_settings WHERE name = 'directline-token-secret'");
    expect(secret.rows[0]?.value).toMatch(/^[0-9a-f]{64}$/);
    const conversations = await client.query<{ n: string }>('SELECT count(*) AS n FROM boussole_conversations');
    return { states: states.rowCount ?? 0, activities: activities.rowCount ?? 0, conversations: Number(conversations.rows[0]!.n) };
  } finally {
    await client.end();
  }
}

/** Each person posts one more answer and gets the bot's reply to it: the conversation goes on. */
async function continueAll(people: Person[], url: string): Promise<void> {
  await Promise.all(
    people.map(async (person) => {
      await catchUp(person, url);
      const text = frenchAnswer(person.activities, PLACES[person.index % PLACES.length]);
      const id = await person.conversation.say(url, text);
      person.acked.push({ id, text });
      await catchUp(person, url);
      const replies = person.activities.filter((a) => isBot(a) && a.replyToId === id);
      if (replies.length === 0) throw new Error(`person ${person.index}: no reply to "${text}" after the restart`);
    }),
  );
}

/** What differs between the stores: where they live, and how to look at what a killed server left. */
interface Store {
  env: ServerEnv;
  /** Checks the store as the dead server left it; returns a line for the run's history. */
  afterKill(victim: BoussoleProcess, ackedIds: ReadonlySet<string>): Promise<string>;
  /** Checks the store once the restarted server has served every conversation again. */
  afterRestart(server: BoussoleProcess, ackedIds: ReadonlySet<string>): Promise<void>;
  /** Checks the store after a graceful stop. */
  afterStop(ackedIds: ReadonlySet<string>): Promise<void>;
  drop(): Promise<void>;
}

function readLock(dataDir: string): { pid: number } {
  return JSON.parse(readFileSync(join(dataDir, 'boussole.lock'), 'utf8')) as { pid: number };
}

function lowdbStore(dataDir: string): Store {
  return {
    env: { DATA_DIR: dataDir },
    async afterKill(victim, ackedIds) {
      expect(readLock(dataDir).pid).toBe(victim.pid); // left behind by the killed server: the next one must take it over
      const folder = checkLowdbFolder(dataDir, ackedIds);
      // A kill rarely lands inside a write, so make sure the restart meets both leftovers at least once: a
      // log whose last line was cut (an unacknowledged reply), and a temp file cut short next to a log (a
      // whole-file rewrite killed before its rename).
      const logs = walk(dataDir).filter((f) => f.startsWith('conversations') && f.endsWith('.jsonl'));
      const [cut, temp] = [logs[Math.floor(Math.random() * logs.length)]!, logs[Math.floor(Math.random() * logs.length)]!];
      if (readFileSync(join(dataDir, cut), 'utf8').endsWith('\n')) appendFileSync(join(dataDir, cut), '{"activity":{"type":"message","text":"cut by the k');
      writeFileSync(join(dataDir, dirname(temp), `.${basename(temp)}.tmp`), readFileSync(join(dataDir, temp), 'utf8').slice(0, 100));
      return `files: ${folder.files}, cut last lines: ${folder.cutLines.length}, temp files: ${folder.temps.length} (then one cut line and one temp file more)`;
    },
    async afterRestart(server, ackedIds) {
      expect(readLock(dataDir).pid).toBe(server.pid); // taken over
      expect(walk(dataDir).filter((f) => f.startsWith('conversations') && f.endsWith('.jsonl'))).toHaveLength(PEOPLE);
      // Every conversation log has been loaded and appended to since the restart: a cut last line must
      // have been trimmed at load, not had the next line glued to it (every line whole JSON, none cut).
      const folder = checkLowdbFolder(dataDir, ackedIds);
      expect(folder.cutLines.filter((f) => f.startsWith('conversations'))).toEqual([]);
    },
    async afterStop(ackedIds) {
      checkLowdbFolder(dataDir, ackedIds);
      expect(walk(dataDir)).not.toContain('boussole.lock'); // released by a graceful stop
    },
    drop: async () => undefined,
  };
}

async function postgresStore(dataDir: string): Promise<Store> {
  const database = await createTestDatabase();
  return {
    // A DATA_DIR too, as in production (imported catalog records); the state is in the database.
    env: { DATA_DIR: dataDir, DATABASE_URL: database.url },
    async afterKill() {
      const rows = await checkDatabase(database.url);
      expect(rows.conversations).toBe(PEOPLE);
      return `rows: ${rows.states} state, ${rows.activities} activities`;
    },
    afterRestart: async () => undefined,
    async afterStop() {
      await checkDatabase(database.url);
    },
    drop: () => database.drop(),
  };
}

const stores: [string, (dataDir: string) => Store | Promise<Store>][] = [
  ['lowdb files', lowdbStore],
  ['PostgreSQL', postgresStore],
];

describe.each(stores)('%s: SIGKILL in the middle of twenty conversations, three times', (_name, open) => {
  let dataDir: string;
  let store: Store | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'boussole-durability-'));
    store = await open(dataDir);
  });

  afterAll(async () => {
    await killAll();
    await store?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('every acknowledged message survives with its replies, in order; every conversation goes on; every file or row is whole', async () => {
    const { env } = store!;
    const history: string[] = [];
    let server: BoussoleProcess = await startBoussole(env);
    try {
      // The conversations are opened before the first round, so a kill never leaves one half-opened.
      const people: Person[] = await Promise.all(
        Array.from({ length: PEOPLE }, async (_, index) => ({ index, conversation: await Conversation.open(server.url), activities: [], watermark: '', acked: [], cut: 0 })),
      );
      const ackedIds = () => new Set(people.flatMap((p) => p.acked.map((a) => a.id)));
      for (let crash = 1; crash <= CRASHES; crash++) {
        const victim = server;
        const killAfter = KILL_AFTER_MIN + Math.floor(Math.random() * KILL_AFTER_SPREAD);
        let killing: Promise<unknown> | undefined;
        const round: Round = {
          url: victim.url,
          killAfter,
          acks: 0,
          killed: false,
          kill: () => {
            round.killed = true;
            killing = victim.kill();
          },
        };
        // Bounded: people stop at the kill; if the acks never reach the mark, the server is killed anyway.
        const guard = setTimeout(() => !round.killed && round.kill(), 30_000);
        try {
          await Promise.all(people.map((person) => talk(person, round)));
        } finally {
          clearTimeout(guard);
        }
        const exit = await killing;
        expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
        const cut = people.reduce((n, p) => n + p.cut, 0);
        history.push(`crash ${crash}: killed after ${round.acks} acknowledged posts (mark ${killAfter}), ${cut} posts cut so far`);
        expect(round.acks).toBeGreaterThanOrEqual(killAfter); // the kill came from the people's progress, not the guard

        // The store as the dead server left it.
        history.push(`  ${await store!.afterKill(victim, ackedIds())}`);

        // Same DATA_DIR / DATABASE_URL: the token key comes from there, so the people's tokens still work.
        server = await startBoussole(env);
        let unacknowledged = 0;
        let unanswered = 0;
        for (const person of people) {
          const transcript = await person.conversation.transcript(server.url);
          checkTranscript(person, transcript);
          // For the record: posts the kill cut after they were stored (allowed, and what makes the crash real).
          const acked = new Set(person.acked.map((a) => a.id));
          const users = transcript.filter((a) => !isBot(a));
          unacknowledged += users.filter((a) => !acked.has(a.id)).length;
          unanswered += users.filter((u) => !transcript.some((a) => a.replyToId === u.id)).length;
        }
        history.push(`  after the restart: ${unacknowledged} stored user messages never acknowledged, ${unanswered} without a reply (so far)`);
        await continueAll(people, server.url);
        await store!.afterRestart(server, ackedIds());
      }

      // After the last restart, a graceful stop: everything still whole.
      for (const person of people) checkTranscript(person, await person.conversation.transcript(server.url));
      expect(await server.stop()).toEqual({ code: 0, signal: null });
      await store!.afterStop(ackedIds());
      // Every person got somewhere across the crashes (not stuck on one question).
      for (const person of people) expect(person.acked.length).toBeGreaterThanOrEqual(CRASHES);
    } catch (error) {
      if (error instanceof Error) error.message = `${error.message}\n\nrun: ${history.join('\n')}\nserver stderr:\n${server.stderr().slice(-3000)}`;
      throw error;
    } finally {
      await killAll();
    }
  }, 150_000);
});
