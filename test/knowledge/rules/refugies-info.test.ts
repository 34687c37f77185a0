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
 * dispositif|demarche|program|procedure/<id> about the scheme in the stored pages searched on 2026-11-27, first by the
 * scheme's names in French and English, then again the same day with queries shaped like a fiche's own text
 * (its title, "Target audience", "What is it?", "How to do it?", in English, French, Arabic and Ukrainian), the shape
 * that does bring up the stored fiches of other démarches (travel document, bank account, France Travail, C2S); they
 * keep their theme searches until such a page is seen. Ids met only in code or elsewhere are never linked.
 */
const NO_FICHE: Readonly<Record<string, string>> = {
  // Refugies.info's own operator table (karfur apps/client/src/data/agirOperators.ts) lists one dispositif per
  // department (e.g. 660d1f34de63124662360640 for the Ain, operated by Alfa3a), none of them seen on its own page; the
  // national presentation is the site's /agir page, which is not a fiche. A department's fiche would not be the
  // national program's anyway.
  agir: "only per-department fiches (Refugies.info's operator table), none seen on its own page; no national fiche",
  // The CIR fiche (695e72ee48154115afadec89) mentions the optional French courses; no fiche of the courses
  // themselves.
  ofii_language: 'no fiche page found for the OFII language courses',
  // The state-funded integration actions are many local projects, not one scheme.
  integration_actions: 'not one scheme: many local projects',
  oepre: 'no fiche page found for OEPRE',
  // The France Travail fiche (5dc947cebceb3c004fc43214) mentions young people followed by a Mission Locale, but no
  // fiche of the mission locale or of the youth commitment contract (CEJ) was found.
  mission_locale: 'no fiche page found for the mission locale or the CEJ',
  volontr: "no fiche page found for Volont'R",
  asylum_support: 'no fiche page found for the first reception of asylum seekers (SPADA, GUDA, ADA)',
  // The C2S fiche (6051e8eebf0a6d0014ee6809) refers to registering with the Assurance maladie as a step ("Register for
  // Health Insurance"), but it is complementary_health's fiche and a fiche goes to one program only; no page for the
  // basic cover alone (PUMa) or for the AME was found.
  health_coverage: 'no fiche page of its own for the basic health cover (PUMa, AME); the C2S fiche refers to registration as a step',
  // Minors' programs.
  child_protection: 'no fiche page found for the ASE or unaccompanied minors',
  training_obligation: 'no fiche page found for the training obligation at 16-18 (CIO, CASNAV)',
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
