import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  Conversation,
  ROOT,
  frCommand,
  frText,
  frenchAnswer,
  hasPlan,
  isBot,
  killAll,
  pendingQuestion,
  questionOf,
  runBoussoleUntilExit,
  seqOf,
  show,
  startBoussole,
  type BoussoleProcess,
  type WireActivity,
} from '../support/boussole-process';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

/**
 * Several server processes, one state. On PostgreSQL, two real servers (A and B) share a database: a
 * person's messages may reach either (a load balancer without stickiness), so no turn may be lost, turns
 * of one conversation must never overlap (the bot's dialog state is read at the start of a turn and
 * written at its end), and "erase my data" done on one must erase what the other stored. With lowdb
 * files, a data folder belongs to one process: a second one must refuse to start.
 */

/** The user's side and the bot's side of a transcript as comparable lines (text, buttons, cards). */
function lines(activities: readonly WireActivity[]): string[] {
  return activities.map((a) => {
    const buttons = a.suggestedActions?.actions?.map((b) => b.title).join('|');
    const cards = a.attachments?.length ? ` [${a.attachments.length} cards]` : '';
    return `${isBot(a) ? 'bot' : 'user'}: ${a.text ?? ''}${buttons ? ` {${buttons}}` : ''}${cards}`;
  });
}

/** Sequence ids strictly increasing, none twice, every id its conversation's and its sequence id. */
function expectWellOrdered(conversation: Conversation, transcript: readonly WireActivity[]): void {
  const seqs = transcript.map(seqOf);
  expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
  expect(transcript.map((a) => a.id)).toEqual(seqs.map((seq) => `${conversation.id}|${String(seq).padStart(7, '0')}`));
}

/** Every user message is followed by its own replies (replyToId), before the next user message. */
function expectEveryTurnAnswered(transcript: readonly WireActivity[]): void {
  transcript.forEach((activity, i) => {
    if (isBot(activity)) return;
    const next = transcript[i + 1];
    if (!next || !isBot(next) || next.replyToId !== activity.id) {
      throw new Error(`"${activity.text}" (${activity.id}) is not followed by its reply: ${transcript.map(show).join(' | ')}`);
    }
  });
  let turn: string | undefined;
  for (const activity of transcript) {
    if (!isBot(activity)) turn = activity.id;
    else if (turn !== undefined && activity.replyToId !== turn) throw new Error(`${show(activity)} answers ${activity.replyToId}, not the message before it (${turn})`);
  }
}

/** The welcome has arrived (it is sent after POST /conversations answered): it ends with the language question. */
function welcomed(all: WireActivity[]): boolean {
  return pendingQuestion(all) === 'language';
}

