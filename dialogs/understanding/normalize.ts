/**
 * Text as typed on a phone in any of our scripts, made comparable: Arabic-Indic and Persian digits become
 * ASCII (recognizers and number prompts fail on "١٢" in every culture), the Arabic comma and question mark
 * become Latin ones, accents and case are folded, and tatweel and invisible marks are dropped.
 */
const DIGITS: Record<string, string> = {};
'٠١٢٣٤٥٦٧٨٩'.split('').forEach((d, i) => (DIGITS[d] = String(i)));
'۰۱۲۳۴۵۶۷۸۹'.split('').forEach((d, i) => (DIGITS[d] = String(i)));

export function asciiDigits(text: string): string {
  return text.replace(/[٠-٩۰-۹]/g, (d) => DIGITS[d] ?? d);
}

export function normalizeInput(text: string): string {
  return asciiDigits(text)
    .replace(/،/g, ',')
    .replace(/؟/g, '?')
    .replace(/[\u0640\u200c\u200d\u200e\u200f]/g, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[يى]/g, 'ی')
    .replace(/ك/g, 'ک')
    .toLowerCase()
    .replace(/[’'`´ʼ]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
