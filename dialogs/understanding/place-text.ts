import type { LocationQuery } from '../../knowledge/contracts/profile';

/**
 * "Where do you live?" answered in a sentence: "j'habite à Saint-Denis", "I live in Lyon", "я живу в Ліоні",
 * "أسكن في ليون", "در لیون زندگی می‌کنم", "زه په لیون کې اوسېږم", "ኣብ ሊዮን እነብር". The words around the
 * place are taken off, in each of our languages; what is left is the place to look up.
 */
const LEAD_INS: RegExp[] = [
  /^(?:moi\s+)?(?:j'?\s*habite|je\s+vis|je\s+suis|je\s+reste|nous\s+habitons|on\s+habite|habite)\s+(?:a|à|au|aux|en|dans|sur|pres\s+de|près\s+de)?\s*/iu,
  /^(?:i\s+live|i\s+am|i'm|we\s+live|i\s+stay|living)\s+(?:in|at|near)?\s*/iu,
  /^(?:я\s+)?(?:живу|живём|живем|проживаю|мешкаю|живемо)\s+(?:в|во|у)?\s*/iu,
  /^(?:أنا\s+|انا\s+)?(?:أسكن|اسكن|أعيش|اعيش|نسكن|نعيش|ساكن)\s+(?:في|فى)?\s*/u,
  /^(?:من\s+)?(?:در|تو)\s+/u,
  /^(?:زه\s+)?په\s+/u,
  /^(?:ኣነ\s+)?ኣብ\s+/u,
  // The preposition alone: "à Lyon", "in Lyon", "в Лионе", "في ليون".
  /^(?:a|à|au|en|dans|in|at|near|в|во|у|في|فى)\s+/iu,
];
const TRAILERS: RegExp[] = [
  /\s+(?:زندگی[\s\u200c]*می[\s\u200c]*کنم|ساکن\s+هستم|ساکنم|هستم)$/u,
  /\s+(?:کې|کښې)(?:\s+(?:اوسېږم|اوسیږم|ژوند\s+کوم|یم))?$/u,
  /\s+(?:እነብር|እቕመጥ|ይነብር)(?:\s+ኣለኹ)?$/u,
];
/** Russian and Ukrainian put the place in the locative: "в Лионе", "у Ліоні", "в Марселе". */
const LOCATIVE = /(?<=[\p{Script=Cyrillic}]{3,})(?:е|і|и)$/u;

export function placeFromSentence(text: string): string {
  let place = text.trim().replace(/[.!?؟。]+$/u, '');
  for (const lead of LEAD_INS) place = place.replace(lead, '');
  for (const trail of TRAILERS) place = place.replace(trail, '');
  return place.trim();
}

/** The same place without a Cyrillic locative ending, to try when the first reading finds nothing. */
export function withoutLocative(place: string): string | undefined {
  const bare = place.replace(LOCATIVE, '');
  return bare !== place ? bare : undefined;
}

/** A place written as such: a postcode, a department number, or else a town's name. */
export function locationQueryOf(text: string): LocationQuery {
  const place = text.trim();
  if (/^\d{5}$/.test(place)) return { postcode: place };
  if (/^(\d{2}|2[ab]|97[1-6])$/i.test(place)) return { department: place.toUpperCase() };
  return { commune: place };
}
