import Fuse from 'fuse.js';
import type { Locale } from '../../knowledge/contracts/vocabulary';
import type { CultureLocale } from './culture-recognizers';
import { asciiDigits, normalizeInput } from './normalize';
import { fromSolarHijri, monthFromWords } from './month-words';
import { numberFromWords } from './number-words';
import { recognizers } from './recognizer-pool';

/** Cultures that recognizers-text really models; elsewhere it silently falls back to English (notes §5.1). */
function cultureOf(locale: Locale): CultureLocale | undefined {
  return locale === 'fr' || locale === 'en' ? locale : undefined;
}

export interface ChoiceOption {
  value: string;
  /** The button title, and other words that mean the same in this locale. */
  terms: string[];
}

/**
 * Finds which choice a typed answer means: the exact title or a synonym, the choice's number, the stable
 * value itself (advisors may type codes), then a fuzzy match for typos, then a synonym inside a sentence.
 * `numbers`, `fuzzy` and `partial` turn the looser steps off.
 */
export function matchChoice(text: string, options: ChoiceOption[], { partial = true, numbers = true, fuzzy = true } = {}): string | undefined {
  const input = normalizeInput(text);
  if (!input) return undefined;
  const prepared = prepare(options);
  const exact = prepared.exact.get(input);
  if (exact !== undefined) return exact;
  if (/^\d{1,2}$/.test(input)) return numbers ? options[Number(input) - 1]?.value : undefined;

  if (fuzzy && input.length >= 4) {
    const best = fuzzyIndex(prepared, input.length)?.search(input)[0];
    if (best && (best.score ?? 1) <= (partial ? 0.3 : 0.25)) return best.item.value;
  }
  if (!partial) return undefined;

  // Longest term first (prepared so), so "aide au logement" wins over "logement".
  return (prepared.words ??= wordPatterns(prepared.flat)).find((w) => w.pattern.test(input))?.value;
}

interface Prepared {
  /** Each stable value and normalised term → its choice (the first choice that has it). */
  exact: Map<string, string>;
  flat: Array<{ value: string; term: string }>;
  /** Per input length, the fuzzy index of the terms that length may be a typo of (null: none). */
  fuzzy: Map<number, Fuse<{ value: string; term: string }> | null>;
  /** Terms as whole words inside a sentence, longest first. */
  words?: Array<{ value: string; pattern: RegExp }>;
}

/**
 * Choice lists, normalised once with their fuzzy index and word patterns. They come from the locale
 * files (a bounded vocabulary; what people type is never kept here), but are rebuilt as new objects
 * every turn (dialog state), so they are known by their content. The cap only guards against growth.
 */
const preparedOptions = new Map<string, Prepared>();
const MAX_PREPARED = 1000;
/** Lists reused as the same objects (the commands) skip even the signature. */
const preparedLists = new WeakMap<ChoiceOption[], Prepared>();

function prepare(options: ChoiceOption[]): Prepared {
  const known = preparedLists.get(options);
  if (known) return known;
  const signature = options.map((o) => `${o.value}\u0001${o.terms.join('\u0002')}`).join('\u0003');
  let prepared = preparedOptions.get(signature);
  if (!prepared) {
    const normalized = options.map((o) => ({ value: o.value, terms: o.terms.map(normalizeInput).filter(Boolean) }));
    const exact = new Map<string, string>();
    for (const o of normalized) for (const key of [o.value, ...o.terms]) if (!exact.has(key)) exact.set(key, o.value);
    prepared = { exact, flat: normalized.flatMap((o) => o.terms.map((term) => ({ value: o.value, term }))), fuzzy: new Map() };
    if (preparedOptions.size >= MAX_PREPARED) preparedOptions.clear();
    preparedOptions.set(signature, prepared);
  }
  preparedLists.set(options, prepared);
  return prepared;
}

/**
 * A typo, not a fragment: fuse.js finds "да" inside "удалить", so only terms of about the input's
 * length may match fuzzily (whole sentences are the containment step's job). Indexing just those
 * terms gives the same best match as filtering fuse.js's results (an item's score does not depend
 * on the others), and most messages are the typo of no term at all (a tapped title is no command).
 */
