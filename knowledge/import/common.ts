import { createHash } from 'node:crypto';
import { ImportParseError, type ImportFormat } from './types';
import { isInFrance } from './geo';

/**
 * The catalog id of an imported record: `<format>/<slug of the source reference>`. The slug is the lower-cased
 * reference with every character other than a-z, 0-9 and `-` turned into `-`; when that loses more than the case (accents,
 * underscores, spaces…), 8 hex digits of its SHA-1 are appended so that two references do not share an id.
 */
export function importedId(format: ImportFormat, ref: string): string {
  const slug = ref
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const lossless = slug === ref.toLowerCase();
  const hash = createHash('sha1').update(ref).digest('hex').slice(0, 8);
  return `${format}/${lossless ? slug : [slug.slice(0, 80), hash].filter(Boolean).join('-')}`;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', eacute: 'é', egrave: 'è', ecirc: 'ê', agrave: 'à',
  acirc: 'â', ccedil: 'ç', ocirc: 'ô', ucirc: 'û', ugrave: 'ù', icirc: 'î', iuml: 'ï', euml: 'ë', rsquo: '’',
  lsquo: '‘', laquo: '«', raquo: '»', hellip: '…', ndash: '–', mdash: '—', oelig: 'œ', Eacute: 'É',
};

/** Plain text from the HTML fragments producers put in descriptions (LHEO contenu, Refugies.info `what`). */
export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/li|\/div|\/h\d)\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(parseInt(code.slice(2), 16));
      if (code.startsWith('#')) return String.fromCodePoint(parseInt(code.slice(1), 10));
      return NAMED_ENTITIES[code] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** A heading or list item read as a sentence: it ends with a full stop unless it has its own punctuation. */
const sentence = (line: string) => (/[.:;!?…]$/.test(line.trim()) ? line.trim() : `${line.trim()}.`);

/**
 * Plain text from Markdown (data·inclusion descriptions): headings and list items become sentences; emphasis,
 * code, quotes, rules and escapes lose their marks; links and images keep their text. HTML is left to `htmlToText`.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^ {0,3}([-*_])(?:\s*\1){2,}\s*$/gm, '')
    .replace(/^ {0,3}#{1,6}\s+(.*?)[\s#]*$/gm, (_m, heading: string) => sentence(heading))
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+(.*)$/gm, (_m, item: string) => sentence(item))
    .replace(/^ {0,3}>\s?/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])/g, (_m, a?: string, b?: string) => a ?? b ?? '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1');
}

/** At most `max` characters, cut at a word boundary with an ellipsis. */
export function shorten(text: string, max = 400): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** First non-empty plain text among the candidates. */
export function firstText(...values: (string | undefined | null)[]): string | undefined {
  for (const v of values) {
    const t = typeof v === 'string' ? htmlToText(v) : '';
    if (t) return t;
  }
  return undefined;
}

/**
 * A phone number in the catalog's shape (digits, spaces, "+"). Dots, dashes, slashes and parentheses become
 * spaces; "+33 (0)1…" loses its "(0)". Returned unchanged when it still does not fit, so that the schema
 * rejects the record with its own message.
 */
export function normalisePhone(raw: string): string {
  const cleaned = raw
    .replace(/\(0\)/g, '')
    .replace(/[.\-/()\u00a0]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return /^[0-9 +]{3,20}$/.test(cleaned) ? cleaned : raw.trim();
}

/**
 * What producers put in a field they must fill but do not know: "-", "--", "…", "N/C", "Non renseigné". Such a
 * value is missing, never content.
 */
const PLACEHOLDER = /^(?:[-–—_.…*/\s]+|n\.?\s?[cr]\.?|n\/[acr]|non (?:renseigne|communique|precise)e?s?|neant|sans objet|inconnue?)$/;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(fold(value));
}

/**
 * An http(s) address from what producers type in a URL field: "www.example.fr" and "example.fr/page" get
 * `https://`. Anything else is returned as it is, so that the schema rejects it with its own message.
 */
export function webUrl(raw: string): string {
  const url = raw.trim();
  if (/^https?:\/\//i.test(url)) return url;
  // A host name (labels, then a top-level domain of letters) with an optional path: the scheme is all it lacks.
  return /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}(?::\d+)?(?:[/?#]\S*)?$/i.test(url) ? `https://${url}` : url;
}

/** Coordinates as `[lon, lat]`, or a reason why they are unusable. Accepts numbers and "45,12" strings. */
export function coordinates(lat: unknown, lon: unknown): { value?: [number, number]; error?: string } {
  if ((lat === undefined || lat === null || lat === '') && (lon === undefined || lon === null || lon === '')) return {};
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v.trim().replace(',', '.')) : NaN);
  const y = num(lat);
  const x = num(lon);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return { error: `coordinates are not numbers (latitude "${String(lat)}", longitude "${String(lon)}")` };
  if (!isInFrance(x, y)) {
    const swapped = isInFrance(y, x) ? ' (latitude and longitude look swapped)' : '';
    return { error: `coordinates latitude ${y}, longitude ${x} are not in France${swapped}` };
  }
  return { value: [x, y] };
}

/** `value` as a list: undefined/null → [], a single value → [value]. */
export function asList<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Accent-free lower-case text for matching labels. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** A JSON file of an importer; one that does not parse is an ImportParseError (exit 2, nothing imported). */
export function parseJson(format: ImportFormat, content: string | Buffer): unknown {
  try {
    return JSON.parse(typeof content === 'string' ? content : content.toString('utf8'));
  } catch (e) {
    throw new ImportParseError(format, `invalid JSON: ${(e as Error).message}`);
  }
}
