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
const NON_ASCII = /[^\x00-\x7f]/;
/** Folded form of each token seen (accents and marks removed): words repeat, folding them does not. */
const folded = new Map<string, string>();
const FOLD_CACHE_MAX = 200_000;

function fold(token: string): string {
  let f = folded.get(token);
  if (f === undefined) {
    // ASCII has nothing to fold; the Unicode round trip is the costly part of indexing.
    f = NON_ASCII.test(token) ? token.normalize('NFD').replace(/\p{M}/gu, '') : token;
    if (folded.size >= FOLD_CACHE_MAX) folded.clear();
    folded.set(token, f);
  }
  return f;
}

/** The searchable words of a text: lower case, accents and marks folded, short and stop words left out. */
export function words(text: string): string[] {
  const out: string[] = [];
  const ascii = !NON_ASCII.test(text);
  for (const token of text.toLowerCase().match(TOKEN) ?? []) {
    const w = ascii ? token : fold(token);
    if (w.length > 2 && !(w.length <= 5 && STOP.has(w))) out.push(w);
  }
  return out;
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

function add(postings: Map<string, Postings>, tokens: readonly string[], position: number, weight: number): void {
  for (const w of tokens) {
    let p = postings.get(w);
    if (!p) postings.set(w, (p = { positions: [], weights: [] }));
    const last = p.positions.length - 1;
    // Resources are added in order, so a repeated word of the same resource is always the last entry;
    // fields come title first, so the first weight of a resource is already its highest.
    if (last < 0 || p.positions[last] !== position) {
      p.positions.push(position);
      p.weights.push(weight);
    }
  }
}

export function buildWordIndex(resources: readonly Resource[]): WordIndex {
  const postings = new Map<string, Postings>();
  resources.forEach((r, position) => {
    for (const l of LOCALES) {
      const title = r.title[l];
      if (title) add(postings, words(title), position, FIELD_WEIGHT.title);
    }
    for (const l of LOCALES) for (const k of r.keywords?.[l] ?? []) add(postings, words(k), position, FIELD_WEIGHT.keyword);
    for (const l of LOCALES) {
      const summary = r.summary[l];
      if (summary) add(postings, words(summary), position, FIELD_WEIGHT.summary);
    }
  });
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