function fuzzyIndex(prepared: Prepared, length: number): Fuse<{ value: string; term: string }> | null {
  if (length > 120) return null; // longer than any button title or synonym, whatever the slack
  let index = prepared.fuzzy.get(length);
  if (index === undefined) {
    const slack = Math.max(1, Math.floor(length / 4));
    const near = prepared.flat.filter((f) => Math.abs(f.term.length - length) <= slack);
    index = near.length === 0 ? null : new Fuse(near, { keys: ['term'], includeScore: true, threshold: 0.3, ignoreLocation: true });
    prepared.fuzzy.set(length, index);
  }
  return index;
}

/**
 * A term as a whole word. "and" can be glued to it: Arabic and Persian write و before the next word
 * ("عمل وسكن"), Tigrinya ን after each ("ስራሕን መንበሪ ገዛን").
 */
function wordPatterns(flat: Prepared['flat']): NonNullable<Prepared['words']> {
  return flat
    .filter((f) => f.term.length >= 3)
    .sort((a, b) => b.term.length - a.term.length)
    .map((f) => ({ value: f.value, pattern: new RegExp(`(^|[^\\p{L}])(?:و)?${escape(f.term)}(?:ን)?(?=$|[^\\p{L}])`, 'u') }));
}

/** Every choice a sentence mentions, longest terms first; a matched span is not read again. */
function mentions(input: string, prepared: Prepared): string[] {
  let rest = input;
  const found: string[] = [];
  for (const { value, pattern } of (prepared.words ??= wordPatterns(prepared.flat))) {
    const match = pattern.exec(rest);
    if (!match) continue;
    if (!found.includes(value)) found.push(value);
    rest = `${rest.slice(0, match.index)}${match[1]} ${rest.slice(match.index + match[0].length)}`;
  }
  return found;
}

/** "and", "," and their kin in our languages, as whole words (\b knows no Cyrillic or Arabic letter). */
const SEPARATORS = /[,،;+/]|(?<!\p{L})(?:and|et|и|і|й|та|و|او|እና|ya)(?!\p{L})/u;

/** Every choice mentioned in a sentence ("housing and work" → both), for questions that take several. */
export function matchAll(text: string, options: ChoiceOption[]): string[] {
  const input = normalizeInput(text);
  // A tapped title is one choice, even when it holds a separator ("Santé, soins", "Papiers et droits").
  const prepared = prepare(options);
  const whole = prepared.exact.get(input);
  if (whole !== undefined) return [whole];
  const found = input
    .split(SEPARATORS)
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap((p) => {
      const one = matchChoice(p, options, { partial: false });
      return one !== undefined ? [one] : mentions(p, prepared);
    });
  return [...new Set(found)];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A whole number, from digits in any script, or from words where we know them (French, English). */
export function recognizeInteger(text: string, locale: Locale): number | undefined {
  const digits = /(\d{1,3})/.exec(asciiDigits(text));
  if (digits) return Number(digits[1]);
  return numberFromWords(text, locale);
}

/**
 * A month and year (YYYY-MM) from "03/2025", "2025-03", words in any of our languages ("il y a 2 ans",
 * "خرداد ۱۴۰۴", month-words.ts), and, in French and English, whatever else recognizers-text reads.
 */
export async function recognizeMonth(text: string, locale: Locale, today: Date): Promise<string | undefined> {
  const t = asciiDigits(text);
  const valid = (year: number, month: number, written = true) => {
    // Afghans and Iranians often write the Solar Hijri date (1405/03): precise enough at month resolution.
    const [y, m] = written && (locale === 'fa' || locale === 'ps') && year >= 1300 && year <= 1450 ? fromSolarHijri(year, month) : [year, month];
    const ok = m >= 1 && m <= 12 && y >= 1950 && (y < today.getUTCFullYear() || (y === today.getUTCFullYear() && m <= today.getUTCMonth() + 1));
    return ok ? `${y}-${String(m).padStart(2, '0')}` : undefined;
  };
  const mY = /\b(\d{1,2})\s*[/.-]\s*(\d{4})\b/.exec(t);
  if (mY) return valid(Number(mY[2]), Number(mY[1]));
  const yM = /\b(\d{4})\s*[/.-]\s*(\d{1,2})\b/.exec(t);
  if (yM) return valid(Number(yM[1]), Number(yM[2]));
  const said = monthFromWords(text, locale, today);
  if (said) return valid(Number(said.slice(0, 4)), Number(said.slice(5, 7)), false);
  const culture = cultureOf(locale);
  if (!culture) return undefined;
  const month = /^(\d{4})-(\d{2})$/.exec(String(await recognizers.month(text, culture, today)));
  return month ? valid(Number(month[1]), Number(month[2])) : undefined;
}

