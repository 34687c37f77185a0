import fc from 'fast-check';

/**
 * Hostile inputs shared by the fuzz tests: text in every script the bot serves and then some (control
 * characters, lone surrogates, bidi and zero-width marks, emoji sequences, combining marks), date-like
 * and number-like answers, JSON with prototype keys, wrong types and deep nesting, and raw bytes that are
 * not UTF-8 at all.
 */

const range = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCodePoint(c));
const chars = (s: string) => fc.constantFrom(...Array.from(s));

export const UNITS = {
  loneSurrogate: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  control: fc.oneof(range(0x00, 0x1f), range(0x7f, 0x9f)),
  bidi: chars('\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c'),
  zeroWidth: chars('\u200b\u200c\u200d\ufeff\u2060\u00ad\u0640'),
  arabicDigit: range(0x660, 0x669),
  persianDigit: range(0x6f0, 0x6f9),
  asciiDigit: range(0x30, 0x39),
  arabic: range(0x621, 0x64a),
  persianPashto: chars('پچژگکیۀټډړږښګڼېۍځڅ،؟٫٬'),
  cyrillic: fc.oneof(range(0x410, 0x44f), chars('іїєґІЇЄҐ')),
  ethiopic: range(0x1200, 0x137c),
  latin: fc.oneof(range(0x61, 0x7a), range(0x41, 0x5a)),
  accented: chars('éèêëàâçùûôîïœæÉÈÀÇŒ'),
  cjk: range(0x4e00, 0x9fff),
  combining: range(0x300, 0x36f),
  emoji: fc.constantFrom('😀', '👍🏽', '👨‍👩‍👧‍👦', '🇫🇷', '🇦🇫', '❤️', '🏳️‍🌈', '🧕🏾', '1️⃣', '🫶'),
  space: chars(' \t\n\r\u00a0\u2028\u2029\u3000\u000b\u000c'),
  punctuation: chars('.,;:!?/\\-_()[]{}"\'`«»…%$#@&*+=<>|~^'),
  any: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  grapheme: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
};

/** One unit of hostile text, from any of the families above. */
export const hostileUnit: fc.Arbitrary<string> = fc.oneof(...Object.values(UNITS));

/** Words people type (and words that look like commands, dates or numbers) in the bot's eight languages. */
const WORDS = [
  'bonjour', 'oui', 'non', 'je', 'suis', 'réfugié', 'refugie', 'demandeur', "d'asile", 'logement', 'travail', 'aide', 'français', 'francais',
  'depuis', 'mars', 'avril', 'janvier', 'décembre', 'il', 'y', 'a', 'ans', 'mois', 'hier', 'demain', 'aujourd’hui', 'et', 'ou', 'le', 'la',
  'hello', 'yes', 'no', 'help', 'back', 'restart', 'english', 'since', 'March', 'last', 'year', 'ago', 'twenty', 'two', 'and',
  'مرحبا', 'نعم', 'لا', 'لاجئ', 'سكن', 'منذ', 'سنة', 'فارسی', 'سلام', 'بله', 'پناهنده', 'از', 'پښتو', 'هو', 'کور',
  'привет', 'да', 'нет', 'беженец', 'жильё', 'з', 'так', 'ні', 'українська', 'ሰላም', 'እወ', 'ትግርኛ',
  'aide', 'urgence', 'recommencer', 'retour', 'effacer', 'supprimer', 'humain', 'langue', 'changer', 'menu',
];
const MONTHS = ['janvier', 'février', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre', 'January', 'March', 'Sept', 'dec'];

/** Latin digits written in another script (what phones in Arabic and Persian produce). */
export function inScript(text: string, script: 'latin' | 'arabic' | 'persian'): string {
  if (script === 'latin') return text;
  const zero = script === 'arabic' ? 0x660 : 0x6f0;
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(zero + Number(d)));
}

const script = fc.constantFrom('latin', 'latin', 'arabic', 'persian') as fc.Arbitrary<'latin' | 'arabic' | 'persian'>;
const year = fc.oneof(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1300, max: 1450 }), fc.integer({ min: 0, max: 99999 }));
const month = fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 99 }));
const sep = fc.constantFrom('/', '-', '.', ' / ', ' ', '', '،', '٫');

