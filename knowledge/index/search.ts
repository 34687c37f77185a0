import type { Locale, Scope, Theme } from '../contracts/vocabulary';
import { partitionsFor, type CatalogIndex } from './build';
import { pick } from './localize';
import { closeWords, words } from './words';

/**
 * Free-text search: facets first (the person's department → its partitions; a theme), then the query's
 * words looked up in the word index, exactly or fuzzily, across every locale, so "permis", "driving
 * licence" and "رخصة القيادة" reach the same resources.
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

/** Positions allowed by the department facet, or undefined when the whole catalog applies. */
function allowedBy(index: CatalogIndex, department: string | undefined): Set<number> | undefined {
  if (!department) return undefined;
  const allowed = new Set<number>();
  for (const key of partitionsFor(department)) {
    for (const lists of index.partitions.get(key)?.values() ?? []) {
      for (const p of lists.primary) allowed.add(p);
      for (const p of lists.secondary) allowed.add(p);
    }
  }
  return allowed;
}

export function search(index: CatalogIndex, query: SearchQuery): SearchHit[] {
  const queryWords = [...new Set(words(query.text))];
  if (queryWords.length === 0) return [];
  const allowed = allowedBy(index, query.department);
  const keep = (position: number) =>
    (!allowed || allowed.has(position)) && (!query.theme || index.resources[position]!.themes.includes(query.theme));

  const scores = new Map<number, number>();
  for (const q of queryWords) {
    const best = new Map<number, number>();
    for (const [word, similarity] of closeWords(index.words, q)) {
      const { positions, weights } = index.words.postings.get(word)!;
      // Rarer words tell more: a word in every resource adds little.
      const rarity = 0.5 + 0.5 * (1 - positions.length / (index.words.size + 1));
      for (let i = 0; i < positions.length; i++) {
        const position = positions[i]!;
        if (!keep(position)) continue;
        const s = similarity * weights[i]! * rarity;
        if (s > (best.get(position) ?? 0)) best.set(position, s);
      }
    }
    for (const [position, s] of best) scores.set(position, (scores.get(position) ?? 0) + s / queryWords.length);
  }

  const locale = query.locale ?? 'fr';
  return [...scores.entries()]
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
