import { MemoryStorage } from 'botbuilder';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbStorage } from '../../bot/storage/lowdb/lowdbStorage';
import { textsFor } from '../../dialogs/i18n';
import { emptyDraft } from '../../dialogs/draft';
import { QUICK_CHECK } from '../../dialogs/quick-check/card';
import { ERASED_EVENT } from '../../dialogs/main-dialog';
import { LANGUAGE_EVENT } from '../../dialogs/questions/language';
import { directed } from '../../dialogs/plan-messages';
import { QUESTIONS } from '../../dialogs/questions';
import { matchAll } from '../../dialogs/understanding/recognize';
import type { Locale } from '../../knowledge/contracts/vocabulary';
import { recognizers } from '../../dialogs/understanding/recognizer-pool';
import { buttonsOf, Conversation, textOf } from './harness';

/** Where UserState and ConversationState keep this test user's data (botbuilder's key scheme). */
const STATE_KEYS = ['test/users/user-1/', 'test/conversations/conv-1/'];

const fr = textsFor('fr');
const t = fr.t;

/** Answers a French BPI gives by tapping buttons, up to the needs question. */
async function toNeeds(c: Conversation): Promise<void> {
  await c.join();
  await c.say('Français');
  await c.say(t('choice.status.bpi'));
  await c.say(t('choice.since.thisYear'));
  await c.say(t('choice.no'));
  await c.say(t('choice.level.A1'));
  await c.say('87000');
}

describe('conversation to a plan (TestAdapter)', () => {
  it('welcomes, asks one question at a time with buttons, and gives a plan with cards', async () => {
    const c = new Conversation();
    const welcome = await c.join();
    expect(textOf(welcome)).toContain(t('welcome.hello'));
    expect(buttonsOf(welcome)).toContain('Français');

    expect(textOf(await c.say('Français'))).toContain(t('q.status'));
    expect(textOf(await c.say(t('choice.status.bpi')))).toContain(t('q.statusSince.bpi'));
    expect(textOf(await c.say(t('choice.since.thisYear')))).toContain(t('q.cir'));
    expect(textOf(await c.say(t('choice.no')))).toContain(t('q.frenchLevel'));
    expect(textOf(await c.say(t('choice.level.alpha')))).toContain(t('q.location'));
    const place = await c.say('Limoges');
    expect(textOf(place)).toContain('Limoges (87)');
    expect(textOf(place)).toContain(t('q.needs'));
    expect(textOf(await c.say(t('choice.need.language')))).toContain(t('q.moreNeeds'));
    const plan = await c.say(t('choice.need.done'));

    // First screen: the three things to do now, each with its place, those places as cards, three buttons.
    const all = textOf(plan);
    expect(all).toContain(t('plan.intro'));
    expect(all).toContain(t('plan.now'));
    expect(all).toMatch(/\n1\. \S+ \S/);
    expect(all).toMatch(/\n3\. /);
    expect(all).not.toMatch(/\n4\. /);
    expect(all).not.toContain(t('plan.rights'));
    const carousel = plan.find((a) => a.attachments?.length);
    expect(carousel?.attachmentLayout).toBe('carousel');
    expect(carousel!.attachments!.length).toBeLessThanOrEqual(3);
    const first = carousel!.attachments![0]!.content as { title: string; text: string; buttons: { title: string }[] };
    expect(first.title).toBeTruthy();
    expect(first.text).toContain(t('card.why'));
    expect(buttonsOf(plan)).toEqual([t('choice.plan.more'), t('choice.menu.help'), t('choice.plan.menu')]);

    // One tap: the rights and why, the other steps and places, the emergency numbers.
    const more = await c.say(t('choice.plan.more'));
    const details = textOf(more);
    expect(details).toContain(t('plan.rights'));
    expect(`${all}\n${details}`).toContain("Signez le contrat d'intégration");
    expect(details).toContain('600 heures');
    expect(details).toContain(t('plan.emergency'));
    // The details are on the screen: "more" is not offered again.
    expect(buttonsOf(more)).toEqual([t('choice.menu.help'), t('choice.plan.menu')]);
    // The whole menu is one tap away.
    expect(buttonsOf(await c.say(t('choice.plan.menu')))).toContain(t('choice.menu.erase'));
    expect(c.errors).toEqual([]);
  });

  it('isolates phone numbers and opens lines right to left in Arabic, Persian and Pashto', () => {
    expect(directed('اتصل بـ 01 42 500 900', 'ar')).toBe('\u200fاتصل بـ \u206601 42 500 900\u2069');
    expect(directed('Call 01 42 500 900', 'en')).toBe('Call 01 42 500 900');
    expect(directed('1. OFII : نعم\n\n- CPAM', 'ar')).toBe('1. \u200fOFII : نعم\n\n- \u200fCPAM');
  });

  it('reaches the plan of a typical profile in at most 8 questions', async () => {
    const c = new Conversation();
    await c.join();
    let questions = 1;
    const answers = ['Français', t('choice.status.bpi'), '02/2026', t('choice.yes'), t('choice.level.A2'), 'Aurillac', t('choice.need.housing'), t('choice.need.done')];
    let last = '';
    for (const a of answers) {
      last = textOf(await c.say(a));
      if (!last.includes(t('plan.intro'))) questions += 1;
    }
    expect(last).toContain(t('plan.intro'));
    expect(questions).toBeLessThanOrEqual(8);
  });

  it('asks a follow-up only when a rule needs it (licence for mobility)', async () => {
    const c = new Conversation();
    await toNeeds(c);
    await c.say(t('choice.need.mobility'));
    expect(textOf(await c.say(t('choice.need.done')))).toContain(t('q.foreignLicence'));
    const plan = textOf(await c.say(t('choice.yes')));
    expect(plan).toContain(t('plan.intro'));
    // The licence exchange is in the plan: on its first screen or one tap away.
    expect(`${plan}\n${textOf(await c.say(t('choice.plan.more')))}`).toContain('ANTS');
  });
});