/** Things that look like a month and a year, valid or not, in any digit script and several languages. */
export const dateLike: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(month, sep, year, script).map(([m, s, y, sc]) => inScript(`${String(m).padStart(2, '0')}${s}${y}`, sc)),
  fc.tuple(year, sep, month, script).map(([y, s, m, sc]) => inScript(`${y}${s}${m}`, sc)),
  fc.tuple(fc.constantFrom(...MONTHS), year).map(([m, y]) => `${m} ${y}`),
  fc.tuple(fc.constantFrom('depuis', 'en', 'since', 'in', 'le', 'début', 'fin', 'mi-'), fc.constantFrom(...MONTHS), year).map(([p, m, y]) => `${p} ${m} ${y}`),
  fc.tuple(fc.integer({ min: 0, max: 60 }), fc.constantFrom('ans', 'mois', 'semaines', 'jours', 'years', 'months', 'سنة', 'سال')).map(([n, u]) => `il y a ${n} ${u}`),
  fc.tuple(fc.integer({ min: 1, max: 31 }), fc.constantFrom(...MONTHS), year).map(([d, m, y]) => `le ${d} ${m} ${y}`),
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), year, sep).map(([d, m, y, s]) => `${d}${s}${m}${s}${y}`),
  fc.constantFrom('hier', 'demain', "l'année dernière", "l'an dernier", 'cette année', 'last year', 'this year', 'yesterday', 'next month', 'mois dernier', 'aujourd’hui', '2026', '1404', '۱۴۰۴/۰۳', '١٤٠٤/٠٣', '0/0', '00/0000', '99/9999', '12/2026', '13/2025', '2025-13', '2025-00', '-1/2025', '1e3/2025', '٠٣/٢٠٢٥'),
);

/** Things that look like a whole number (an age), valid or not. */
export const numberLike: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: -1000, max: 100000 }), script).map(([n, sc]) => inScript(String(n), sc)),
  fc.tuple(fc.double({ noNaN: false }), script).map(([n, sc]) => inScript(String(n), sc)),
  fc.constantFrom('vingt', 'vingt-deux', 'quatre-vingt-dix-neuf', 'trente et un', 'cent vingt', 'mille', 'twenty', 'twenty-two', 'ninety nine', 'one hundred and twenty', 'a million',
    '1e10', '-5', '3.5', '12,5', '1 000', '١٢', '۲۵', '0x1F', 'Infinity', 'NaN', '٣٠', '۱۲۰', '121', '0', '00000000000000000000030', '９', '٫٥'),
  fc.tuple(fc.integer({ min: 0, max: 130 }), fc.constantFrom('ans', 'years old', 'سنة', 'سال', 'лет', 'років', '')).map(([n, u]) => `${n} ${u}`.trim()),
);

/** A sentence of words, dates and numbers in mixed scripts, with hostile units between them. */
export const sentence: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WORDS) }, dateLike, numberLike, fc.string({ unit: hostileUnit, maxLength: 6 })), { minLength: 1, maxLength: 12 })
  .chain((parts) => fc.tuple(fc.constant(parts), fc.array(fc.constantFrom(' ', ', ', ' et ', ' and ', '\n', '\u200f', '،', ''), { minLength: parts.length, maxLength: parts.length })))
  .map(([parts, seps]) => parts.map((p, i) => `${p}${seps[i]}`).join('').trim());

/** A chunk repeated up to a length: what makes regex-heavy recognizers slow. */
export function repeated(chunk: fc.Arbitrary<string>, minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.tuple(chunk.filter((c) => c.length > 0), fc.integer({ min: minLength, max: maxLength })).map(([c, n]) => c.repeat(Math.ceil(n / c.length)).slice(0, n));
}

/** Any text a person (or an attacker) could type, short or up to `maxLength` characters. */
export function hostileText(maxLength: number): fc.Arbitrary<string> {
  const longFrom = Math.min(100, Math.floor(maxLength / 2));
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: hostileUnit, maxLength: 40 }) },
    { weight: 3, arbitrary: sentence },
    { weight: 2, arbitrary: dateLike },
    { weight: 2, arbitrary: numberLike },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', '\u200f', '\u0000', '\ufeff', '\ud800', '\udfff', '\udc00\ud800', '😀'.slice(0, 1)) },
    { weight: 2, arbitrary: repeated(fc.oneof(sentence, dateLike, fc.string({ unit: hostileUnit, minLength: 1, maxLength: 8 })), longFrom, maxLength) },
    { weight: 1, arbitrary: repeated(fc.oneof(sentence, dateLike), Math.max(longFrom, maxLength - 50), maxLength) },
  );
}

// ---------------------------------------------------------------------------------------------------
// JSON as text: any key (prototype keys, duplicates, empty), any value, exactly as an attacker writes it

