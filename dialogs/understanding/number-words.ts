import type { Locale } from '../../knowledge/contracts/vocabulary';
import { normalizeInput } from './normalize';

/**
 * Whole numbers written in words ("vingt-deux", "тридцять вісім", "سی و هشت", "ሰላሳን ሸሞንተን"), up to the
 * hundreds: what an age or a count is. Our own, small and instant: recognizers-text knows only French and
 * English here, and takes seconds to rebuild its number model whenever its date model ran in between.
 */
const SPELLED: Record<Locale, Record<string, number>> = {
  fr: {
    zero: 0, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9,
    dix: 10, onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16,
    vingt: 20, vingts: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60,
    // Belgian and Swiss French.
    septante: 70, huitante: 80, octante: 80, nonante: 90,
    cent: 100, cents: 100,
  },
  en: {
    zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
    ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
    twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
    hundred: 100, a: 1,
  },
  ru: {
    ноль: 0, один: 1, одна: 1, два: 2, две: 2, три: 3, четыре: 4, пять: 5, шесть: 6, семь: 7, восемь: 8, девять: 9,
    десять: 10, одиннадцать: 11, двенадцать: 12, тринадцать: 13, четырнадцать: 14, пятнадцать: 15, шестнадцать: 16,
    семнадцать: 17, восемнадцать: 18, девятнадцать: 19,
    двадцать: 20, тридцать: 30, сорок: 40, пятьдесят: 50, шестьдесят: 60, семьдесят: 70, восемьдесят: 80, девяносто: 90, сто: 100,
  },
  uk: {
    нуль: 0, один: 1, одна: 1, два: 2, дві: 2, три: 3, чотири: 4, "п'ять": 5, шість: 6, сім: 7, вісім: 8, "дев'ять": 9,
    десять: 10, одинадцять: 11, дванадцять: 12, тринадцять: 13, чотирнадцять: 14, "п'ятнадцять": 15, шістнадцять: 16,
    сімнадцять: 17, вісімнадцять: 18, "дев'ятнадцять": 19,
    двадцять: 20, тридцять: 30, сорок: 40, "п'ятдесят": 50, шістдесят: 60, сімдесят: 70, вісімдесят: 80, "дев'яносто": 90, сто: 100,
  },
  ar: {
    صفر: 0, واحد: 1, اثنان: 2, اثنين: 2, ثلاثة: 3, ثلاث: 3, أربعة: 4, أربع: 4, خمسة: 5, خمس: 5, ستة: 6, ست: 6,
    سبعة: 7, سبع: 7, ثمانية: 8, ثماني: 8, ثمان: 8, تسعة: 9, تسع: 9, عشرة: 10, عشر: 10,
    عشرون: 20, عشرين: 20, ثلاثون: 30, ثلاثين: 30, أربعون: 40, أربعين: 40, خمسون: 50, خمسين: 50, ستون: 60, ستين: 60,
    سبعون: 70, سبعين: 70, ثمانون: 80, ثمانين: 80, تسعون: 90, تسعين: 90, مائة: 100, مئة: 100,
  },
  fa: {
    صفر: 0, یک: 1, دو: 2, سه: 3, چهار: 4, پنج: 5, شش: 6, شیش: 6, هفت: 7, هشت: 8, نه: 9, ده: 10,
    یازده: 11, دوازده: 12, سیزده: 13, چهارده: 14, پانزده: 15, شانزده: 16, هفده: 17, هجده: 18, هیجده: 18, نوزده: 19,
    بیست: 20, سی: 30, چهل: 40, پنجاه: 50, شصت: 60, هفتاد: 70, هشتاد: 80, نود: 90, صد: 100,
  },
  ps: {
    یو: 1, دوه: 2, درې: 3, څلور: 4, پنځه: 5, شپږ: 6, اووه: 7, اته: 8, نهه: 9, لس: 10,
    یوولس: 11, دولس: 12, دیارلس: 13, څوارلس: 14, پنځلس: 15, شپاړس: 16, اوولس: 17, اتلس: 18, نولس: 19,
    شل: 20, ویشت: 20, دېرش: 30, څلوېښت: 40, پنځوس: 50, شپېته: 60, اویا: 70, اتیا: 80, نوي: 90, سل: 100,
  },
  ti: {
    ሓደ: 1, ክልተ: 2, ሰለስተ: 3, ኣርባዕተ: 4, ሓሙሽተ: 5, ሽዱሽተ: 6, ሸውዓተ: 7, ሸሞንተ: 8, ትሽዓተ: 9, ዓሰርተ: 10,
    ዕስራ: 20, ሰላሳ: 30, ኣርብዓ: 40, ሓምሳ: 50, ሱሳ: 60, ሰብዓ: 70, ሰማንያ: 80, ቴስዓ: 90, ሚእቲ: 100,
  },
};

/** Looked up after the same folding as the person's text (accents, Arabic letter variants). */
const WORDS = Object.fromEntries(
  Object.entries(SPELLED).map(([locale, words]) => [locale, new Map(Object.entries(words).map(([w, n]) => [normalizeInput(w), n]))]),
) as Record<Locale, Map<string, number>>;

/** Words allowed between number words: "vingt et un", "a hundred and two", "سی و هشت". */
const JOINERS = new Set(['et', 'and', 'و']);

/** A number word, also with "and" glued to it: و before it (Arabic), ን after it (Tigrinya "ሰላሳን ሸሞንተን"). */
function valueOf(token: string, words: Map<string, number>): number | undefined {
  return words.get(token) ?? (token.length > 1 && token.startsWith('و') ? words.get(token.slice(1)) : undefined) ?? (token.endsWith('ን') ? words.get(token.slice(0, -1)) : undefined);
}

/** The first number written in words in the text, or undefined. */
export function numberFromWords(text: string, locale: Locale): number | undefined {
  const words = WORDS[locale];
  const tokens = normalizeInput(text).split(/[\s-]+/);
  let value: number | undefined;
  for (const token of tokens) {
    const n = valueOf(token, words);
    if (n === undefined) {
      if (value !== undefined && !JOINERS.has(token)) break; // the number has ended
      continue;
    }
    if (token === 'a' && value === undefined && !tokens.includes('hundred')) continue; // the article
    if (n === 100) value = (value || 1) * 100;
    else if (n === 20 && value !== undefined && value % 100 === 4 && locale === 'fr') value += 76; // quatre-vingt(s): 4 × 20
    else value = (value ?? 0) + n;
  }
  return value;
}