describe('understanding typed answers', () => {
  // As the service does at boot: typed dates are read by recognizers that take seconds to load.
  beforeAll(() => recognizers.warm(), 30_000);

  it('takes a sentence written in French, or a "yes", as the answer to "which language?"', async () => {
    const sentence = new Conversation(undefined, 'lang-1', 'lang-1');
    await sentence.join();
    // What the sentence says is kept and said back: the needs question later only asks for more.
    const first = textOf(await sentence.say("j'ai besoin d'un travail et d'un logement"));
    expect(first).toContain(t('q.status'));
    expect(first).toContain(t('noted', { answer: `${t('choice.need.employment')}, ${t('choice.need.housing')}` }));
    for (const a of [t('choice.status.bpi'), t('choice.since.thisYear'), t('choice.yes'), t('choice.level.A2')]) await sentence.say(a);
    const needs = await sentence.say('Limoges');
    expect(textOf(needs)).toContain(t('q.moreNeeds'));
    expect(buttonsOf(needs)).not.toContain(t('choice.need.employment'));
    // A language's own name is no need ("Français" is also a word for learning French).
    const named = new Conversation(undefined, 'lang-4', 'lang-4');
    await named.join();
    expect(textOf(await named.say('Français'))).not.toContain(t('noted', { answer: t('choice.need.language') }));
    const uk = new Conversation(undefined, 'lang-2', 'lang-2', 'fr-FR');
    await uk.join();
    expect(textOf(await uk.say('Привіт, я з України, живу в Ліоні'))).toContain(textsFor('uk').t('q.status'));
    const yes = new Conversation(undefined, 'lang-3', 'lang-3');
    await yes.join();
    expect(textOf(await yes.say('oui'))).toContain(t('q.status'));
  });

  it('"no" to "anything else?" after the plan is a polite goodbye, the plan menu stays', async () => {
    const c = new Conversation(undefined, 'bye-1', 'bye-1');
    await toNeeds(c);
    await c.say(t('choice.need.language'));
    await c.say(t('choice.need.done'));
    const bye = await c.say('non');
    expect(textOf(bye)).toContain(t('plan.bye'));
    expect(textOf(bye)).not.toContain(t('reprompt.first'));
    expect(buttonsOf(bye)).toEqual([t('choice.plan.more'), t('choice.menu.help'), t('choice.plan.menu')]);
  });

  it('reads dates, Arabic-Indic digits, number words, typos and several needs in one message', async () => {
    const c = new Conversation();
    await c.join();
    await c.say('francais');
    expect(textOf(await c.say('refugie'))).toContain(t('q.statusSince.bpi'));
    expect(textOf(await c.say('mars 2026'))).toContain(t('q.cir'));
    await c.say('non');
    await c.say('un peu');
    await c.say('٨٧٠٠٠');
    const needs = await c.say('travail, logement');
    expect(textOf(needs)).toContain(t('q.moreNeeds'));
    expect(buttonsOf(needs)).not.toContain(t('choice.need.employment'));
    expect(buttonsOf(needs)).not.toContain(t('choice.need.housing'));
    expect(textOf(await c.say("c'est tout"))).toContain(t('q.age'));
    expect(textOf(await c.say('vingt'))).toContain(t('plan.intro'));
  });

  it('reprompts kindly, then offers the buttons again', async () => {
    const c = new Conversation();
    await c.join();
    await c.say('Français');
    const first = await c.say('banane');
    expect(textOf(first)).toContain(t('reprompt.first'));
    expect(textOf(first)).toContain(t('q.status'));
    const second = await c.say('xyz');
    expect(textOf(second)).toContain(t('reprompt.buttons'));
    expect(buttonsOf(second)).toContain(t('choice.status.bpi'));
    expect(textOf(await c.say(t('choice.status.asylum_seeker')))).toContain(t('q.statusSince.asylum_seeker'));
  });

  it('disambiguates a town name shared by several communes', async () => {
    const c = new Conversation();
    await c.join();
    for (const a of ['Français', t('choice.status.other'), t('choice.level.B2')]) await c.say(a);
    const choices = await c.say('Saint-Denis');
    expect(textOf(choices)).toContain(t('q.placeChoice'));
    expect(buttonsOf(choices)).toEqual(expect.arrayContaining(['Saint-Denis (93)', 'Saint-Denis (974)']));
    expect(textOf(await c.say('Saint-Denis (974)'))).toContain('Saint-Denis (974)');
  });

  it('asks again for a place that does not exist, and lets the person skip', async () => {
    const c = new Conversation();
    await c.join();
    for (const a of ['Français', t('choice.status.other'), t('choice.level.B2')]) await c.say(a);
    expect(textOf(await c.say('Zzyzxville'))).toContain(t('place.notFound'));
    const skipped = textOf(await c.say(t('choice.skip')));
    expect(skipped).toContain(t('place.skipped'));
    expect(skipped).toContain(t('q.needs'));
  });
});