export type Tree = null | boolean | string | Tree[] | { raw: string } | { entries: Array<[string, Tree]> };

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then'];

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  { weight: 2, arbitrary: fc.constantFrom('type', 'text', 'id', 'from', 'conversation', 'recipient', 'channelData', 'value', 'locale', 'role', 'user', 'credential', 'status', 'location', 'needs', 'webchat:sequence-id', 'clientActivityID') },
  { weight: 2, arbitrary: fc.string({ unit: hostileUnit, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u0000', 'a'.repeat(101)) },
);

const rawNumber = fc.constantFrom('1e400', '-1e400', '-0', '0.0000000000000000000001', '123456789012345678901234567890', '9007199254740993', '1E-400', '5e-324');
export const leaf: fc.Arbitrary<Tree> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer().map((n) => ({ raw: String(n) })),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => ({ raw: JSON.stringify(n) })),
  rawNumber.map((raw) => ({ raw })),
  hostileText(200),
);

export const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree; array: Tree[]; object: { entries: Array<[string, Tree]> } }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 5 }),
  object: fc.array(fc.tuple(hostileKey, tie('node')), { maxLength: 6 }).map((entries) => ({ entries })),
})).node;

/** The JSON text of a tree: object keys exactly as given, so "__proto__" is an own key of what the server parses. */
export function toJson(value: Tree): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if ('raw' in value) return value.raw;
  return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
}

export const obj = (entries: Array<[string, Tree]>): Tree => ({ entries });

/** `[[[…]]]` or `{"a":{"a":…}}` nested `depth` deep, as text (JSON.stringify cannot write what attacks send). */
export function nested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}null${'}'.repeat(depth)}`;
}

export const deepNest: fc.Arbitrary<{ raw: string }> = fc
  .tuple(fc.oneof(fc.integer({ min: 7, max: 40 }), fc.integer({ min: 40, max: 6_000 })), fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>)
  .map(([depth, kind]) => ({ raw: nested(depth, kind) }));

/** A tree wide enough to pass any node budget. */
export const wide: fc.Arbitrary<{ raw: string }> = fc
  .tuple(fc.integer({ min: 150, max: 3_000 }), fc.constantFrom('0', 'null', '"x"', '[]', '{}'))
  .map(([n, item]) => ({ raw: `[${Array(n).fill(item).join(',')}]` }));

// ---------------------------------------------------------------------------------------------------
// Bytes

/** Byte sequences that are not UTF-8: lone continuation bytes, overlong forms, CESU surrogates, cut sequences. */
export const INVALID_UTF8 = [
  [0x80], [0xbf], [0xc0, 0xaf], [0xc1, 0xbf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80],
  [0xf5], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xfc, 0x84, 0x80, 0x80, 0x80, 0x80], [0xfe], [0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98],
  [0xc3, 0x28], [0xa0, 0xa1], [0xe2, 0x28, 0xa1], [0xf0, 0x28, 0x8c, 0xbc], [0x00],
].map((bytes) => Buffer.from(bytes));

/** A JSON text with invalid UTF-8 bytes spliced in, inside strings or between tokens, or bytes alone. */
export function withBadBytes(json: fc.Arbitrary<string>): fc.Arbitrary<Buffer> {
  return fc.oneof(
    fc.tuple(json, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVALID_UTF8)), { minLength: 1, maxLength: 4 })).map(([text, cuts]) => {
      let body = Buffer.from(text, 'utf8');
      for (const [at, bytes] of cuts) {
        const i = body.length === 0 ? 0 : at % body.length;
        body = Buffer.concat([body.subarray(0, i), bytes, body.subarray(i)]);
      }
      return body;
    }),
    // Inside a string value, where a lenient decoder would keep them.
    fc.tuple(fc.constantFrom(...INVALID_UTF8), fc.constantFrom(...INVALID_UTF8)).map(([a, b]) => Buffer.concat([Buffer.from('{"type":"message","text":"a'), a, Buffer.from('b'), b, Buffer.from('"}')])),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
    // A byte-order mark, or the whole JSON in UTF-16: valid text, not UTF-8.
    json.map((text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])),
    json.map((text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])),
    json.map((text) => Buffer.from(text, 'latin1')),
  );
}

/** Header values node:http will send (tab, printable ASCII and Latin-1), hostile otherwise. */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.oneof(range(0x20, 0x7e), range(0x80, 0xff), fc.constant('\t')), maxLength: 60 }),
  fc.constantFrom('', ' ', 'null', 'undefined', '*', '\t', 'a'.repeat(2000)),
);

/** Percent-encodes every byte of the text's UTF-8 (lone surrogates become U+FFFD), unreserved bytes kept. */
export function percent(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Percent-encodes the bytes node:http refuses in a path (non-ASCII, spaces, controls), keeping the rest as is. */
export function pathSafe(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) out += byte > 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}
