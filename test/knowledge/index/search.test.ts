import { loadCatalog } from '../../../knowledge/catalog/load';
import { buildIndex } from '../../../knowledge/index/build';
import { search } from '../../../knowledge/index/search';
import { WordScanner, words } from '../../../knowledge/index/words';

const index = buildIndex(loadCatalog().resources);

describe('search', () => {
  it.each([
    ['permis', 'fr'],
    ['driving licence', 'en'],
    ['رخصة القيادة', 'ar'],
  ] as const)('"%s" reaches the driving-licence resources', (text, locale) => {
    const hits = search(index, { text, locale, limit: 5 });
    expect(hits.map((h) => h.id)).toContain('mobility-echange-permis-etranger');
    expect(hits[0]?.theme).toBe('mobility');
  });

  it('tolerates a typo', () => {
    expect(search(index, { text: 'logemnt', limit: 5 }).some((h) => h.theme === 'housing')).toBe(true);
  });

  it('filters by theme and department before matching', () => {
    const hits = search(index, { text: 'mobilité', department: '15', limit: 20 });
    expect(hits.length).toBeGreaterThan(0);
    const all = loadCatalog().resources;
    for (const hit of hits) {
      const r = all.find((x) => x.id === hit.id)!;
      const d = r.geography.departments ?? [];
      expect(r.geography.scope === 'national' || r.geography.scope === 'online' || d.includes('15') || (r.geography.regions ?? []).includes('84')).toBe(true);
    }
    expect(search(index, { text: 'permis', theme: 'health' }).every((h) => h.theme === 'health')).toBe(true);
  });

  it('returns best first, with titles in the asked locale', () => {
    const hits = search(index, { text: 'psychologue', locale: 'ru', limit: 5 });
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(hits[0]?.title).toMatch(/[\u0400-\u04FF]/);
  });

  it('finds Arabic spellings from Persian or Pashto ones and back (ي/ی, ى/ی, ك/ک)', () => {
    expect(words('كتاب عربي مستشفى')).toEqual(words('کتاب عربی مستشفی'));
    // The Arabic query "رخصة القيادة" typed with a Persian keyboard's letters reaches the same resources.
    const arabic = search(index, { text: 'رخصة القيادة', locale: 'ar', limit: 5 }).map((h) => h.id);
    const persianKeyboard = search(index, { text: 'رخصة القیادة', locale: 'ar', limit: 5 }).map((h) => h.id);
    expect(persianKeyboard).toEqual(arabic);
    expect(arabic).toContain('mobility-echange-permis-etranger');
  });

  it('ignores case, accents and short words', () => {
    expect(words('Le Français, à l’école ÉTÉ')).toEqual(['francais', 'ecole', 'ete']);
    expect(search(index, { text: 'de la' })).toEqual([]);
  });
});

describe('word scanner of the index', () => {
  it('reads exactly the words that queries are split into, for every text of the catalog', () => {
    const scanner = new WordScanner();
    const texts = loadCatalog().resources.flatMap((r) => [
      ...Object.values(r.title),
      ...Object.values(r.summary),
      ...Object.values(r.keywords ?? {}).flat(),
    ]) as string[];
    texts.push('Ǆemal İstanbul ﬁlm Crème BRÛLÉE — naïve 1er ٢٧ ሰላም ሓገዝ', 'l’école d’été, c’est ça');
    const mismatched = texts.filter((text) => {
      const scanned: string[] = [];
      scanner.scan(text, (w) => scanned.push(w));
      return scanned.join(' ') !== words(text).join(' ');
    });
    expect(mismatched).toEqual([]);
  });
});