describe('PostgreSQL: two server processes on one database', () => {
  let database: TestDatabase;
  let dirs: string[] = [];
  let a: BoussoleProcess;
  let b: BoussoleProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    dirs = [mkdtempSync(join(tmpdir(), 'boussole-a-')), mkdtempSync(join(tmpdir(), 'boussole-b-'))];
    // Started together: the schema migration is taken by one, waited for by the other.
    [a, b] = await Promise.all([startBoussole({ DATA_DIR: dirs[0]!, DATABASE_URL: database.url }), startBoussole({ DATA_DIR: dirs[1]!, DATABASE_URL: database.url })]);
  }, 90_000);

  afterAll(async () => {
    await killAll();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    // Neither server may have logged a failed turn or an I/O error.
    expect(a?.stderr()).toBe('');
    expect(b?.stderr()).toBe('');
  });

  test('one conversation, its messages alternately on A and B, read from either, reaches its plan with no turn lost', async () => {
    const conversation = await Conversation.open(a.url);
    let all = await conversation.waitFor(a.url, welcomed, 'the welcome');
    const servers = [a, b];
    for (let turn = 0; !hasPlan(all); turn++) {
      if (turn >= 15) throw new Error(`no plan after 15 answers: ${all.map(show).join(' | ')}`);
      const text = frenchAnswer(all);
      const id = await conversation.say(servers[turn % 2]!.url, text);
      // Read from the other server: its answer is already there (the 200 came after the turn was stored).
      all = await conversation.transcript(servers[(turn + 1) % 2]!.url);
      const at = all.findIndex((x) => x.id === id);
      expect(all[at]).toMatchObject({ text, from: { role: 'user' } });
      expect(all.slice(at + 1).some((x) => isBot(x) && x.replyToId === id)).toBe(true);
    }

    const fromA = await conversation.transcript(a.url);
    const fromB = await conversation.transcript(b.url);
    expect(fromB).toEqual(fromA);
    expectWellOrdered(conversation, fromA);
    expectEveryTurnAnswered(fromA);
    expect(hasPlan(fromA)).toBe(true);
    expect(pendingQuestion(fromA)).toBe('planMenu');
    // The very conversation the dialog tests keep for French (TestAdapter, one process): same texts,
    // same buttons, same cards, although every other turn ran in another process.
    const kept = JSON.parse(readFileSync(join(ROOT, 'test', 'dialogs', 'transcripts', 'fr.transcript'), 'utf8')) as WireActivity[];
    expect(lines(fromA)).toEqual(lines(kept));
  }, 60_000);

  test('two messages of one conversation posted at the same moment, one to A and one to B: turns one after the other, state consistent', async () => {
    // The conversation under test, and a reference conversation that gets the same messages one at a time
    // in the order the servers ran them: the replies must be the same, turn by turn.
    const [raced, reference] = await Promise.all([Conversation.open(a.url), Conversation.open(b.url)]);
    let racedAll = await raced.waitFor(a.url, welcomed, 'the welcome');
    const referenceAll = await reference.waitFor(b.url, welcomed, 'the welcome');
    expect(lines(referenceAll)).toEqual(lines(racedAll));

    const PAIRS = 8;
    let overlapped = 0;
    const seen: string[] = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      // The answer to the question asked, and the answer to the one that usually follows it.
      const first = frenchAnswer(racedAll);
      const second = FOLLOWING[first] ?? frText('choice.status.bpi');
      const [one, two] = await Promise.all([raced.post(a.url, first), raced.post(b.url, second)]);
      expect([one.status, two.status]).toEqual([200, 200]);

      const before = racedAll.length;
      racedAll = await raced.transcript(pair % 2 ? a.url : b.url);
      const fresh = racedAll.slice(before);
      const turns = [
        { id: one.id!, text: first },
        { id: two.id!, text: second },
      ].map((turn) => ({
        ...turn,
        at: fresh.findIndex((x) => x.id === turn.id),
        replies: fresh.filter((x) => isBot(x) && x.replyToId === turn.id),
      }));
      const where = `pair ${pair + 1} ("${first}" to A, "${second}" to B): ${fresh.map(show).join(' | ')}`;
      for (const turn of turns) {
        if (turn.at < 0 || turn.replies.length === 0) throw new Error(`${where}: "${turn.text}" is missing or unanswered`);
        // Each reply after its own message.
        expect(turn.replies.every((r) => fresh.indexOf(r) > turn.at)).toBe(true);
      }
      // Nothing else was written, and the two turns did not interleave: one's replies, then the other's.
      expect(fresh).toHaveLength(2 + turns[0]!.replies.length + turns[1]!.replies.length);
      const [ran1, ran2] = [...turns].sort((x, y) => seqOf(x.replies[0]!) - seqOf(y.replies[0]!));
      if (!(seqOf(ran1!.replies.at(-1)!) < seqOf(ran2!.replies[0]!))) throw new Error(`${where}: the turns interleaved`);
      // Both messages were in before either turn answered: the turns really raced for the conversation.
      if (Math.max(turns[0]!.at, turns[1]!.at) < fresh.indexOf(ran1!.replies[0]!)) overlapped += 1;
      seen.push(`${ran1!.text} → ${ran2!.text}${Math.max(turns[0]!.at, turns[1]!.at) < fresh.indexOf(ran1!.replies[0]!) ? ' (raced)' : ''}`);

      // The same messages, in the order they ran, one at a time (alternating servers too): same answers.
      for (const [n, ran] of [ran1!, ran2!].entries()) {
        const url = n % 2 ? a.url : b.url;
        const id = await reference.say(url, ran.text);
        const replies = (await reference.transcript(url)).filter((x) => isBot(x) && x.replyToId === id);
        if (lines(replies).join('\n') !== lines(ran.replies).join('\n')) {
          throw new Error(`${where}: "${ran.text}" was answered\n${lines(ran.replies).join('\n')}\nbut one turn at a time it is answered\n${lines(replies).join('\n')}`);
        }
      }
    }
    expectWellOrdered(raced, racedAll);
    // The race must have happened for the test to mean anything (each pair is two HTTP requests sent at
    // once to two processes; a turn takes milliseconds): most pairs overlap, demand one.
    if (overlapped < 1) throw new Error(`no pair raced (both messages stored before either reply); orders: ${seen.join('; ')}`);
    expect(overlapped).toBeGreaterThanOrEqual(1);
  }, 90_000);

  test('"erase my data" through B erases what A stored: transcript and state; the next message starts over', async () => {
    const conversation = await Conversation.open(a.url);
    let all = await conversation.waitFor(a.url, welcomed, 'the welcome');
    for (let i = 0; i < 3; i++) {
      await conversation.say(a.url, frenchAnswer(all));
      all = await conversation.transcript(a.url);
    }
    expect(pendingQuestion(all)).toBe('cir'); // language, status, since: answered on A
    const stateKeys = async () => {
      const client = new Client({ connectionString: database.url });
      client.on('error', () => undefined);
      await client.connect();
      try {
        const { rows } = await client.query<{ key: Buffer }>('SELECT key FROM boussole_state');
        return rows.map((row) => row.key.toString('utf16le')).filter((key) => key.includes(conversation.id) || key.includes(conversation.userId));
      } finally {
        await client.end();
      }
    };
    // botbuilder's keys: ConversationState and UserState (empty namespace) of this conversation and user.
    expect((await stateKeys()).sort()).toEqual([`directline/conversations/${conversation.id}/`, `directline/users/${conversation.userId}/`]);
    const lastSeq = seqOf(all.at(-1)!);

    const word = frCommand('erase')[0]!; // "effacer"
    await conversation.say(b.url, word); // asks first
    const eraseId = await conversation.say(b.url, frText('choice.erase.confirm'));
    // What remains, read through A: only the bot's confirmation (sent after the erasure, to the message
    // that confirmed it) and the event that clears the page; none of what A stored, not even the request.
    const after = (await conversation.transcript(a.url)).filter((x) => x.type === 'message');
    expect(after.map((x) => ({ role: x.from.role, text: x.text, replyToId: x.replyToId }))).toEqual([{ role: 'bot', text: frText('erased'), replyToId: eraseId }]);
    expect(seqOf(after[0]!)).toBeGreaterThan(lastSeq); // sequence ids never go back
    expect(await stateKeys()).toEqual([]);

    // A knows nothing of this person any more: a new message starts from the welcome and the first question.
    const helloId = await conversation.say(a.url, 'Bonjour');
    const restarted = (await conversation.transcript(b.url)).filter((x) => x.replyToId === helloId);
    expect(restarted[0]?.text).toBe(`${frText('welcome.hello')}\n\n${frText('welcome.privacy')}`);
    expect(restarted.map(questionOf).filter(Boolean)).toEqual(['language']);
  }, 60_000);
});

