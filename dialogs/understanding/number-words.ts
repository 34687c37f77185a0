import type { Locale } from '../../knowledge/contracts/vocabulary';
import { normalizeInput } from './normalize';

/**
 * Whole numbers written in words ("vingt-deux", "quatre-vingt-dix", "twenty one"), up to the
 * hundreds: what an age or a count is. Our own, small and instant: recognizers-text takes seconds
 * to rebuild its number model whenever its date model ran in between.
 */
const WORDS: Partial<Record<Locale, Record<string, number>>> = {
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
};
/** Words allowed between number words: "vingt et un", "a hundred and two". */
const JOINERS = new Set(['et', 'and']);

/** The first number written in words in the text, or undefined. */
export function numberFromWords(text: string, locale: Locale): number | undefined {
  const words = WORDS[locale];
  if (!words) return undefined;
  const tokens = normalizeInput(text).split(/[\s-]+/);
  let value: number | undefined;
  for (const token of tokens) {
    const n = words[token];
    if (n === undefined) {
      if (value !== undefined && !JOINERS.has(token)) break; // the number has ended
      continue;
    }
    if (token === 'a' && value === undefined && !tokens.includes('hundred')) continue; // the article
    if (n === 100) value = (value || 1) * 100;
    else if (n === 20 && value !== undefined && value % 100 === 4) value += 76; // quatre-vingt(s): 4 × 20
    else value = (value ?? 0) + n;
  }
  return value;
}
