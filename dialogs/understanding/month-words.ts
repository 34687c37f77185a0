import type { Locale } from '../../knowledge/contracts/vocabulary';
import { asciiDigits, normalizeInput } from './normalize';
import { numberFromWords } from './number-words';

/**
 * Dates people say rather than write: "il y a 2 ans", "l'an dernier", "mars" alone, "خرداد ۱۴۰۴" (a Solar
 * Hijri month), "ጥሪ 2017" (an Ethiopian one), in our eight languages. Answers a Gregorian "YYYY-MM" (month
 * precision: a month of another calendar is taken as the Gregorian month it starts in); the caller checks
 * it is not in the future. Instant, unlike recognizers-text, which knows only French and English here.
 */

type Calendar = 'gregorian' | 'solarHijri' | 'ethiopian';

/** Month names (after folding) → [calendar, month 1–13]. Russian and Ukrainian also in their other cases. */
const MONTHS = new Map<string, [Calendar, number]>();
const add = (calendar: Calendar, names: string[][]) =>
  names.forEach((forms, i) => forms.forEach((name) => MONTHS.set(normalizeInput(name), [calendar, i + 1])));
add('gregorian', [
  ['janvier', 'january', 'январь', 'января', 'январе', 'січень', 'січня', 'січні', 'يناير', 'كانون الثاني', 'ژانویه', 'ጥሪ'],
  ['fevrier', 'february', 'февраль', 'февраля', 'феврале', 'лютий', 'лютого', 'лютому', 'فبراير', 'شباط', 'فوریه', 'ለካቲት'],
  ['mars', 'march', 'март', 'марта', 'марте', 'березень', 'березня', 'березні', 'مارس', 'آذار', 'መጋቢት'],
  ['avril', 'april', 'апрель', 'апреля', 'апреле', 'квітень', 'квітня', 'квітні', 'أبريل', 'ابريل', 'نيسان', 'آوریل', 'ሚያዝያ'],
  ['mai', 'may', 'май', 'мая', 'мае', 'травень', 'травня', 'травні', 'مايو', 'أيار', 'مه', 'ግንቦት'],
  ['juin', 'june', 'июнь', 'июня', 'июне', 'червень', 'червня', 'червні', 'يونيو', 'حزيران', 'ژوئن', 'ሰነ'],
  ['juillet', 'july', 'июль', 'июля', 'июле', 'липень', 'липня', 'липні', 'يوليو', 'تموز', 'ژوئیه', 'ሓምለ'],
  ['aout', 'august', 'август', 'августа', 'августе', 'серпень', 'серпня', 'серпні', 'أغسطس', 'آب', 'اوت', 'ነሓሰ'],
  ['septembre', 'september', 'сентябрь', 'сентября', 'сентябре', 'вересень', 'вересня', 'вересні', 'سبتمبر', 'أيلول', 'سپتامبر', 'መስከረም'],
  ['octobre', 'october', 'октябрь', 'октября', 'октябре', 'жовтень', 'жовтня', 'жовтні', 'أكتوبر', 'تشرين الأول', 'اکتبر', 'ጥቅምቲ'],
  ['novembre', 'november', 'ноябрь', 'ноября', 'ноябре', 'листопад', 'листопада', 'листопаді', 'نوفمبر', 'تشرين الثاني', 'نوامبر', 'ሕዳር'],
  ['decembre', 'december', 'декабрь', 'декабря', 'декабре', 'грудень', 'грудня', 'грудні', 'ديسمبر', 'كانون الأول', 'دسامبر', 'ታሕሳስ'],
]);
// Iran's names, then Afghanistan's (Dari zodiac names, Pashto names).
add('solarHijri', [
  ['فروردین', 'حمل', 'وری'],
  ['اردیبهشت', 'ثور', 'غویی'],
  ['خرداد', 'جوزا', 'غبرګولی'],
  ['تیر', 'سرطان', 'چنګاښ'],
  ['مرداد', 'امرداد', 'اسد', 'زمری'],
  ['شهریور', 'سنبله', 'وږی'],
  ['مهر', 'میزان', 'تله'],
  ['آبان', 'عقرب', 'لړم'],
  ['آذر', 'قوس', 'لیندۍ'],
  ['دی', 'جدی', 'مرغومی'],
  ['بهمن', 'دلو', 'سلواغه'],
  ['اسفند', 'حوت', 'کب'],
]);
// Eritrea names the Gregorian months in Tigrinya (above); Ethiopia's calendar is told by its own spellings,
// and its years run 7 to 8 behind. Names the two share (መስከረም, መጋቢት…) are read as Eritrea's.
add('ethiopian', [[], ['ጥቅምት'], ['ህዳር'], ['ታህሳስ'], ['ጥር'], ['የካቲት'], [], [], [], ['ሰኔ'], ['ሐምሌ'], ['ነሐሴ'], ['ጳጉሜን', 'ጳጉሜ']]);

