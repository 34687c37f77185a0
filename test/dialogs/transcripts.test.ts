import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { LOCALES, RTL_LOCALES, type Locale } from '../../knowledge/contracts/vocabulary';
import { textsFor } from '../../dialogs/i18n';
import { Conversation } from './harness';

/**
 * A full conversation to a plan in each of the eight languages, kept as Bot Framework transcripts
 * (`transcripts/<lng>.transcript`, a JSON array of activities, as the Emulator saves them). The test
 * replays the script and compares what the bot says, its buttons and its cards with the kept transcript.
 * After an intended change of texts or catalog: `UPDATE_TRANSCRIPTS=1 npx jest test/dialogs/transcripts`.
 */
const PLACES: Record<Locale, string> = {
  fr: 'Limoges',
  en: 'Aurillac',
  ar: 'Lyon',
  fa: '75011',
  ps: 'Grenoble',
  ti: 'Clermont-Ferrand',
  ru: 'Nantes',
  uk: 'Strasbourg',
};

type Line = Pick<Activity, 'type'> & Partial<Pick<Activity, 'text' | 'name' | 'value'>> & {
  from: { role: 'user' | 'bot' };
  suggestedActions?: { actions: { title: string }[] };
  attachments?: { contentType: string; content: { title?: string } }[];
};

function toLine(a: Partial<Activity>, role: 'user' | 'bot'): Line {
  return {
    type: a.type ?? 'message',
    from: { role },
    ...(a.type === 'event' ? { name: a.name, value: a.value as unknown } : { text: a.text ?? '' }),
    ...(a.suggestedActions ? { suggestedActions: { actions: a.suggestedActions.actions.map((x) => ({ title: String(x.title) })) } } : {}),
    ...(a.attachments?.length
      ? { attachments: a.attachments.map((x) => ({ contentType: x.contentType, content: { title: (x.content as { title?: string }).title } })) }
      : {}),
  };
}

async function converse(locale: Locale): Promise<Line[]> {
  const { t } = textsFor(locale);
  const c = new Conversation(undefined, `user-${locale}`, `conv-${locale}`, locale);
  const lines: Line[] = (await c.join()).map((a) => toLine(a, 'bot'));
  const script = [
    t('language.name'),
    t('choice.status.bpi'),
    t('choice.since.thisYear'),
    t('choice.no'),
    t('choice.level.alpha'),
    PLACES[locale],
    t('choice.need.language'),
    t('choice.need.housing'),
    t('choice.need.done'),
  ];
  for (const text of script) {
    lines.push({ type: 'message', from: { role: 'user' }, text });
    lines.push(...(await c.say(text)).map((a) => toLine(a, 'bot')));
  }
  expect(c.errors).toEqual([]);
  return lines;
}

describe.each(LOCALES)('transcript in %s', (locale) => {
  it('reaches a plan with cards, in the language of the person', async () => {
    const lines = await converse(locale);
    const file = join(__dirname, 'transcripts', `${locale}.transcript`);
    if (process.env.UPDATE_TRANSCRIPTS) writeFileSync(file, `${JSON.stringify(lines, null, 2)}\n`);
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Line[];
    expect(lines).toEqual(kept);

    const bot = lines.filter((l) => l.from.role === 'bot');
    expect(bot.some((l) => l.text?.includes(textsFor(locale).t('plan.intro')))).toBe(true);
    expect(bot.some((l) => (l.attachments?.length ?? 0) > 0)).toBe(true);
    const script = locale === 'ti' ? /[\u1200-\u137F]/ : RTL_LOCALES.includes(locale) ? /[\u0600-\u06FF]/ : locale === 'ru' || locale === 'uk' ? /[\u0400-\u04FF]/ : /[a-z]/i;
    expect(bot.at(-1)?.text).toMatch(script);
  });
});
