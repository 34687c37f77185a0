import { THEMES, type Locale, type Status, type Theme } from '../knowledge/contracts/vocabulary';
import { departmentName } from '../knowledge/geo';
import { translator } from '../knowledge/i18n';
import { LOCALES } from '../knowledge/contracts/vocabulary';
import type { AskChoice, AskOptions } from './ask-dialog';
import type { Draft, Field } from './draft';
import type { Texts } from './i18n';

/**
 * Every question of the conversation as data: its text key, its buttons (value → title key) and what
 * typed answer it also understands. The flow decides which one comes next; nothing here decides rights.
 */
export type QuestionId = Field | 'returning' | 'planMenu' | 'menu' | 'changeWhich' | 'placeChoice' | 'moreNeeds' | 'eraseConfirm';

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

const YES_NO = ['yes', 'no', 'dontKnow'] as const;
const SINCE_RECENT = ['thisYear', 'lastYear', 'twoToFive', 'moreThanFive'] as const;
const SINCE_ASYLUM = ['lessThan3Months', 'moreThan3Months'] as const;
export const LEVEL_CHOICES = ['alpha', 'none', 'A1', 'A2', 'B1', 'B2'] as const;
export const AGE_CHOICES = ['under16', '16to25', '26to29', '30plus'] as const;
export const NEED_CHOICES: readonly Theme[] = THEMES.filter((t) => t !== 'emergency');
export const MENU_CHOICES = ['showPlan', 'change', 'check', 'restart', 'language', 'help', 'human', 'erase'] as const;
/** Under the plan, three buttons only: the plan stays readable on a phone; the whole menu is one tap away. */
export const PLAN_MENU_CHOICES = ['more', 'help', 'menu'] as const;
export const STATUS_CHOICES: readonly Status[] = ['bpi', 'bpi_family', 'temporary_protection', 'newcomer', 'asylum_seeker', 'no_right_to_stay', 'other', 'unknown'];

export interface PlaceCandidate {
  inseeCode: string;
  name: string;
  department: string;
}

function choice(texts: Texts, value: string, titleKey: string, synonymsKey?: string): AskChoice {
  const title = texts.t(titleKey);
  return { value, title, terms: [title, ...(synonymsKey ? texts.list(synonymsKey) : [])] };
}

const yesNo = (texts: Texts) => YES_NO.map((v) => choice(texts, v, `choice.${v}`, `synonyms.${v}`));

/** A button title fits in 20 characters (Web Chat shows a plain list otherwise). */
export function placeTitle(c: PlaceCandidate): string {
  const suffix = ` (${c.department})`;
  const room = 20 - suffix.length;
  return `${c.name.length > room ? `${c.name.slice(0, room - 1)}…` : c.name}${suffix}`;
}

function languageChoices(first: Locale | undefined): AskChoice[] {
  const ordered = first ? [first, ...LOCALES.filter((l) => l !== first)] : [...LOCALES];
  return ordered.map((l) => {
    const title = translator(l, 'chat')('language.name');
    return { value: l, title, terms: [title, ...LANGUAGE_TERMS[l]] };
  });
}

export interface QuestionContext {
  draft: Draft;
  texts: Texts;
  /** The language guessed from the first message or the page, offered first. */
  guessedLocale?: Locale;
  candidates?: PlaceCandidate[];
}