describe('interruptions at any step', () => {
  it('help: emergency numbers, then the same question again', async () => {
    const c = new Conversation();
    await toNeeds(c);
    const help = textOf(await c.say('aide'));
    for (const n of ['112', '15', '17', '115', '119', '3919', '3114']) expect(help).toContain(`- ${n} : `);
    expect(help).toContain(t('q.needs'));
  });

  it('help after the plan: the numbers, then the menu (not the whole plan again)', async () => {
    const c = new Conversation();
    await toNeeds(c);
    await c.say(t('choice.need.housing'));
    expect(textOf(await c.say(t('choice.need.done')))).toContain(t('plan.intro'));
    const help = await c.say(t('choice.menu.help'));
    expect(textOf(help)).toContain(t('help.intro'));
    expect(textOf(help)).not.toContain(t('plan.intro'));
    expect(buttonsOf(help)).toEqual([t('choice.plan.more'), t('choice.menu.help'), t('choice.plan.menu')]);
  });

  it('talk to a person: where to call, then the same question', async () => {
    const c = new Conversation();
    await c.join();
    await c.say('Français');
    const human = textOf(await c.say('parler à quelqu\'un'));
    expect(human).toContain('115');
    expect(human).toContain(t('q.status'));
  });

  it('back: the previous question is asked again', async () => {
    const c = new Conversation();
    await c.join();
    await c.say('Français');
    await c.say(t('choice.status.bpi'));
    const back = textOf(await c.say('retour'));
    expect(back).toContain(t('back'));
    expect(back).toContain(t('q.status'));
  });

  it('change one answer: only that question, then straight back to the plan', async () => {
    const c = new Conversation();
    await toNeeds(c);
    await c.say(t('choice.need.housing'));
    await c.say(t('choice.need.done'));
    const which = await c.say(t('choice.menu.change'));
    expect(buttonsOf(which)).toContain(t('choice.field.location'));
    expect(textOf(await c.say(t('choice.field.location')))).toContain(t('q.location'));
    const plan = textOf(await c.say('Aurillac'));
    expect(plan).toContain('Aurillac (15)');
    expect(plan).toContain(t('plan.intro'));
  });

  it('restart: everything but the language is asked again', async () => {
    const c = new Conversation();
    await toNeeds(c);
    const restart = textOf(await c.say('recommencer'));
    expect(restart).toContain(t('restarted'));
    expect(restart).toContain(t('q.status'));
  });

  it('change language: switches at any time, keeps the answers, and tells the page', async () => {
    const c = new Conversation();
    await toNeeds(c);
    expect(textOf(await c.say('langue'))).toContain(t('q.language'));
    const en = textsFor('en').t;
    const replies = await c.say('English');
    const switched = textOf(replies);
    expect(switched).toContain(en('language.set'));
    expect(switched).toContain(en('q.needs'));
    expect(replies.filter((a) => a.type === 'event').map((a) => [a.name, a.value])).toEqual([[LANGUAGE_EVENT, 'en']]);
    // Asked again later, the language question comes in the language in use, not the page's.
    expect(textOf(await c.say('change language'))).toContain(en('q.language'));
  });

  it('says back what a typed answer was understood as; several needs in one sentence, in every language', async () => {
    const c = new Conversation();
    await toNeeds(c);
    const noted = textOf(await c.say('je cherche du travail et un logement'));
    expect(noted).toContain(t('noted', { answer: `${t('choice.need.employment')}, ${t('choice.need.housing')}` }));
    // A tapped button is not said back.
    expect(textOf(await c.say(t('choice.need.health')))).not.toContain(t('noted', { answer: t('choice.need.health') }));

    const sentences: Array<[Locale, string, string[]]> = [
      ['en', 'I need a job and a house', ['employment', 'housing']],
      ['uk', 'робота і школа для дітей', ['employment', 'schooling']],
      ['ru', 'работа и жильё', ['employment', 'housing']],
      ['ar', 'عمل وسكن', ['employment', 'housing']],
      ['fa', 'کار و خانه', ['employment', 'housing']],
      ['ps', 'کار او کور', ['employment', 'housing']],
      ['ti', 'ስራሕን መንበሪ ገዛን', ['housing', 'employment']],
    ];
    for (const [locale, sentence, needs] of sentences) {
      const l = textsFor(locale).t;
      const options = QUESTIONS.needs.options({ draft: emptyDraft(locale), texts: textsFor(locale) });
      expect([locale, matchAll(sentence, options.choices)]).toEqual([locale, needs]);
      expect(l('noted', { answer: needs.map((n) => l(`choice.need.${n}`)).join(', ') })).toContain(l(`choice.need.${needs[0]!}`));
    }
  });

  it('family joining a refugee and people without papers have their own buttons and questions', async () => {
    const family = new Conversation(undefined, 'user-fam', 'conv-fam');
    await family.join();
    await family.say('Français');
    expect(textOf(await family.say(t('choice.status.bpi_family')))).toContain(t('q.statusSince.newcomer'));
    expect(textOf(await family.say(t('choice.since.thisYear')))).toContain(t('q.cir'));

    const undocumented = new Conversation(undefined, 'user-nrs', 'conv-nrs');
    await undocumented.join();
    await undocumented.say('Français');
    // No date of a status, no CIR: straight to French.
    expect(textOf(await undocumented.say('sans papiers'))).toContain(t('q.frenchLevel'));
  });

  it('asks since when an asylum seeker lives in France only when the health rule needs it', async () => {
    const c = new Conversation(undefined, 'user-as', 'conv-as');
    await c.join();
    await c.say('Français');
    await c.say(t('choice.status.asylum_seeker'));
    await c.say(t('choice.since.lessThan3Months'));
    await c.say(t('choice.level.A1'));
    await c.say('69001');
    await c.say(t('choice.need.health'));
    expect(textOf(await c.say(t('choice.need.done')))).toContain(t('q.inFranceSince'));
    expect(textOf(await c.say(t('choice.since.moreThan3Months')))).toContain(t('plan.intro'));
  });

  it.each([
    ['fr', "j'habite à Limoges", 'Limoges (87)'],
    ['en', 'I live in Limoges', 'Limoges (87)'],
    ['uk', 'я живу в Ліоні', 'Lyon (69)'],
    ['ru', 'Лион', 'Lyon (69)'],
    ['ar', 'أسكن في مارسيليا', 'Marseille (13)'],
    ['fa', 'در تولوز زندگی می‌کنم', 'Toulouse (31)'],
    ['ps', 'زه په نانت کې اوسېږم', 'Nantes (44)'],
    ['ti', 'ኣብ ሊሞዥ እነብር', 'Limoges (87)'],
  ] as const)('finds the place in "%s" (%s)', async (locale, sentence, place) => {
    const l = textsFor(locale).t;
    const c = new Conversation(undefined, `user-${locale}`, `conv-${locale}`, `${locale}`);
    await c.join();
    await c.say(l('language.name'));
    await c.say(l('choice.status.other'));
    await c.say(l('choice.level.A1'));
    expect(textOf(await c.say(sentence))).toContain(l('place.found', { place }));
  });

  it('asks which Saint-Denis, naming each department in full, the mainland one first', async () => {
    const c = new Conversation();
    await c.join();
    await c.say('Français');
    await c.say(t('choice.status.other'));
    await c.say(t('choice.level.A1'));
    const asked = await c.say("j'habite à saint denis");
    expect(textOf(asked)).toContain(t('q.placeChoice'));
    expect(textOf(asked)).toContain('Saint-Denis — Seine-Saint-Denis (93)');
    expect(textOf(asked)).toContain('Saint-Denis — La Réunion (974)');
    expect(buttonsOf(asked)[0]).toBe('Saint-Denis (93)');
    expect(buttonsOf(asked)).toContain('Saint-Denis (974)');
    // Written in Arabic script, it is the same question, and no call for help.
    const ar = new Conversation(undefined, 'user-sd', 'conv-sd', 'ar-SA');
    await ar.join();
    await ar.say(textsFor('ar').t('language.name'));
    await ar.say(textsFor('ar').t('choice.status.other'));
    await ar.say(textsFor('ar').t('choice.level.A1'));
    expect(buttonsOf(await ar.say('سان دوني')).slice(0, 2)).toEqual(['Saint-Denis (93)', 'Saint-Denis (974)']);
  });

  it('says back a typed month in the person\'s language', async () => {
    const c = new Conversation();
    await c.join();
    await c.say('Français');
    await c.say(t('choice.status.bpi'));
    const reply = textOf(await c.say('03/2025'));
    expect(reply).toContain(t('noted', { answer: 'mars 2025' }));
    expect(reply).toContain(t('q.cir'));
  });

  it('commands: in any of our languages, never a number, never a place or an answer', async () => {
    const ar = textsFor('ar').t;
    const c = new Conversation(undefined, 'user-ar', 'conv-ar', 'ar-SA');
    await c.join();
    await c.say(ar('language.name'));
    // The welcome tells everyone to write «effacer»: understood in Arabic mode too.
    expect(textOf(await c.say('effacer'))).toContain(ar('q.eraseConfirm'));
    expect(textOf(await c.say(ar('choice.erase.keep')))).toContain(ar('erase.kept'));
    // A number picks a button; it is no command (1 and 2 were help and restart).
    expect(textOf(await c.say('1'))).toContain(ar('q.statusSince.bpi'));
    await c.say(ar('choice.since.thisYear'));
    await c.say(ar('choice.no'));
    expect(textOf(await c.say(ar('choice.level.A1')))).toContain(ar('q.location'));
    // Saint-Denis in Arabic script is one letter from «ساعدوني» (help me): a place, not a call for help.
    const place = textOf(await c.say('سان دوني'));
    expect(place).not.toContain(ar('help.title'));
  });

  it('erase my data: state and conversation are deleted, and it says so', async () => {
    const storage = new MemoryStorage();
    const c = new Conversation(storage);
    await toNeeds(c);
    const before = await storage.read(STATE_KEYS);
    expect(Object.keys(before)).toHaveLength(2);
    const asked = await c.say('effacer mes données');
    expect(textOf(asked)).toContain(t('q.eraseConfirm'));
    expect(buttonsOf(asked)).toEqual([t('choice.erase.confirm'), t('choice.erase.keep')]);
    expect(Object.keys(await storage.read(STATE_KEYS))).toHaveLength(2); // nothing erased before "yes"
    const done = await c.say(t('choice.erase.confirm'));
    expect(textOf(done)).toContain(t('erased'));
    // The page clears itself and offers a new start, with these texts.
    expect(done.filter((a) => a.type === 'event').map((a) => [a.name, a.value])).toEqual([[ERASED_EVENT, { text: t('erased'), startAgain: t('choice.startAgain') }]]);
    const after = await storage.read(STATE_KEYS);
    expect(after).toEqual({});
    expect(textOf(await c.say('bonjour'))).toContain(t('welcome.hello'));
  });

  it('erase, then "no": nothing is erased and the same question comes back', async () => {
    const storage = new MemoryStorage();
    const c = new Conversation(storage);
    await toNeeds(c);
    await c.say(t('choice.menu.erase'));
    const kept = textOf(await c.say(t('choice.erase.keep')));
    expect(kept).toContain(t('erase.kept'));
    expect(kept).toContain(t('q.needs'));
    expect(Object.keys(await storage.read(STATE_KEYS))).toHaveLength(2);
  });

  it('erase my data reaches every conversation of the person, not only the current one', async () => {
    const storage = new MemoryStorage();
    const keys = ['test/users/user-5/', 'test/conversations/conv-old/', 'test/conversations/conv-new/', 'test/conversations/conv-other/'];
    await toNeeds(new Conversation(storage, 'user-5', 'conv-old'));
    await toNeeds(new Conversation(storage, 'user-6', 'conv-other')); // somebody else
    const current = new Conversation(storage, 'user-5', 'conv-new');
    await toNeeds(current);
    expect(Object.keys(await storage.read(keys)).sort()).toEqual([...keys].sort());

    await current.say('effacer mes données');
    expect(textOf(await current.say(t('choice.erase.confirm')))).toContain(t('erased'));
    expect(Object.keys(await storage.read(keys))).toEqual(['test/conversations/conv-other/']);
  });

  it('answers a message too long for any question without reading it, in the person\'s language', async () => {
    const c = new Conversation();
    await c.join();
    await c.say('English');
    const reply = textOf(await c.say('entre 10h et 11h '.repeat(200)));
    expect(reply).toBe(textsFor('en').t('tooLong'));
    expect(textOf(await c.say(textsFor('en').t('choice.status.bpi')))).toContain(textsFor('en').t('q.statusSince.bpi'));
  });
});

