import { ActivityTypes } from 'botbuilder';
import { translator } from '../../knowledge/i18n';
import { LOCALES, type Locale } from '../../knowledge/contracts/vocabulary';
import { setCallerLanguage } from '../advisor/call';
import type { AskChoice } from '../ask-dialog';
import { answer } from '../draft';
import { textsFor } from '../i18n';
import type { Theme } from '../../knowledge/contracts/vocabulary';
import { matchAll, matchChoice } from '../understanding/recognize';
import { needChoices } from './needs';
import { asking, type Question } from './question';

/** Event to the page: the person chose a language. */
export const LANGUAGE_EVENT = 'boussole/language';

/** Names people type for each language, whatever the current locale (data, not text to translate). */
const LANGUAGE_TERMS: Record<Locale, string[]> = {
  fr: ['french', 'francais', 'fr'],
  en: ['english', 'anglais', 'en'],
  ar: ['arabic', 'arabe', 'عربي', 'العربية', 'ar'],
  fa: ['persian', 'farsi', 'dari', 'persan', 'فارسی', 'دری', 'fa'],
  ps: ['pashto', 'pachto', 'پښتو', 'ps'],
  ti: ['tigrinya', 'tigrigna', 'ትግርኛ', 'ti'],
  ru: ['russian', 'russe', 'русский', 'ru'],
  uk: ['ukrainian', 'ukrainien', 'українська', 'uk'],
};

function languageChoices(first: Locale | undefined): AskChoice[] {
  const ordered = first ? [first, ...LOCALES.filter((l) => l !== first)] : [...LOCALES];
  return ordered.map((l) => {
    const title = translator(l, 'chat')('language.name');
    return { value: l, title, terms: [title, ...LANGUAGE_TERMS[l]] };
  });
}

export const language: Question = {
  options: ({ texts, guessedLocale }) => {
    // "I write in French… which language?": a "yes" keeps the language offered first.
    const [first, ...others] = languageChoices(guessedLocale);
    const choices = [{ ...first!, terms: [...first!.terms, ...texts.list('synonyms.yes')] }, ...others];
    return asking(texts, `${texts.t('language.confirm')}\n\n${texts.t('q.language')}`, choices, 'language');
  },
  async apply(turn) {
    if (turn.draft.advisor) return setCallerLanguage(turn, turn.value as Locale);
    const { draft, context } = turn;
    draft.locale = turn.value as Locale;
    answer(draft, 'language');
    const texts = textsFor(draft.locale);
    await context.sendActivity(texts.t('language.set'));
    // A first message that already says what the person needs ("j'ai besoin d'un travail et d'un logement") is kept,
    // and said back: the needs question then only asks for more.
    // Not a language's own name ("Français" is also a word for the need to learn French).
    const text = context.activity.text ?? '';
    const choices = needChoices(texts);
    const said = matchChoice(text, languageChoices(undefined), { fuzzy: false }) === undefined ? (matchAll(text, choices) as Theme[]) : [];
    if (said.length) {
      draft.profile.needs = said;
      await context.sendActivity(texts.t('noted', { answer: said.map((n) => choices.find((c) => c.value === n)!.title).join(', ') }));
    }
    // The page follows (direction, its own texts); other channels ignore events.
    await context.sendActivity({ type: ActivityTypes.Event, name: LANGUAGE_EVENT, value: draft.locale });
  },
};
