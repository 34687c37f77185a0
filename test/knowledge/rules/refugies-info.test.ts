import { loadCatalog } from '../../../knowledge/catalog/load';
import { refugiesInfoUrl } from '../../../knowledge/catalog/refugies-info-url';
import { ProfileSchema } from '../../../knowledge/contracts/profile';
import { LOCALES, PROGRAMS, type Locale } from '../../../knowledge/contracts/vocabulary';
import { createEngine } from '../../../knowledge/orient';
import { RULE_BY_PROGRAM, RULES } from '../../../knowledge/rules';
import { SCENARIOS } from './scenarios';

/**
 * Every program links the Refugies.info fiche of the scheme itself where one exists (its id checked on the fiche's
 * own public page, `seenAt` in the rule), in the person's language; a theme search only where no fiche exists.
 *
 * Programs without a verified fiche, and why. "Not found" means: no page https://refugies.info/<locale>/
 * dispositif|demarche|program|procedure/<id> about the scheme in the stored pages searched on 2026-11-27 (searched by
 * the scheme's names in French and English); they keep their theme searches until such a page is seen.
 */
const NO_FICHE: Readonly<Record<string, string>> = {
  // Only department fiches exist (one per AGIR operator, in Refugies.info's own operator table); no national page seen.
  agir: 'no national fiche page found; the department fiches were not seen',
  ofii_language: 'no fiche page found for the OFII language courses',
  // The state-funded integration actions are many local projects, not one scheme.
  integration_actions: 'not one scheme: many local projects',
  oepre: 'no fiche page found for OEPRE',
  mission_locale: 'no fiche page found for the mission locale',
  volontr: "no fiche page found for Volont'R",
  asylum_support: 'no fiche page found for the first reception of asylum seekers (SPADA, GUDA, ADA)',
  // The complementary health fiche (6051e8eebf0a6d0014ee6809) is the C2S one; no page for the basic cover alone.
  health_coverage: 'no fiche page found for the basic health cover (PUMa, AME)',
  // Minors' programs, if the vocabulary gains them.
  child_protection: 'no fiche page found',
  training_obligation: 'no fiche page found',
};

const WITH_FICHE = RULES.filter((r) => r.refugiesInfo);
const engine = createEngine({ today: () => new Date('2026-11-23T12:00:00Z') });

describe('Refugies.info fiches of the programs', () => {
  it.each([...PROGRAMS])('%s links a verified fiche, or is listed as having none', (program) => {
    const fiche = RULE_BY_PROGRAM.get(program)?.refugiesInfo;
    // Exactly one of the two: a fiche seen on its own page, or a reason in NO_FICHE.
    expect({ fiche: fiche !== undefined, listed: NO_FICHE[program] !== undefined }).toEqual({ fiche: fiche !== undefined, listed: fiche === undefined });
  });

  it.each(WITH_FICHE.map((r) => [r.program, r.refugiesInfo!] as const))('%s: the fiche was seen on its own page', (_program, fiche) => {
    const translated = fiche.type === 'dispositif' ? 'program' : 'procedure';
    expect(fiche.seenAt).toMatch(new RegExp(`^https://refugies\\.info/[a-z]{2}/(${fiche.type}|${translated})/${fiche.id}$`));
  });

  it('gives each fiche to one program only', () => {
    const ids = WITH_FICHE.map((r) => r.refugiesInfo!.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(['fr', 'en', 'ar'] as Locale[])('every scenario carries the fiche of each program, its page in %s', (locale) => {
    for (const scenario of SCENARIOS) {
      const today = new Date(`${scenario.today ?? '2026-11-23'}T12:00:00Z`);
      const result = createEngine({ today: () => today }).orient(ProfileSchema.parse(scenario.profile), locale);
      for (const e of result.eligibility) {
        const fiche = RULE_BY_PROGRAM.get(e.program)!.refugiesInfo;
        expect({ scenario: scenario.name, program: e.program, refugiesInfo: e.refugiesInfo }).toEqual({
          scenario: scenario.name,
          program: e.program,
          refugiesInfo: fiche ? { id: fiche.id, url: refugiesInfoUrl(fiche.id, fiche.type, locale) } : undefined,
        });
      }
    }
  });

  it.each([...LOCALES])('the address is the fiche page of the locale (%s)', (locale) => {
    const result = engine.orient(ProfileSchema.parse({ status: 'bpi' }), locale);
    const permit = result.eligibility.find((e) => e.program === 'residence_permit')!;
    const path = locale === 'fr' ? 'demarche' : 'procedure';
    expect(permit.refugiesInfo?.url).toBe(`https://refugies.info/${locale}/${path}/5eb91481c2622f004e5fa686`);
  });
});

describe('catalog resources of the programs with a fiche', () => {
  const { resources, problems } = loadCatalog();

  it('load without problems', () => {
    expect(problems).toEqual([]);
  });

  it.each(WITH_FICHE.map((r) => [r.program, r.refugiesInfo!] as const))('%s: its resource links the same fiche, no theme search is left', (program, fiche) => {
    const own = resources.filter((r) => r.programs.includes(program));
    const linking = own.filter((r) => r.refugiesInfo?.id === fiche.id);
    expect(linking.map((r) => r.id)).not.toEqual([]);
    for (const r of linking) expect(r.refugiesInfo!.url).toBe(refugiesInfoUrl(fiche.id, fiche.type, 'fr'));
    expect(own.filter((r) => r.refugiesInfo?.url.includes('/recherche')).map((r) => r.id)).toEqual([]);
  });

  it('link a rule fiche under its own type (the page of the other type answers 404)', () => {
    const typeOf = new Map(WITH_FICHE.map((r) => [r.refugiesInfo!.id, r.refugiesInfo!.type]));
    const linked = resources.filter((r) => r.refugiesInfo?.id && typeOf.has(r.refugiesInfo.id));
    expect(linked.map((r) => r.refugiesInfo!.url)).toEqual(linked.map((r) => refugiesInfoUrl(r.refugiesInfo!.id!, typeOf.get(r.refugiesInfo!.id!)!, 'fr')));
  });
});
