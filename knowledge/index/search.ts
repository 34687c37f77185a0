import Fuse from 'fuse.js';
import type { Resource } from '../catalog/schema';
import { LOCALES, type Locale, type Scope, type Theme } from '../contracts/vocabulary';
import { partitionsFor, type CatalogIndex } from './build';
import { pick } from './localize';

/**
 * Free-text search: facets first (department → its partitions, theme), then words. Each partition keeps
 * the words of its resources' titles, keywords and summaries in every locale, so "permis", "driving
 * licence" and "رخصة القيادة" reach the same resources. A query word matches exactly through a map, or
 * fuzzily through fuse.js over the partition's vocabulary (short strings: fast, unlike fuse.js over long
 * multilingual documents, which took ~100 ms for 200 resources).
 */
export interface SearchQuery {
  text: string;
  department?: string;
  theme?: Theme;
  locale?: Locale;
  limit?: number;
}

export interface SearchHit {
  id: string;
  title: string;
  theme: Theme;
  scope: Scope;
  score: number;
}

const FIELD_WEIGHT = { title: 1, keyword: 0.9, summary: 0.5 } as const;
/** Words too common to tell resources apart. */
const STOP = new Set(['les', 'des', 'pour', 'une', 'dans', 'avec', 'aux', 'the', 'and', 'for', 'with', 'your', 'vous', 'votre']);

export function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function words(text: string): string[] {
  return (normalise(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 2 && !STOP.has(w));
}

interface Posting {
  position: number;
  weight: number;
}

interface WordIndex {
  postings: Map<string, Posting[]>;
  fuse: Fuse<string>;
  size: number;
}

function addWords(postings: Map<string, Map<number, number>>, text: string, position: number, weight: number): void {
  for (const w of words(text)) {
    let byDoc = postings.get(w);
    if (!byDoc) postings.set(w, (byDoc = new Map()));
    byDoc.set(position, Math.max(byDoc.get(position) ?? 0, weight));
  }
}

export function buildWordIndex(resources: readonly Resource[], positions: readonly number[]): WordIndex {
  const acc = new Map<string, Map<number, number>>();
  for (const position of positions) {
    const r = resources[position]!;
    for (const l of LOCALES) {
      if (r.title[l]) addWords(acc, r.title[l], position, FIELD_WEIGHT.title);
      for (const k of r.keywords?.[l] ?? []) addWords(acc, k, position, FIELD_WEIGHT.keyword);
      if (r.summary[l]) addWords(acc, r.summary[l], position, FIELD_WEIGHT.summary);
    }
  }
  const postings = new Map<string, Posting[]>();
  for (const [w, byDoc] of acc) postings.set(w, [...byDoc].map(([position, weight]) => ({ position, weight })));
  const vocabulary = [...postings.keys()];
  const fuse = new Fuse(vocabulary, { includeScore: true, threshold: 0.25, ignoreDiacritics: true });
  return { postings, fuse, size: positions.length };
}

/** Scores of the resources matching the query words: per word, the best field, weighted by rarity. */
export function scoreWords(index: WordIndex, queryWords: string[]): Map<number, number> {
  const scores = new Map<number, number>();
  if (queryWords.length === 0) return scores;
  for (const q of queryWords) {
    const matches: [string, number][] = index.postings.has(q)
      ? [[q, 1]]
      : index.fuse.search(q, { limit: 5 }).map((m) => [m.item, 1 - (m.score ?? 1)] as [string, number]);
    const best = new Map<number, number>();
    for (const [word, similarity] of matches) {
      const list = index.postings.get(word)!;
      // Rarer words tell more: a word in every resource adds little.
      const rarity = 0.5 + 0.5 * (1 - list.length / (index.size + 1));
      for (const { position, weight } of list) {
        best.set(position, Math.max(best.get(position) ?? 0, similarity * weight * rarity));
      }
    }
    for (const [position, s] of best) scores.set(position, (scores.get(position) ?? 0) + s / queryWords.length);
  }
  return scores;
}

const wordIndexes = new WeakMap<CatalogIndex, Map<string, WordIndex>>();

function wordIndexFor(index: CatalogIndex, key: string, theme: Theme | undefined): WordIndex | undefined {
  let cache = wordIndexes.get(index);
  if (!cache) wordIndexes.set(index, (cache = new Map()));
  const cacheKey = `${key}|${theme ?? '*'}`;
  let built = cache.get(cacheKey);
  if (built) return built;
  const byTheme = index.partitions.get(key);
  if (!byTheme) return undefined;
  const positions = theme ? (byTheme.get(theme) ?? []) : [...new Set([...byTheme.values()].flat())];
  built = buildWordIndex(index.resources, positions);
  cache.set(cacheKey, built);
  return built;
}

export function search(index: CatalogIndex, query: SearchQuery): SearchHit[] {
  const queryWords = [...new Set(words(query.text))];
  const keys = query.department ? partitionsFor(query.department) : [...index.partitions.keys()];
  const best = new Map<number, number>();
  for (const key of keys) {
    const wordIndex = wordIndexFor(index, key, query.theme);
    if (!wordIndex) continue;
    for (const [position, score] of scoreWords(wordIndex, queryWords)) {
      if (score > (best.get(position) ?? 0)) best.set(position, score);
    }
  }
  const locale = query.locale ?? 'fr';
  return [...best.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, query.limit ?? 10)
    .map(([position, score]) => {
      const r = index.resources[position]!;
      return {
        id: r.id,
        title: pick(r.title, locale),
        theme: query.theme ?? r.themes[0]!,
        scope: r.geography.scope,
        score: Math.round(score * 1000) / 1000,
      };
    });
}
