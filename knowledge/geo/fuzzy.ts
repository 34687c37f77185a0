/**
 * Typo-tolerant lookup of commune names: a trigram index over the unique compact names (current
 * and former communes) proposes candidates, an optimal-string-alignment edit distance
 * (substitution, insertion, deletion, transposition) decides; ties are broken by trigram similarity.
 */
import { communeIndex, type Commune } from './communes';

export interface FuzzyMatch {
  /** Compact normalised name matched. */
  key: string;
  distance: number;
  /** Trigram Jaccard similarity with the query (0–1): "aurilac" is nearer "aurillac" than "auriac". */
  similarity: number;
  communes: readonly Commune[];
  /** True when the name is that of a former (delegated or associated) commune. */
  former: boolean;
}

interface Entry {
  key: string;
  grams: number;
  communes: readonly Commune[];
  former: boolean;
}

interface TrigramIndex {
  entries: Entry[];
  /** Postings in compressed-row form: entries of trigram g are ids[starts[g] .. starts[g + 1]). */
  starts: Uint32Array;
  ids: Uint32Array;
  counts: Uint16Array;
}

let cache: TrigramIndex | undefined;

/** Compact names use a–z and 0–9; "^" and "$" mark the ends. */
const SYMBOLS = 38;
const TRIGRAMS = SYMBOLS ** 3;

function symbol(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 48 + 26;
  return 36;
}

/** Distinct trigram numbers of `^compact$`. */
function trigrams(compact: string): number[] {
  const seq = [37];
  for (let i = 0; i < compact.length; i++) seq.push(symbol(compact.charCodeAt(i)));
  seq.push(37);
  const out = new Set<number>();
  for (let i = 0; i + 2 < seq.length; i++) out.add(((seq[i] ?? 0) * SYMBOLS + (seq[i + 1] ?? 0)) * SYMBOLS + (seq[i + 2] ?? 0));
  return [...out];
}

function trigramIndex(): TrigramIndex {
  if (cache) return cache;
  const idx = communeIndex();
  const entries: Entry[] = [];
  const grams: number[][] = [];
  const add = (key: string, communes: readonly Commune[], former: boolean): void => {
    const g = trigrams(key);
    entries.push({ key, grams: g.length, communes, former });
    grams.push(g);
  };
  // byName/byFormerName hold both the spaced and the compact form of each name: keep the compact ones.
  for (const [key, communes] of idx.byName) if (!key.includes(' ')) add(key, communes, false);
  for (const [key, communes] of idx.byFormerName) if (!key.includes(' ')) add(key, communes, true);
  const starts = new Uint32Array(TRIGRAMS + 1);
  for (const g of grams) for (const t of g) starts[t + 1] = (starts[t + 1] ?? 0) + 1;
  for (let t = 0; t < TRIGRAMS; t++) starts[t + 1] = (starts[t + 1] ?? 0) + (starts[t] ?? 0);
  const fill = starts.slice(0, TRIGRAMS);
  const ids = new Uint32Array(starts[TRIGRAMS] ?? 0);
  grams.forEach((g, i) => {
    for (const t of g) {
      const at = fill[t] ?? 0;
      ids[at] = i;
      fill[t] = at + 1;
    }
  });
  cache = { entries, starts, ids, counts: new Uint16Array(entries.length) };
  return cache;
}

/** Edits allowed for a name of this length: none under 4 letters, 1 up to 7, 2 up to 14, then 3. */
export function maxEditsFor(length: number): number {
  if (length < 4) return 0;
  if (length <= 7) return 1;
  if (length <= 14) return 2;
  return 3;
}

/** Optimal string alignment distance, or `limit + 1` as soon as it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] ?? limit + 1;
}

/** Trigram Jaccard similarity of two compact names. */
export function trigramSimilarity(a: string, b: string): number {
  const ga = trigrams(a);
  const gb = new Set(trigrams(b));
  const shared = ga.filter((g) => gb.has(g)).length;
  return shared / (ga.length + gb.size - shared || 1);
}

/**
 * Every name within the allowed number of edits of `compact` (a compact normalised name), best first:
 * fewest edits, then most shared trigrams, then current names before former ones, then largest commune.
 */
export function fuzzyNames(compact: string, maxEdits = maxEditsFor(compact.length)): FuzzyMatch[] {
  if (maxEdits <= 0 || compact.length === 0) return [];
  const { entries, starts, ids, counts } = trigramIndex();
  const grams = trigrams(compact);
  // Each edit destroys at most 3 trigrams of the query.
  const needed = Math.max(1, grams.length - 3 * maxEdits);
  const touched: number[] = [];
  for (const g of grams) {
    const end = starts[g + 1] ?? 0;
    for (let k = starts[g] ?? 0; k < end; k++) {
      const i = ids[k] ?? 0;
      if (counts[i] === 0) touched.push(i);
      counts[i] = (counts[i] ?? 0) + 1;
    }
  }
  const matches: FuzzyMatch[] = [];
  for (const i of touched) {
    const shared = counts[i] ?? 0;
    counts[i] = 0;
    const e = entries[i];
    if (shared < needed || !e || Math.abs(e.key.length - compact.length) > maxEdits) continue;
    const distance = editDistance(compact, e.key, maxEdits);
    if (distance > maxEdits) continue;
    const similarity = shared / (grams.length + e.grams - shared);
    matches.push({ key: e.key, distance, similarity, communes: e.communes, former: e.former });
  }
  return matches.sort(
    (a, b) =>
      a.distance - b.distance ||
      b.similarity - a.similarity ||
      Number(a.former) - Number(b.former) ||
      (b.communes[0]?.population ?? -1) - (a.communes[0]?.population ?? -1),
  );
}
