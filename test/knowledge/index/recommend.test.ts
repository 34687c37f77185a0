import { loadCatalog } from '../../../knowledge/catalog/load';
import { ResourceSchema, type ResourceInput } from '../../../knowledge/catalog/schema';
import { ProfileSchema, type ProfileInput } from '../../../knowledge/contracts/profile';
import { ResultSchema } from '../../../knowledge/contracts/result';
import { buildIndex } from '../../../knowledge/index/build';
import { recommend } from '../../../knowledge/index/recommend';
import { createEngine } from '../../../knowledge/orient';

const today = () => new Date('2026-11-23T12:00:00Z');
const catalog = loadCatalog().resources;
const engine = createEngine({ today, recommend: (input) => recommend(buildIndex(catalog), input) });
const orient = (p: ProfileInput, locale: 'fr' | 'en' | 'ar' = 'en') => engine.orient(ProfileSchema.parse(p), locale);
const byId = new Map(catalog.map((r) => [r.id, r]));

describe('recommendations from the curated catalog (seed places)', () => {
  // 003 §La mobilité: Cantal'Mouv, the Cantal mobility platform.
  it('mobility in Aurillac: the Cantal initiative ranks first', () => {
    const first = orient({ status: 'bpi', statusSince: '2026-02', location: { commune: 'Aurillac' }, needs: ['mobility'] }).recommendations[0];
    expect(first?.theme).toBe('mobility');
    expect(byId.get(first!.id)?.geography.departments).toContain('15');
  });

  // 003 §L'emploi: PIETRA (CeCler) in the Puy-de-Dôme.
  it('employment in Clermont-Ferrand: the Puy-de-Dôme initiative ranks first', () => {
    const first = orient({ status: 'bpi', statusSince: '2026-02', location: { commune: 'Clermont-Ferrand' }, needs: ['employment'] }).recommendations[0];
    expect(byId.get(first!.id)?.geography.departments).toContain('63');
  });

  // 003 §L'accès aux soins psychiques: Orspere-Samdarra in Lyon.
  it('mental health in Lyon: Orspere-Samdarra ranks first, with its distance', () => {
    const first = orient({ status: 'bpi', location: { postcode: '69003' }, needs: ['mental_health'] }).recommendations[0];
    expect(first?.id).toBe('health-orspere-samdarra-lyon');
    expect(first?.scope).toBe('local');
    expect(first?.distanceKm).toBeLessThan(10);
  });

  it('gives at least one recommendation per requested need, each with reasons tied to the answers', () => {
    const needs = ['language', 'employment', 'housing', 'mobility', 'health', 'mental_health', 'schooling', 'digital', 'rights', 'social'] as const;
    const result = orient({ status: 'bpi', statusSince: '2026-01', frenchLevel: 'A1', location: { postcode: '87000' }, children: { schoolAge: true }, needs: [...needs] });
    expect(ResultSchema.safeParse(result).success).toBe(true);
    for (const need of needs) expect(result.recommendations.some((r) => r.theme === need)).toBe(true);
    for (const r of result.recommendations) {
      expect(r.why[0]).toMatch(/You asked for help with/);
      expect(r.why.length).toBeGreaterThanOrEqual(2);
    }
  });

  const profiles: ProfileInput[] = [
    { status: 'asylum_seeker', statusSince: '2026-10', frenchLevel: 'none', location: { postcode: '75011' }, needs: ['language', 'rights', 'health', 'employment', 'housing'] },
    { status: 'temporary_protection', age: 40, location: { commune: 'Grenoble' }, needs: ['language', 'employment', 'rights', 'social'] },
    { status: 'bpi', statusSince: '2019-01', cir: 'signed', frenchLevel: 'B2', age: 45, location: { department: '2A' }, needs: ['language', 'employment', 'mobility', 'rights'] },
    { status: 'newcomer', statusSince: '2026-06', cir: 'signed', frenchLevel: 'B1', age: 35, foreignLicence: false, location: { postcode: '97400' }, needs: ['language', 'mobility', 'schooling', 'rights'] },
    { status: 'other', age: 60, needs: ['language', 'employment', 'health', 'rights'] },
  ];
  it.each(profiles.map((p) => [p.status, p] as const))('never recommends a program the %s person is not eligible to', (_s, profile) => {
    const result = orient(profile);
    const refused = new Set(result.eligibility.filter((e) => e.status === 'not_eligible' || e.status === 'done').map((e) => e.program));
    expect(refused.size).toBeGreaterThan(0);
    const offending = result.recommendations.filter((r) => r.programs.some((p) => refused.has(p)));
    expect(offending.map((r) => r.id)).toEqual([]);
    expect(result.recommendations.length).toBeGreaterThan(0);
  });

  it('leaves out local resources when the place is unknown or ambiguous', () => {
    for (const location of [undefined, { commune: 'Saint-Denis' }]) {
      const result = orient({ status: 'bpi', ...(location ? { location } : {}), needs: ['mobility', 'mental_health', 'employment'] });
      expect(result.recommendations.map((r) => r.scope).filter((s) => s !== 'national' && s !== 'online')).toEqual([]);
      expect(result.nextSteps.map((s) => s.code)).toContain('step.give_place');
    }
  });

  it('answers in the asked locale with a localized Refugies.info link', () => {
    const result = orient({ status: 'bpi', location: { postcode: '87000' }, needs: ['housing'] }, 'ar');
    const withLink = result.recommendations.find((r) => r.refugiesInfo);
    expect(withLink?.refugiesInfo?.url).toMatch(/^https:\/\/refugies\.info\/ar\//);
    expect(result.recommendations[0]?.title).toMatch(/[\u0600-\u06FF]/);
  });

  it('recommends the 600 h literacy course to a non-reader, and not to a reader', () => {
    const ids = (readsWrites: boolean) =>
      orient({ status: 'bpi', cir: 'not_signed', frenchLevel: 'none', readsWrites, location: { postcode: '87000' }, needs: ['language'] }).recommendations.map((r) => r.id);
    const alpha = catalog.find((r) => r.programs.includes('ofii_language') && r.audience.literacy === 'non_readers')!;
    expect(ids(false)).toContain(alpha.id);
    expect(ids(true)).not.toContain(alpha.id);
  });
});

describe('near me across department borders', () => {
  const resource = (id: string, commune: string, department: string): ResourceInput => ({
    id,
    kind: 'service',
    title: { fr: `Atelier ${id}` },
    summary: { fr: 'Atelier de mobilité.' },
    themes: ['mobility'],
    geography: { scope: 'local', communes: [commune], departments: [department] },
    source: 'https://www.example.gouv.fr/test',
    verifiedOn: '2026-11-23',
  });
  // Villeurbanne (69266) is next to Lyon; Bourgoin-Jallieu (38053) is in Isère, ~40 km away;
  // Marseille (13055) is far.
  const local = [
    resource('bourgoin', '38053', '38'),
    resource('marseille', '13055', '13'),
    resource('villeurbanne', '69266', '69'),
  ].map((r) => ResourceSchema.parse(r));
  const nearEngine = createEngine({ today, recommend: (input) => recommend(buildIndex(local), input) });

  it('includes a place over the border within the radius, nearest first, and not a far one', () => {
    const result = nearEngine.orient(ProfileSchema.parse({ location: { commune: 'Lyon' }, needs: ['mobility'] }), 'fr');
    const ids = result.recommendations.map((r) => r.id);
    expect(ids).toEqual(['villeurbanne', 'bourgoin']);
    expect(result.recommendations[1]?.distanceKm).toBeGreaterThan(20);
    expect(result.recommendations[1]?.distanceKm).toBeLessThan(60);
  });
});

describe('why a place fits, in the person\'s words', () => {
  it('says a youth service is open at their age without quoting a number the person never gave (a tapped range)', () => {
    const result = orient({ status: 'bpi', age: 20, needs: ['employment'] }, 'fr');
    const missionLocale = result.recommendations.find((r) => r.id === 'employment-mission-locale');
    expect(missionLocale?.why).toContain('Il est ouvert à votre âge.');
    const lines = result.recommendations.flatMap((r) => r.why);
    expect(lines.filter((l) => /âge/.test(l)).every((l) => !/\d/.test(l))).toBe(true);
  });
});
