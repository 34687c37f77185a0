import { ResourceSchema } from '../../knowledge/catalog/schema';
import { ProfileSchema } from '../../knowledge/contracts/profile';
import { THEMES } from '../../knowledge/contracts/vocabulary';
import { getCommune } from '../../knowledge/geo';
import { benchDepartments, generateCatalog, generateProfiles, generateQueries, rng, typo } from './synthetic';

/** The benchmark's data generator: same seed, same data; every resource valid. No timing here. */
describe('synthetic benchmark data', () => {
  const catalog = generateCatalog({ count: 3000 });

  it('is deterministic for a seed, and another seed gives other data', () => {
    expect(generateCatalog({ count: 3000 })).toEqual(catalog);
    expect(generateCatalog({ count: 300, seed: 1 })).not.toEqual(catalog.slice(0, 300));
    expect(generateProfiles(50)).toEqual(generateProfiles(50));
    expect(generateQueries(50)).toEqual(generateQueries(50));
  });

  it('produces resources that ResourceSchema accepts unchanged, with unique ids', () => {
    const problems = catalog.flatMap((r) => {
      const parsed = ResourceSchema.safeParse(r);
      return parsed.success ? [] : [`${r.id}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`];
    });
    expect(problems).toEqual([]);
    // Defaults already applied: parsing changes nothing.
    expect(catalog.slice(0, 200).map((r) => ResourceSchema.parse(r))).toEqual(catalog.slice(0, 200));
    expect(new Set(catalog.map((r) => r.id)).size).toBe(catalog.length);
  });

  it('covers the 101 departments with real communes, and mixes scopes and themes', () => {
    expect(benchDepartments()).toHaveLength(101);
    const departments = new Set(catalog.flatMap((r) => r.geography.departments ?? []));
    expect([...departments].sort()).toEqual([...benchDepartments()].sort());
    for (const r of catalog.filter((x) => x.geography.communes).slice(0, 300)) {
      const commune = getCommune(r.geography.communes![0]!);
      expect(commune?.department).toBe(r.geography.departments![0]);
    }
    const scopes = new Set(catalog.map((r) => r.geography.scope));
    expect([...scopes].sort()).toEqual(['departmental', 'local', 'national', 'online', 'regional']);
    const local = catalog.filter((r) => r.geography.scope === 'local').length;
    expect(local / catalog.length).toBeGreaterThan(0.5);
    expect(new Set(catalog.flatMap((r) => r.themes)).size).toBe(THEMES.length);
    expect(catalog.some((r) => r.title.ar)).toBe(true);
    expect(catalog.some((r) => r.programs.length > 0)).toBe(true);
  });

  it('produces valid profiles with one to three needs, and queries with and without facets', () => {
    const profiles = generateProfiles(200);
    for (const { profile } of profiles) {
      expect(ProfileSchema.safeParse(profile).success).toBe(true);
      expect(profile.needs?.length).toBeGreaterThanOrEqual(1);
      expect(profile.needs?.length).toBeLessThanOrEqual(3);
    }
    expect(new Set(profiles.map((p) => p.place)).size).toBeGreaterThanOrEqual(5);
    const queries = generateQueries(300);
    expect(queries.some((q) => q.query.department)).toBe(true);
    expect(queries.some((q) => !q.query.department)).toBe(true);
    expect(queries.some((q) => q.query.theme)).toBe(true);
    expect(new Set(queries.map((q) => q.kind)).size).toBe(6);
  });

  it('makes one-letter typos deterministically', () => {
    expect(typo(rng(3), 'logement')).toBe(typo(rng(3), 'logement'));
    expect(typo(rng(3), 'logement')).not.toBe('logement');
    expect(typo(rng(3), 'café')).toBe('café');
  });
});