export function questionOptions(id: QuestionId, { draft, texts, guessedLocale, candidates }: QuestionContext): AskOptions {
  const { t } = texts;
  const base = { locale: texts.locale, notUnderstood: t('reprompt.first'), buttonsOnly: t('reprompt.buttons') };
  const ask = (prompt: string, choices: AskChoice[], expect?: AskOptions['expect']): AskOptions => ({
    ...base,
    prompt,
    choices,
    ...(expect ? { expect } : {}),
  });
  switch (id) {
    case 'language':
      return ask(`${t('language.confirm')}\n\n${t('q.language')}`, languageChoices(guessedLocale));
    case 'returning':
      return ask(`${t('welcome.back')} ${t('q.returning')}`, [
        choice(texts, 'showPlan', 'choice.returning.showPlan'),
        choice(texts, 'restart', 'choice.returning.restart'),
      ]);
    case 'status':
      return ask(
        t('q.status'),
        STATUS_CHOICES.map((s) => choice(texts, s, s === 'unknown' ? 'choice.dontKnow' : `choice.status.${s}`, `synonyms.status.${s}`)),
      );
    case 'statusSince': {
      // Family joining a refugee holds a residence permit: asked as any newcomer is.
      const held = draft.profile.status;
      const status = held === 'asylum_seeker' ? 'asylum_seeker' : held === 'newcomer' || held === 'bpi_family' ? 'newcomer' : 'bpi';
      const values = status === 'asylum_seeker' ? SINCE_ASYLUM : SINCE_RECENT;
      return ask(
        t(`q.statusSince.${status}`),
        [...values.map((v) => choice(texts, v, `choice.since.${v}`)), choice(texts, 'dontKnow', 'choice.dontKnow', 'synonyms.dontKnow')],
        'month',
      );
    }
    case 'inFranceSince':
      return ask(
        t('q.inFranceSince'),
        [...SINCE_ASYLUM.map((v) => choice(texts, v, `choice.since.${v}`)), choice(texts, 'dontKnow', 'choice.dontKnow', 'synonyms.dontKnow')],
        'month',
      );
    case 'cir':
    case 'readsWrites':
    case 'foreignLicence':
    case 'children.schoolAge':
    case 'disability':
      return ask(t(`q.${id}`), yesNo(texts));
    case 'frenchLevel':
      return ask(t('q.frenchLevel'), [
        ...LEVEL_CHOICES.map((l) => choice(texts, l, `choice.level.${l}`, `synonyms.level.${l}`)),
        choice(texts, 'unknown', 'choice.dontKnow', 'synonyms.dontKnow'),
      ]);
    case 'location':
      return ask(t('q.location'), [choice(texts, 'skip', 'choice.skip')], 'text');
    case 'placeChoice':
      // Buttons are short ("Saint-Denis (93)"): the question names each department in full.
      return ask([t('q.placeChoice'), ...(candidates ?? []).map((c) => `- ${c.name} — ${departmentName(c.department) ?? c.department} (${c.department})`)].join('\n'), [
        ...(candidates ?? []).map((c) => {
          const title = placeTitle(c);
          return { value: c.inseeCode, title, terms: [title, `${c.name} ${c.department}`, c.inseeCode] };
        }),
        choice(texts, 'skip', 'choice.skip'),
      ]);
    case 'needs':
    case 'moreNeeds': {
      const remaining = NEED_CHOICES.filter((n) => !(draft.profile.needs ?? []).includes(n));
      return ask(
        t(`q.${id}`),
        [...remaining.map((n) => choice(texts, n, `choice.need.${n}`, `synonyms.need.${n}`)), choice(texts, 'done', 'choice.need.done', 'synonyms.need.done')],
        'several',
      );
    }
    case 'age':
      return ask(t('q.age'), AGE_CHOICES.map((a) => choice(texts, a, `choice.age.${a}`)), 'integer');
    case 'planMenu':
      return ask(t('q.planMenu'), PLAN_MENU_CHOICES.map((m) => choice(texts, m, m === 'help' ? 'choice.menu.help' : `choice.plan.${m}`)));
    case 'menu':
      return ask(t('q.menu'), MENU_CHOICES.map((m) => choice(texts, m, `choice.menu.${m}`)));
    case 'eraseConfirm':
      return ask(t('q.eraseConfirm'), [choice(texts, 'erase', 'choice.erase.confirm', 'synonyms.yes'), choice(texts, 'keep', 'choice.erase.keep', 'synonyms.no')]);
    case 'changeWhich':
      return ask(
        t('q.changeWhich'),
        draft.answered.filter((f) => f !== 'language').map((f) => choice(texts, f, `choice.field.${f}`)),
      );
  }
}