describe('state that lasts', () => {
  it('offers a returning user their last plan or a fresh start', async () => {
    const storage = new MemoryStorage();
    const first = new Conversation(storage, 'user-7', 'conv-a');
    await toNeeds(first);
    await first.say(t('choice.need.housing'));
    await first.say(t('choice.need.done'));

    const again = new Conversation(storage, 'user-7', 'conv-b');
    const welcome = await again.join();
    expect(textOf(welcome)).toContain(t('welcome.back'));
    expect(buttonsOf(welcome)).toEqual([t('choice.returning.showPlan'), t('choice.returning.restart')]);
    expect(textOf(await again.say(t('choice.returning.showPlan')))).toContain(t('plan.intro'));
  });

  it('a returning user who opens the page in another language is welcomed and asked in it', async () => {
    const storage = new MemoryStorage();
    const first = new Conversation(storage, 'user-8', 'conv-a');
    await toNeeds(first);
    await first.say(t('choice.need.housing'));
    await first.say(t('choice.need.done'));

    const ar = textsFor('ar');
    const again = new Conversation(storage, 'user-8', 'conv-b', 'ar');
    const welcome = await again.join();
    expect(textOf(welcome)).toContain(ar.t('welcome.hello'));
    expect(textOf(welcome)).toContain(ar.t('welcome.back'));
    expect(buttonsOf(welcome)).toEqual([ar.t('choice.returning.showPlan'), ar.t('choice.returning.restart')]);
    expect(textOf(await again.say(ar.t('choice.returning.showPlan')))).toContain(ar.t('plan.intro'));
  });

  it('continues a conversation after a restart of the process (lowdb files)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'state-'));
    const before = new Conversation(new LowdbStorage(dir), 'user-9', 'conv-9');
    await before.join();
    await before.say('Français');
    await before.say(t('choice.status.bpi'));

    const after = new Conversation(new LowdbStorage(dir), 'user-9', 'conv-9');
    expect(textOf(await after.say(t('choice.since.lastYear')))).toContain(t('q.cir'));
  });

  it('on an error, apologises in the language of the person and keeps their answers', async () => {
    const storage = new MemoryStorage();
    const c = new Conversation(storage);
    await c.join();
    await c.say('English');
    await c.say(textsFor('en').t('choice.status.bpi'));
    // Make the next read of the state fail once, as a crashed disk would.
    const read = storage.read.bind(storage);
    let fail = true;
    storage.read = async (keys) => {
      if (fail) {
        fail = false;
        throw new Error('disk unavailable');
      }
      return read(keys);
    };
    expect(textOf(await c.say('03/2026'))).toContain(textsFor('en').t('error'));
    expect(c.errors.join('\n')).not.toContain('03/2026');
    expect(textOf(await c.say('03/2026'))).toContain(textsFor('en').t('q.cir'));
  });
});

