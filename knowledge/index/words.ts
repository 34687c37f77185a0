import Fuse from 'fuse.js';
import type { Resource } from '../catalog/schema';
import { LOCALES } from '../contracts/vocabulary';

/**
 * The words of every resource, in every locale, built once with the index: word → the resources that
 * use it and in which field (title 1, keyword 0.9, summary 0.5). A typo is matched through the words
 * that share its trigrams, then scored by fuse.js among those few: fuzzy search over a 100,000-resource
 * catalog then costs a few map lookups, not a scan.
 */
const FIELD_WEIGHT = { title: 1, keyword: 0.9, summary: 0.5 } as const;
/** Words too common to tell resources apart. */
const STOP = new Set(['les', 'des', 'pour', 'une', 'dans', 'avec', 'aux', 'the', 'and', 'for', 'with', 'your', 'vous', 'votre']);

const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;
/** Arabic and Persian/Pashto write these letters differently (ي/ی, ى/ی, ك/ک): a search in one finds the other. */
const VARIANTS: Readonly<Record<string, string>> = { 'ي': 'ی', 'ى': 'ی', 'ك': 'ک' };
const unify = (s: string) => s.replace(/[يىك]/g, (c) => VARIANTS[c]!);
const NON_ASCII = /[^\x00-\x7f]/;
/** Folded form of each token seen (accents and marks removed): words repeat, folding them does not. */
const folded = new Map<string, string>();
const FOLD_CACHE_MAX = 200_000;

function fold(token: string): string {
  let f = folded.get(token);
  if (f === undefined) {
    // ASCII has nothing to fold; the Unicode round trip is the costly part of indexing.
    f = NON_ASCII.test(token) ? unify(token.normalize('NFD').replace(/\p{M}/gu, '')) : token;
    if (folded.size >= FOLD_CACHE_MAX) folded.clear();
    folded.set(token, f);
  }
  return f;
}

/** The searchable words of a text: lower case, accents, marks and letter variants folded, short and stop words left out. */
export function words(text: string): string[] {
  const out: string[] = [];
  const ascii = !NON_ASCII.test(text);
  for (const token of text.toLowerCase().match(TOKEN) ?? []) {
    const w = ascii ? token : fold(token);
    if (w.length > 2 && !(w.length <= 5 && STOP.has(w))) out.push(w);
  }
  return out;
}

/**
 * The same words as `words()`, read without allocating a string per word: the catalog holds millions of
 * word occurrences but a few thousand distinct words, so each word is folded into a buffer, hashed, and
 * matched against the words already seen; only a new word becomes a new string. Characters outside the
 * Basic Multilingual Plane are separators here (none of our eight languages needs them).
 */
const TOKEN_CHAR = /[\p{L}\p{M}\p{N}]/u;
const charClass = new Int8Array(65536); // 0 not yet known, 1 part of a word, 2 separator
const foldedChars: (string | undefined)[] = [];

function isWordChar(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  let c = charClass[code]!;
  if (c === 0) charClass[code] = c = TOKEN_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
  return c === 1;
}

function foldedChar(code: number): string {
  let f = foldedChars[code];
  if (f === undefined) foldedChars[code] = f = unify(String.fromCharCode(code).toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''));
  return f;
}

export class WordScanner {
  private readonly buffer = new Uint16Array(128);
  private readonly seen = new Map<number, string[]>();
  private length = 0;
  private hash = 0;

  /** Calls `onWord` for each searchable word of `text`, in order, exactly as `words(text)` lists them. */
  scan(text: string, onWord: (word: string) => void): void {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (!isWordChar(code)) {
        this.end(onWord);
      } else if (code < 128) {
        this.push(code >= 65 && code <= 90 ? code + 32 : code);
      } else {
        const f = foldedChar(code);
        for (let k = 0; k < f.length; k++) this.push(f.charCodeAt(k));
      }
    }
    this.end(onWord);
  }

  private push(c: number): void {
    if (this.length < this.buffer.length) this.buffer[this.length] = c;
    this.length++;
    this.hash = (Math.imul(this.hash, 31) + c) | 0;
  }

  private end(onWord: (word: string) => void): void {
    const length = this.length;
    const key = this.hash ^ length;
    this.length = 0;
    this.hash = 0;
    // Longer than the buffer: not a word anyone types.
    if (length <= 2 || length > this.buffer.length) return;
    let bucket = this.seen.get(key);
    let word = bucket?.find((w) => this.matches(w, length));
    if (word === undefined) {
      word = String.fromCharCode(...this.buffer.subarray(0, length));
      if (bucket) bucket.push(word);
      else this.seen.set(key, (bucket = [word]));
    }
    if (!(length <= 5 && STOP.has(word))) onWord(word);
  }

  private matches(word: string, length: number): boolean {
    if (word.length !== length) return false;
    for (let i = 0; i < length; i++) if (word.charCodeAt(i) !== this.buffer[i]) return false;
    return true;
  }
}

export interface Postings {
  positions: number[];
  weights: number[];
}

export interface WordIndex {
  postings: Map<string, Postings>;
  /** Trigram → words containing it, for typo candidates. */
  trigrams: Map<string, string[]>;
  size: number;
}

function trigramsOf(word: string): string[] {
  const padded = ` ${word} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

export function buildWordIndex(resources: readonly Resource[]): WordIndex {
  const postings = new Map<string, Postings>();
  const scanner = new WordScanner();
  let position = 0;
  let weight = 0;
  const add = (w: string) => {
    let p = postings.get(w);
    if (!p) postings.set(w, (p = { positions: [], weights: [] }));
    const last = p.positions.length - 1;
    // Resources are added in order, so a repeated word of the same resource is always the last entry;
    // fields come title first, so the first weight of a resource is already its highest.
    if (last < 0 || p.positions[last] !== position) {
      p.positions.push(position);
      p.weights.push(weight);
    }
  };
  for (position = 0; position < resources.length; position++) {
    const r = resources[position]!;
    weight = FIELD_WEIGHT.title;
    for (const l of LOCALES) {
      const title = r.title[l];
      if (title) scanner.scan(title, add);
    }
    weight = FIELD_WEIGHT.keyword;
    for (const l of LOCALES) for (const k of r.keywords?.[l] ?? []) scanner.scan(k, add);
    weight = FIELD_WEIGHT.summary;
    for (const l of LOCALES) {
      const summary = r.summary[l];
      if (summary) scanner.scan(summary, add);
    }
  }
  const trigrams = new Map<string, string[]>();
  for (const w of postings.keys()) {
    for (const g of new Set(trigramsOf(w))) {
      const list = trigrams.get(g);
      if (list) list.push(w);
      else trigrams.set(g, [w]);
    }
  }
  return { postings, trigrams, size: resources.length };
}

/** Known words close to a typed one: those sharing trigrams with it, ranked by fuse.js. */
export function closeWords(index: WordIndex, word: string, limit = 5): [string, number][] {
  if (index.postings.has(word)) return [[word, 1]];
  const grams = trigramsOf(word);
  const shared = new Map<string, number>();
  for (const g of grams) for (const w of index.trigrams.get(g) ?? []) shared.set(w, (shared.get(w) ?? 0) + 1);
  const candidates = [...shared].filter(([, n]) => n >= Math.max(1, Math.floor(grams.length / 3))).sort((a, b) => b[1] - a[1]).slice(0, 60).map(([w]) => w);
  if (candidates.length === 0) return [];
  return new Fuse(candidates, { includeScore: true, threshold: 0.25, ignoreDiacritics: true })
    .search(word, { limit })
    .map((m) => [m.item, 1 - (m.score ?? 1)]);
}