/** A word or phrase as a whole word (\b knows no Cyrillic, Arabic or Ethiopic letter). */
function wholeWord(word: string): RegExp {
  return new RegExp(`(^|[^\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[^\\p{L}])`, 'u');
}
const phrases = (list: string[]) => list.map(normalizeInput);
const wholePhrases = (list: string[]) => phrases(list).map(wholeWord);
const THIS_YEAR = wholePhrases(['cette année', 'this year', 'в этом году', 'этот год', 'цього року', 'цей рік', 'هذا العام', 'هذه السنة', 'امسال', 'سږکال', 'دا کال', 'ሎሚ ዓመት', 'ኣብዚ ዓመት', 'እዚ ዓመት']);
const LAST_YEAR = wholePhrases(['l\'an dernier', 'l\'année dernière', 'l\'an passé', 'l\'année passée', 'last year', 'в прошлом году', 'прошлый год', 'минулого року', 'минулий рік', 'торік', 'العام الماضي', 'السنة الماضية', 'پارسال', 'سال گذشته', 'تېر کال', 'ዝሓለፈ ዓመት']);
const AGO = wholePhrases(['il y a', 'ago', 'назад', 'тому', 'منذ', 'قبل', 'پیش', 'مخکې', 'وړاندې', 'دمخه', 'ቅድሚ']);
const YEAR_UNITS = phrases(['an', 'ans', 'année', 'années', 'year', 'years', 'год', 'года', 'лет', 'рік', 'роки', 'років', 'سنة', 'سنوات', 'سنين', 'عام', 'أعوام', 'سال', 'کال', 'کاله', 'ዓመት', 'ዓመታት']);
const MONTH_UNITS = phrases(['mois', 'month', 'months', 'месяц', 'месяца', 'месяцев', 'місяць', 'місяці', 'місяців', 'شهر', 'أشهر', 'شهور', 'ماه', 'میاشت', 'میاشتې', 'میاشتو', 'ወርሒ', 'ኣዋርሕ']);
/** "Two years" in one word (Arabic dual). */
const DUALS = new Map(phrases(['سنتين', 'سنتان', 'عامين']).map((w) => [w, 2] as const));
const MONTH_DUALS = new Map(phrases(['شهرين', 'شهران']).map((w) => [w, 2] as const));

const pad = (n: number) => String(n).padStart(2, '0');

function monthsBack(today: Date, back: number): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** Solar Hijri month m of year y starts around the 21st of Gregorian month m + 2. */
export function fromSolarHijri(year: number, month: number): [number, number] {
  const shifted = month + 2;
  return shifted > 12 ? [year + 622, shifted - 12] : [year + 621, shifted];
}

/** Ethiopian month m (13: Pagume) of year y starts around the 10th of Gregorian month ((m + 7) mod 12) + 1. */
export function fromEthiopian(year: number, month: number): [number, number] {
  return [month <= 4 ? year + 7 : year + 8, ((month + 7) % 12) + 1];
}

function toGregorian(calendar: Calendar, year: number, month: number): [number, number] {
  if (calendar === 'solarHijri') return fromSolarHijri(year, month);
  if (calendar === 'ethiopian') return fromEthiopian(year, month);
  return [year, month];
}

/** The year of another calendar we are in today (to place a month named without its year). */
function currentYear(calendar: Calendar, today: Date): number {
  const y = today.getUTCFullYear();
  if (calendar === 'solarHijri') return y - 621;
  if (calendar === 'ethiopian') return y - 7;
  return y;
}

/** Month names as whole words, longest first ("كانون الثاني" before "آب"); compiled once. */
const MONTH_PATTERNS = [...MONTHS]
  .sort(([a], [b]) => b.length - a.length)
  .map(([name, value]) => ({ pattern: wholeWord(name), value }));

/** The longest month name in the text ("كانون الثاني", not "آب" inside another word). */
function namedMonth(text: string): [Calendar, number] | undefined {
  return MONTH_PATTERNS.find(({ pattern }) => pattern.test(text))?.value;
}

export function monthFromWords(text: string, locale: Locale, today: Date): string | undefined {
  const input = normalizeInput(text);
  if (!input) return undefined;
  if (THIS_YEAR.some((p) => p.test(input))) return monthsBack(today, today.getUTCMonth());
  if (LAST_YEAR.some((p) => p.test(input))) return monthsBack(today, 12);
  if (AGO.some((p) => p.test(input))) {
    const words = input.split(/[\s-]+/);
    const count = Number(/\d{1,3}/.exec(asciiDigits(input))?.[0] ?? numberFromWords(input, locale) ?? NaN);
    const dualYears = words.find((w) => DUALS.has(w));
    const dualMonths = words.find((w) => MONTH_DUALS.has(w));
    if (dualYears) return monthsBack(today, 24);
    if (dualMonths) return monthsBack(today, 2);
    const n = Number.isFinite(count) ? count : 1;
    if (YEAR_UNITS.some((u) => words.includes(u))) return monthsBack(today, n * 12);
    if (MONTH_UNITS.some((u) => words.includes(u))) return monthsBack(today, n);
  }
  const named = namedMonth(input);
  if (!named) return undefined;
  const [calendar, month] = named;
  const year = /\b(\d{4})\b/.exec(asciiDigits(input))?.[1];
  if (year) {
    const [y, m] = toGregorian(calendar, Number(year), month);
    return `${y}-${pad(m)}`;
  }
  // No year: the last time that month began, this year or the year before.
  for (const back of [0, 1]) {
    const [y, m] = toGregorian(calendar, currentYear(calendar, today) - back, month);
    if (y < today.getUTCFullYear() || (y === today.getUTCFullYear() && m <= today.getUTCMonth() + 1)) return `${y}-${pad(m)}`;
  }
  return undefined;
}
