/**
 * Normalisation of place names and codes typed by people: accents, case, hyphens, apostrophes
 * and the usual abbreviations ("St", "Ste") must not matter.
 */

const ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' };

/** Per character: its lower-case ASCII letters/digits without accents ("É" → "e", "œ" → "oe"), or "" for a separator. */
const foldCache = new Map<number, string>();

function fold(code: number, ch: string): string {
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) return ch;
  if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
  let f = foldCache.get(code);
  if (f === undefined) {
    f = ch
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      .replace(/ß/g, 'ss')
      .replace(/[^a-z0-9]/g, '');
    foldCache.set(code, f);
  }
  return f;
}

/** "Saint-Étienne-du-Rouvray", "st etienne du rouvray" and "ST-ÉTIENNE DU ROUVRAY" all give "saint etienne du rouvray". */
export function normaliseName(input: string): string {
  let out = '';
  let pendingSpace = false;
  for (const ch of input) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x300 && code <= 0x36f) continue; // combining accent of a decomposed letter
    const f = fold(code, ch);
    if (f === '') {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += f;
  }
  if (!/(^| )s(t|te|ts|tes)( |$)/.test(out)) return out;
  return out
    .split(' ')
    .map((w) => ABBREVIATIONS[w] ?? w)
    .join(' ');
}

/** The normalised name without spaces, so "Saintdenis" still meets "Saint-Denis". */
export function compactName(normalised: string): string {
  return normalised.replace(/ /g, '');
}

/** "2a" → "2A", "1" → "01", " 974 " → "974"; anything else unchanged (upper-cased, trimmed). */
export function normaliseDepartmentCode(input: string): string {
  const code = input.trim().toUpperCase();
  return /^\d$/.test(code) ? `0${code}` : code;
}

/** INSEE codes are 5 characters; Corsican ones start with 2A/2B. */
export function normaliseInseeCode(input: string): string {
  return input.trim().toUpperCase();
}

export function normalisePostcode(input: string): string {
  return input.replace(/\s+/g, '');
}
