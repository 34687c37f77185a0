import type { Activity } from 'botbuilder';
import fc from 'fast-check';
import { textsFor } from '../../dialogs/i18n';
import { LOCALES, type Locale } from '../../knowledge/contracts/vocabulary';
import { buttonsOf, Conversation } from '../dialogs/harness';
import { dateLike, hostileText, numberLike, repeated, sentence } from './arbitraries';
import { MIN_TURNS_PER_WALK, plannedInputs, RUNS } from './budget';
import { check, seedOf, summarize, writeSummary } from './support';

/**
 * The dialogs through botbuilder's TestAdapter (test/dialogs/harness.ts), no HTTP: random text in any
 * script at every step (up to 20,000 characters), taps on random buttons, and typed answers at the three
 * questions that parse free text: the "since when?" date (the French and English date recognizers, the
 * Solar Hijri dates in Persian), the age (numbers in words and in every digit script) and the town (the
 * fuzzy commune search). Invariants, every turn: at least one reply, no empty reply, no failed turn, and
 * no turn over 500 ms (the slowest inputs are written to test-results/fuzz/dialogs.json).
 */
const TURN_LIMIT_MS = 500;
/** Past this much time spent in slow turns, a property stops: it has shown what it had to. */
const SLOW_BUDGET_MS = 5_000;
const FAILED = new Set(LOCALES.map((l) => textsFor(l).t('error')));

interface SlowTurn {
  ms: number;
  step: string;
  input: string;
}

/** Every turn's time: the slowest ones, those over the limit, and how many turns were taken. */
class Timing {
  turns = 0;
  readonly over: SlowTurn[] = [];
  readonly slowest: SlowTurn[] = [];
  private slowTotal = 0;

  /** Each property has its own budget of slow turns. */
  startProperty(): void {
    this.slowTotal = 0;
  }

  record(ms: number, step: string, text: string): void {
    this.turns += 1;
    const turn = { ms: Math.round(ms), step, input: `${summarize(text, 80)} (${text.length} chars)` };
    this.slowest.push(turn);
    this.slowest.sort((a, b) => b.ms - a.ms);
    this.slowest.length = Math.min(this.slowest.length, 10);
    if (ms > TURN_LIMIT_MS) {
      this.over.push(turn);
      this.slowTotal += ms;
      if (this.slowTotal > SLOW_BUDGET_MS) throw new Error(`turns over ${TURN_LIMIT_MS} ms: ${this.describeOver()}`);
    }
  }

  /** The turns over the limit (at the steps starting with `step`), slowest first. */
  describeOver(step = ''): string {
    return this.over
      .filter((s) => s.step.startsWith(step))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 8)
      .map((s) => `${s.ms} ms at ${s.step}: ${s.input}`)
      .join(' | ');
  }
}

const timing = new Timing();
let conversations = 0;

function newConversation(locale = 'fr-FR'): Conversation {
  conversations += 1;
  return new Conversation(undefined, `user-${conversations}`, `conv-${conversations}`, locale);
}

/** One turn: timed, and checked (a reply, none empty, no failure). */
async function turn(c: Conversation, text: string, step: string, count = true): Promise<Partial<Activity>[]> {
  const errorsBefore = c.errors.length;
  const started = performance.now();
  const replies = await c.say(text);
  const ms = performance.now() - started;
  const problems: string[] = [];
  const messages = replies.filter((r) => (r.type ?? 'message') === 'message');
  if (messages.length === 0) problems.push('no reply');
  if (messages.some((r) => !(r.text ?? '').trim() && !(r.attachments ?? []).length)) problems.push('an empty reply');
  if (messages.some((r) => FAILED.has(r.text ?? '')) || c.errors.length > errorsBefore) problems.push(`a failed turn: ${c.errors.slice(errorsBefore).join(' / ').slice(0, 300)}`);
  if (problems.length) throw new Error(`${problems.join('; ')} at ${step} for ${summarize(text, 120)} (${text.length} chars)`);
  if (count) timing.record(ms, step, text);
  return replies;
}