describe('the phone advisor\'s script', () => {
  it('asks in French with numbered options, a hint for hard cases, 0 to go back; ends with a case note and the caller\'s SMS', async () => {
    const c = new Conversation(undefined, 'advisor-1', 'call-1');
    await c.join();
    const first = await c.say('mode conseiller');
    const asked = textOf(first);
    expect(asked).toContain('Mode conseiller');
    expect(asked).toContain("**Étape 1** — À lire : « Dans quelle langue parle l'appelant ? »");
    expect(buttonsOf(first)[0]).toBe('1 · Français');

    // Language: Russian (7th option), then the status question with its hint; 0 goes back.
    const status = textOf(await c.say('7'));
    expect(status).toContain("Langue de l'appelant : russe.");
    expect(status).toContain(`« ${t('q.status')} »`);
    expect(status).toContain('💡 Demandez quel document');
    expect(status).toMatch(/\n1\. Asile accordé\n2\. Famille de réfugié/);
    expect(textOf(await c.say('0'))).toContain("Dans quelle langue parle l'appelant");
    await c.say('7');
    await c.say('1'); // refugee
    await c.say('1'); // this year
    await c.say('2'); // CIR: no
    await c.say('4'); // French: A1
    const needsAsked = buttonsOf(await c.say('69001'));
    // The numbers stay those read out: after "5" (housing), 5 is still housing and "C'est tout" keeps its number.
    expect(buttonsOf(await c.say('5'))).toEqual(needsAsked);
    const all = textOf(await c.say(t('choice.need.done')));
    expect(all).toContain('**Note de dossier** (à copier)');
    expect(all).toMatch(/Langue : russe\nStatut : Asile accordé\n/);
    expect(all).toContain('Lieu : Lyon (69)');
    expect(all).toContain('Français : Un peu (A2)');
    expect(all).toContain('**SMS pour l’appelant** (russe)');
    expect(all).toContain(textsFor('ru').t('sms.intro'));
    expect(all).toMatch(/\d+ caractères · UCS-2 · \d+ SMS/);
    // The page can then open the bilingual summary (the event carries no answers: the page asks for them).
    expect(c.replies.at(-2)).toMatchObject({ type: 'event', name: 'boussole/summary' });
    expect(c.replies.at(-2)!.value).toBeUndefined();
    expect(c.errors).toEqual([]);
  });

  it('numbers the steps without a gap when one answer settles two fields, and keeps a step\'s number when it comes back', async () => {
    const c = new Conversation(undefined, 'advisor-steps', 'call-steps');
    await c.join();
    await c.say('mode conseiller');
    const steps: string[] = [];
    for (const key of ['1', '1', '1', '2', '1']) steps.push(/\*\*Étape (\d+)\*\*/.exec(textOf(await c.say(key)))![1]!);
    // French, refugee, this year, CIR no, "Je ne lis pas" (level and reading at once): steps 2 to 6 in a row.
    expect(steps).toEqual(['2', '3', '4', '5', '6']);
    expect(/\*\*Étape (\d+)\*\*/.exec(textOf(await c.say('0')))![1]).toBe('5');
  });

  it.each(['ar', 'ps', 'ru'] as const)('writes the caller\'s SMS in %s, short, with one link, and counts it exactly', async (caller) => {
    const c = new Conversation(undefined, `advisor-${caller}`, `call-${caller}`);
    await c.join();
    await c.say('mode conseiller');
    const languages = buttonsOf(await c.say('0')); // still the language question
    const number = languages.findIndex((b) => b.endsWith(textsFor(caller).t('language.name'))) + 1;
    for (const key of [String(number), '1', '1', '2', '4', '75011', t('choice.need.done')]) await c.say(key);
    const end = c.replies.map((a) => a.text ?? '').join('\n');
    const sms = /SMS pour l’appelant[^\n]*\n\n```\n([\s\S]*?)\n```\n\n(\d+) caractères · (\S+) · (\d+) SMS/.exec(end);
    expect(sms).not.toBeNull();
    const [, text, length, encoding, segments] = sms!;
    expect(text!.split('\n')[0]).toBe(textsFor(caller).t('sms.intro'));
    expect(text!.match(/https:\/\//g)).toHaveLength(1);
    // UCS-2 (Arabic, Pashto and Cyrillic letters): 70 units alone, 67 per part; counted here independently.
    expect(encoding).toBe('UCS-2');
    expect(Number(length)).toBe(text!.length);
    expect(Number(segments)).toBe(text!.length <= 70 ? 1 : Math.ceil(text!.length / 67));
    expect(Number(segments)).toBeLessThanOrEqual(6);
  });
});

describe('a minor alone in France (issue 9)', () => {
  const ase = (text: string) => text.includes(fr.engine('step.child_protection').slice(0, 60));

  it('says so at the first question, is asked nothing about papers, and is sent to the ASE first', async () => {
    const c = new Conversation(undefined, 'mna-1', 'mna-1');
    await c.join();
    await c.say('Français');
    const next = textOf(await c.say(t('choice.status.minorAlone')));
    expect(next).toContain(t('q.frenchLevel'));
    await c.say(t('choice.level.none'));
    await c.say('Limoges');
    await c.say(t('choice.need.housing'));
    const plan = textOf(await c.say(t('choice.need.done')));
    expect(plan).toMatch(/\n1\. \S+ Allez tout de suite à l'Aide sociale à l'enfance/);
    // Nothing of the adults' paperwork, and no question the chat never asks.
    expect(plan).not.toContain(fr.engine('step.tell_status'));
    const details = textOf(await c.say(t('choice.plan.more')));
    expect(details).not.toContain(fr.engine('ask.status'));
    expect(details).not.toContain(t('program.cir'));
    expect(details).not.toContain(t('program.agir'));
    expect(c.errors).toEqual([]);
  });

  it('typed in the words people use ("mineur isolé"), it is understood and said back', async () => {
    const c = new Conversation(undefined, 'mna-2', 'mna-2');
    await c.join();
    await c.say('Français');
    const replies = textOf(await c.say('je suis mineur isolé'));
    expect(replies).toContain(t('noted', { answer: t('choice.status.minorAlone') }));
  });

  it('an adult is never asked; a 17-year-old who tapped another status is, and a "yes" puts the ASE first', async () => {
    const asked = async (ageButton: string, alone?: string) => {
      const c = new Conversation(undefined, `age-${ageButton}`, `age-${ageButton}`);
      await toNeeds(c);
      await c.say(t('choice.need.schooling'));
      let last = textOf(await c.say(t('choice.need.done')));
      const seen: string[] = [];
      for (let i = 0; i < 6 && !last.includes(t('plan.intro')); i++) {
        seen.push(last);
        const reply = last.includes(t('q.age')) ? t(`choice.age.${ageButton}`) : last.includes(t('q.unaccompanied')) ? alone! : t('choice.no');
        last = textOf(await c.say(reply));
      }
      return { seen: seen.join('\n'), plan: last };
    };
    const adult = await asked('18to25');
    expect(adult.seen).toContain(t('q.age'));
    expect(adult.seen).not.toContain(t('q.unaccompanied'));
    expect(ase(adult.plan)).toBe(false);
    const minor = await asked('16to17', t('choice.yes'));
    expect(minor.seen).toContain(t('q.unaccompanied'));
    expect(minor.plan).toMatch(/\n1\. \S+ Allez tout de suite à l'Aide sociale à l'enfance/);
  });
});

describe('the printable summary from the chat', () => {
  it('is not offered before a plan, then the page is told it can open it, with no answer in the event', async () => {
    const c = new Conversation(undefined, 'print-1', 'print-1');
    await toNeeds(c);
    expect(textOf(await c.say(t('commands.summary.0')))).toContain(t('summary.noPlan'));
    await c.submit({ boussole: QUICK_CHECK, status: 'bpi', statusSince: '2026-02', cir: 'yes', frenchLevel: 'A2', place: '87000', needs: 'housing', age: '30' });
    const menu = buttonsOf(await c.say(t('choice.plan.menu')));
    expect(menu).toContain(t('choice.menu.summary'));
    const replies = await c.say(t('choice.menu.summary'));
    expect(textOf(replies)).toContain(t('summary.ready'));
    const event = replies.find((a) => a.type === 'event');
    expect(event).toMatchObject({ name: 'boussole/summary' });
    expect(event!.value).toBeUndefined();
    // Typed in another of our languages, the command works too; the menu comes back after it.
    const typed = await c.say('ملخص');
    expect(typed.some((a) => a.type === 'event' && a.name === 'boussole/summary')).toBe(true);
  });
});

describe('the quick check card in the chat', () => {
  const card = (replies: Awaited<ReturnType<Conversation['say']>>) =>
    replies.flatMap((a) => a.attachments ?? []).find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive')?.content as
      | { version: string; body: Array<{ id?: string; value?: unknown; type: string }>; actions: Array<{ data: Record<string, unknown> }> }
      | undefined;

  it('comes from the menu as an Adaptive Card 1.5, filled with what was already answered', async () => {
    const c = new Conversation(undefined, 'sw-1', 'check-1');
    await toNeeds(c);
    const sent = card(await c.say(t('choice.menu.check')));
    expect(sent?.version).toBe('1.5');
    const inputs = Object.fromEntries(sent!.body.filter((b) => b.id).map((b) => [b.id, b.value]));
    expect(Object.keys(inputs)).toEqual(['status', 'statusSince', 'cir', 'frenchLevel', 'place', 'needs', 'age', 'unaccompanied', 'children.schoolAge', 'foreignLicence', 'disability']);
    expect(inputs).toMatchObject({ status: 'bpi', cir: 'no', frenchLevel: 'A1', place: '87000' });
    expect(sent!.actions[0]!.data).toEqual({ boussole: QUICK_CHECK });
  });

  it('a whole card gives the plan at once', async () => {
    const c = new Conversation(undefined, 'sw-2', 'check-2');
    await c.join();
    const replies = await c.submit({ boussole: QUICK_CHECK, status: 'bpi', statusSince: '2026-02', cir: 'yes', frenchLevel: 'A2', place: '87000', needs: 'housing,employment', age: '30' });
    expect(textOf(replies)).toContain(t('plan.intro'));
    expect(buttonsOf(replies)).toEqual([t('choice.plan.more'), t('choice.menu.help'), t('choice.plan.menu')]);
    expect(c.errors).toEqual([]);
  });

  it('a partial card still gives the plan, with what is missing and which rights it would decide', async () => {
    const c = new Conversation(undefined, 'sw-3', 'check-3');
    await c.join();
    const replies = textOf(await c.submit({ boussole: QUICK_CHECK, status: 'bpi', place: 'Limoges', needs: 'language' }));
    expect(replies).toContain(t('plan.intro'));
    expect(replies).toContain(t('check.missing'));
    expect(replies).toMatch(new RegExp(`- ${t('choice.field.cir')} → `));
  });

  it('invalid answers are named, nothing is guessed, and the card comes back with the right ones kept', async () => {
    const c = new Conversation(undefined, 'sw-4', 'check-4');
    await c.join();
    const replies = await c.submit({ boussole: QUICK_CHECK, status: 'bpi', statusSince: '2025-13', age: '200', needs: 'housing,spaceflight', place: '87000' });
    expect(textOf(replies)).toContain(t('check.invalid', { fields: [t('choice.field.statusSince'), t('choice.field.needs'), t('choice.field.age')].join(', ') }));
    expect(textOf(replies)).not.toContain(t('plan.intro'));
    const again = card(replies)!;
    const inputs = Object.fromEntries(again.body.filter((b) => b.id).map((b) => [b.id, b.value]));
    expect(inputs).toMatchObject({ status: 'bpi', place: '87000', statusSince: '' });
  });
});