/** The answer that usually comes after each answer of the French script (see frenchAnswer). */
const FOLLOWING: Record<string, string> = {
  [frText('language.name')]: frText('choice.status.bpi'),
  [frText('choice.status.bpi')]: frText('choice.since.thisYear'),
  [frText('choice.since.thisYear')]: frText('choice.no'),
  [frText('choice.no')]: frText('choice.level.alpha'),
  [frText('choice.level.alpha')]: 'Limoges',
  Limoges: frText('choice.need.language'),
  [frText('choice.need.language')]: frText('choice.need.housing'),
  [frText('choice.need.housing')]: frText('choice.need.done'),
  [frText('choice.need.done')]: frText('choice.menu.restart'),
  [frText('choice.menu.restart')]: frText('choice.status.bpi'),
};

describe('lowdb: one data folder, one process', () => {
  let dir: string;
  let first: BoussoleProcess | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'boussole-lock-'));
  });

  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a second server on a DATA_DIR in use exits non-zero, saying so and pointing to DATABASE_URL; the first keeps serving', async () => {
    first = await startBoussole({ DATA_DIR: dir });
    const conversation = await Conversation.open(first.url);
    let all = await conversation.waitFor(first.url, welcomed, 'the welcome');

    const second = await runBoussoleUntilExit({ DATA_DIR: dir });
    expect(second.timedOut).toBe(false);
    expect(second.code).not.toBe(0);
    expect(second.code).not.toBeNull();
    expect(second.stdout).not.toMatch(/listening/);
    expect(second.stderr).toContain(dir);
    expect(second.stderr).toMatch(/in use/);
    expect(second.stderr).toContain('DATABASE_URL');
    expect(second.stderr).toContain(String(first.pid));

    // The first one did not notice: its lock is intact and the conversation goes on.
    expect((JSON.parse(readFileSync(join(dir, 'boussole.lock'), 'utf8')) as { pid: number }).pid).toBe(first.pid);
    const id = await conversation.say(first.url, frenchAnswer(all));
    all = await conversation.transcript(first.url);
    expect(all.some((x) => isBot(x) && x.replyToId === id)).toBe(true);
    expect(pendingQuestion(all)).toBe('status');
    expect(await fetch(`${first.url}/healthz`).then((r) => r.status)).toBe(200);
    expect(first.stderr()).toBe('');
    expect(await first.stop()).toEqual({ code: 0, signal: null });
  }, 60_000);
});