const textOf = (replies: Partial<Activity>[]) => replies.map((r) => r.text ?? '').join('\n');

/** Every question's prompt in every language (longest first: some prompts contain shorter ones), and its step name. */
const QUESTIONS = ['language', 'returning', 'status', 'statusSince.bpi', 'statusSince.newcomer', 'statusSince.asylum_seeker', 'cir', 'frenchLevel', 'readsWrites', 'location', 'placeChoice', 'needs', 'moreNeeds', 'age', 'disability', 'foreignLicence', 'menu', 'changeWhich', 'children.schoolAge'];
const PROMPTS: Array<[string, string]> = LOCALES.flatMap((l) => [
  ...QUESTIONS.map((q): [string, string] => [q.startsWith('statusSince') ? 'statusSince' : q, textsFor(l).t(`q.${q}`)]),
  ['plan', textsFor(l).t('plan.intro')] as [string, string],
]).sort((a, b) => b[1].length - a[1].length);
/** Replies that leave the person at the question they were at: "just tap a button", "too long". */
const BUTTONS_ONLY = LOCALES.flatMap((l) => [textsFor(l).t('reprompt.buttons'), textsFor(l).t('tooLong')]);
/** The question these replies ask; "just tap a button" (after two failures) is still the one before. */
function stepOf(replies: Partial<Activity>[], before: string): string {
  const text = textOf(replies);
  const asked = PROMPTS.find(([, prompt]) => text.includes(prompt))?.[0];
  if (asked) return asked;
  return BUTTONS_ONLY.some((b) => text.includes(b)) ? before : 'other';
}

/** Still at the question: asked again, "just tap a button" after two failures, or "too long". */
function stillAt(replies: Partial<Activity>[], locale: Locale, prompt: string): boolean {
  const { t } = textsFor(locale);
  const text = textOf(replies);
  return text.includes(prompt) || text.includes(t('reprompt.buttons')) || text.includes(t('tooLong'));
}

beforeAll(async () => {
  // What a running server has done before: built its engine and recognizers with ordinary answers.
  const c = newConversation();
  await c.join();
  for (const text of ['francais', 'refugie', 'mars 2026', 'non', 'un peu', '87000', 'travail, logement', "c'est tout", 'vingt']) await c.say(text);
  const en = newConversation('en-US');
  await en.join();
  for (const text of ['English', 'refugee', 'March 2025']) await en.say(text);
}, 60_000);

/** Handles that keep this process alive after the recognizers ran: message ports of their worker threads. */
function refedMessagePorts(): Array<{ unref(): void }> {
  const handles = (process as unknown as { _getActiveHandles(): Array<{ constructor: { name: string }; hasRef?: () => boolean; unref(): void }> })._getActiveHandles();
  return handles.filter((h) => h.constructor.name === 'MessagePort' && h.hasRef?.() === true);
}

afterAll(() => {
  // The recognizers' worker keeps a referenced message port (see the last test): without this, Jest
  // never exits after this file. Let the process end; the last test keeps the bug visible.
  for (const port of refedMessagePorts()) port.unref();
  writeSummary('dialogs', {
    turns: timing.turns,
    conversations,
    overLimit: timing.over.length,
    slowest: timing.slowest,
    over: timing.over.slice(0, 20),
  });
});

describe('dialog fuzzing through the TestAdapter', () => {
  it('random walks: random text in any script (up to 20,000 characters) or a random button at every step', async () => {
    type Action = { kind: 'text'; text: string } | { kind: 'button'; pick: number };
    const action: fc.Arbitrary<Action> = fc.oneof(
      { weight: 3, arbitrary: hostileText(20_000).map((text): Action => ({ kind: 'text', text })) },
      { weight: 2, arbitrary: fc.nat().map((pick): Action => ({ kind: 'button', pick })) },
    );
    const walk = fc.record({
      locale: fc.constantFrom('fr-FR', 'en-US', 'ar', 'fa-IR', 'ps-AF', 'ti-ER', 'ru-RU', 'uk-UA', 'de-DE', ''),
      actions: fc.array(action, { minLength: MIN_TURNS_PER_WALK, maxLength: 16 }),
    });
    timing.startProperty();
    await check(
      'walks',
      walk,
      async ({ locale, actions }) => {
        const c = newConversation(locale || undefined);
        let replies = await c.join();
        let step = stepOf(replies, 'other');
        for (const a of actions) {
          const buttons = buttonsOf(replies);
          const text = a.kind === 'text' || buttons.length === 0 ? (a.kind === 'text' ? a.text : 'bonjour') : buttons[a.pick % buttons.length]!;
          replies = await turn(c, text, `walk:${step}`);
          step = stepOf(replies, step);
        }
      },
      { numRuns: RUNS.dialogs.walks, seed: seedOf(5101), noShrink: true, timeLimitMs: 20_000, whySlow: () => timing.describeOver('walk') },
    );
    expect(timing.describeOver('walk')).toBe('');
  }, 60_000);

  /**
   * Keeps one conversation at a question: after an answer that moves it on, "back" asks the question
   * again (an answer forgotten); a new conversation (through `reach`) only when that does not work.
   */
  function stepFuzz(step: string, locale: Locale, reach: (c: Conversation) => Promise<string>) {
    let current: { c: Conversation; prompt: string } | undefined;
    const back = textsFor(locale).list('commands.back')[0]!;
    return async (text: string) => {
      if (!current) {
        const c = newConversation(locale === 'fr' ? 'fr-FR' : locale);
        current = { c, prompt: await reach(c) };
      }
      const replies = await turn(current.c, text, step);
      if (stillAt(replies, locale, current.prompt)) return;
      if (!textOf(await turn(current.c, back, `${step}:back`, false)).includes(current.prompt)) current = undefined;
    };
  }

  /** Says the scripted answers and returns the prompt of the question they lead to. */
  async function script(c: Conversation, answers: string[], question: string, locale: Locale): Promise<string> {
    await c.join();
    let replies: Partial<Activity>[] = [];
    for (const a of answers) replies = await turn(c, a, `script:${locale}`, false);
    const prompt = textsFor(locale).t(question);
    if (!textOf(replies).includes(prompt)) throw new Error(`the script did not reach ${question}: ${textOf(replies).slice(0, 200)}`);
    return prompt;
  }

  // PRODUCT BUGS found here (see directline.fuzz.test.ts for the event loop): at ea59226 the recognizers
  // took seconds on long text ("2025-13" repeated to 19,996 characters: 6.6 s; "depuis 2 ans " to 4,373:
  // 6.4 s) and 0.8 to 2.5 s on the first unusual input; from 4659eb5, turns wait 2.4 to 6 s whenever the
  // worker is replaced after an input over its 300 ms budget ("۲۵", "‏", "95٫63٫1999", then "vingt").
  it('typed answers at the "since when?" date question, in French, English and Persian', async () => {
    const fr = textsFor('fr').t;
    const en = textsFor('en').t;
    const fa = textsFor('fa').t;
    const steps = {
      fr: stepFuzz('statusSince:fr', 'fr', (c) => script(c, [fr('language.name'), fr('choice.status.bpi')], 'q.statusSince.bpi', 'fr')),
      en: stepFuzz('statusSince:en', 'en', (c) => script(c, [en('language.name'), en('choice.status.bpi')], 'q.statusSince.bpi', 'en')),
      fa: stepFuzz('statusSince:fa', 'fa', (c) => script(c, [fa('language.name'), fa('choice.status.bpi')], 'q.statusSince.bpi', 'fa')),
    };
    const text = fc.oneof(
      { weight: 4, arbitrary: dateLike },
      { weight: 1, arbitrary: numberLike },
      { weight: 2, arbitrary: sentence },
      { weight: 2, arbitrary: hostileText(20_000) },
      { weight: 2, arbitrary: repeated(fc.oneof(dateLike, sentence, fc.constantFrom('le mois de mars ', 'depuis 2 ans ', 'x ', '1/', '12 ', 'il y a ', 'March ')), 30, 20_000) },
    );
    timing.startProperty();
    await check(
      'date question',
      fc.tuple(fc.constantFrom('fr', 'fr', 'en', 'fa') as fc.Arbitrary<keyof typeof steps>, text),
      async ([locale, typed]) => steps[locale](typed),
      { numRuns: RUNS.dialogs.dateStep, seed: seedOf(5102), noShrink: true, timeLimitMs: 12_000, whySlow: () => timing.describeOver('statusSince') },
    );
    expect(timing.describeOver('statusSince')).toBe('');
  }, 60_000);

  it('typed answers at the age question: numbers in words and in every digit script', async () => {
    // The date as digits: this script must not depend on the date recognizer (fuzzed above).
    const step = stepFuzz('age:fr', 'fr', (c) => script(c, ['francais', 'refugie', '03/2026', 'non', 'un peu', '87000', 'travail, logement', "c'est tout"], 'q.age', 'fr'));
    const text = fc.oneof({ weight: 4, arbitrary: numberLike }, { weight: 1, arbitrary: dateLike }, { weight: 1, arbitrary: sentence }, { weight: 1, arbitrary: hostileText(20_000) });
    timing.startProperty();
    await check('age question', text, step, { numRuns: RUNS.dialogs.ageStep, seed: seedOf(5103), noShrink: true, timeLimitMs: 8_000, whySlow: () => timing.describeOver('age') });
    expect(timing.describeOver('age')).toBe('');
  }, 60_000);

  it('typed answers at the place question: towns in any script, postcodes, departments, long text', async () => {
    const fr = textsFor('fr').t;
    const step = stepFuzz('location:fr', 'fr', (c) => script(c, ['Français', fr('choice.status.other'), fr('choice.level.B2')], 'q.location', 'fr'));
    const town = fc.oneof(
      fc.constantFrom('Saint-Denis', 'saint denis', 'St Denis', 'Paris', 'paris 13', 'Marseille', 'Lyon 3e', 'Aurillac', 'Ajaccio', 'Bastia', 'Cayenne', 'Mamoudzou', 'Évry', 'evry courcouronnes', 'Y', 'Eu', 'Sainte', 'Saint', 'Le', 'La'),
      fc.constantFrom('87000', '75001', '97400', '20000', '2A', '2b', '974', '976', '00000', '99999', '٨٧٠٠٠', '۷۵۰۰۱', '87', '13'),
      sentence,
      hostileText(20_000),
      repeated(fc.constantFrom('Saint-', 'sur-', 'Saint Denis ', 'la-', 'a'), 50, 5_000),
    );
    timing.startProperty();
    await check('place question', town, step, { numRuns: RUNS.dialogs.placeStep, seed: seedOf(5104), noShrink: true, timeLimitMs: 8_000, whySlow: () => timing.describeOver('location') });
    expect(timing.describeOver('location')).toBe('');
  }, 60_000);

  it('took every planned turn', () => {
    expect(timing.turns).toBeGreaterThanOrEqual(plannedInputs('dialogs'));
  });

  // PRODUCT BUG found by this fuzzing (commits 4659eb5 to acb6dc0): dialogs/understanding/recognizer-pool.ts calls
  // worker.unref() before worker.on('message', …), and a 'message' listener refs the worker's port again:
  // a process that read one date never exits by itself (Jest: "did not exit one second after the test run").
  it('leaves nothing that keeps the process alive once the turns are over', () => {
    expect(refedMessagePorts().length).toBe(0);
  });
});
