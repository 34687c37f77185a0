import { annuaireLocator, LOCATOR_OFFICES } from '../../../knowledge/catalog/annuaire-locator';
import { loadCatalog } from '../../../knowledge/catalog/load';
import type { Resource } from '../../../knowledge/catalog/schema';
import { ProfileSchema, type Profile } from '../../../knowledge/contracts/profile';
import type { OrientationResult } from '../../../knowledge/contracts/result';
import { THEMES } from '../../../knowledge/contracts/vocabulary';
import { allDepartmentCodes } from '../../../knowledge/geo/territory';
import { buildIndex } from '../../../knowledge/index/build';
import { audienceAllows } from '../../../knowledge/index/fit';
import { recommend } from '../../../knowledge/index/recommend';
import { createEngine } from '../../../knowledge/orient';
import { SCENARIOS } from '../rules/scenarios';

/**
 * Issue 9 item 2: no card contradicts a decision of the same plan nor the person's answers. Checked over
 * every scenario, asking for every need (so every theme of the whole catalog competes), from the data itself.
 */
const catalog = loadCatalog().resources;
// The Annuaire's department pages a plan links while DILA's directory is not loaded are checked as any card.
const locators = allDepartmentCodes().flatMap((d) => LOCATOR_OFFICES.map((o) => annuaireLocator(d, o))).filter((r) => r !== undefined);
const byId = new Map([...catalog, ...locators].map((r) => [r.id, r]));
const index = buildIndex(catalog);

function contradictions(result: OrientationResult, profile: Profile): string[] {
  const status = new Map(result.eligibility.map((e) => [e.program, e.status]));
  const department = result.location.status === 'resolved' ? result.location.department : undefined;
  const known = profile.status && profile.status !== 'unknown' ? profile.status : undefined;
  return result.recommendations.flatMap((rec) => {
    const r: Resource = byId.get(rec.id)!;
    const problems: string[] = [];
    for (const p of r.programs) {
      const s = status.get(p);
      if (s === 'not_eligible' || s === 'done') problems.push(`${rec.id}: ${p} is ${s} in the same plan`);
    }
    if (known && r.audience.statuses?.length && !r.audience.statuses.includes(known)) problems.push(`${rec.id}: not for ${known}`);
    if (r.audience.disability && profile.disability !== true) problems.push(`${rec.id}: for people with a disability`);
    if (r.audience.employed && profile.employed !== true) problems.push(`${rec.id}: for employees`);
    if (r.audience.unaccompanied === true && profile.unaccompanied !== true) problems.push(`${rec.id}: for unaccompanied minors`);
    if (r.audience.unaccompanied === false && profile.unaccompanied === true && !((profile.age ?? 0) >= 18)) problems.push(`${rec.id}: not for unaccompanied minors`);
    if (r.audience.ageStated && profile.age === undefined) problems.push(`${rec.id}: for people who gave their age`);
    if (profile.age !== undefined && r.audience.maxAge !== undefined && profile.age > (profile.disability ? (r.audience.maxAgeWithDisability ?? r.audience.maxAge) : r.audience.maxAge)) problems.push(`${rec.id}: up to ${r.audience.maxAge}`);
    if (profile.age !== undefined && r.audience.minAge !== undefined && profile.age < r.audience.minAge) problems.push(`${rec.id}: from ${r.audience.minAge}`);
    if (department && r.geography.excludeDepartments?.includes(department)) problems.push(`${rec.id}: not in ${department}`);
    return problems;
  });
}

describe('no card contradicts the plan or the answers', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
    const engine = createEngine({
      today: () => new Date(`${scenario.today ?? '2026-11-23'}T12:00:00Z`),
      recommend: (input) => recommend(index, input),
    });
    for (const needs of [scenario.profile.needs ?? [], THEMES.filter((t) => t !== 'emergency')]) {
      const profile = ProfileSchema.parse({ ...scenario.profile, needs });
      expect(contradictions(engine.orient(profile, 'en'), profile)).toEqual([]);
    }
  });
});

describe('targeted cards', () => {
  const engine = createEngine({ today: () => new Date('2026-11-27T12:00:00Z'), recommend: (input) => recommend(index, input) });
  const ids = (p: object) => engine.orient(ProfileSchema.parse(p), 'fr').recommendations.map((r) => r.id);

  it('asylum seeker needing housing: OFII reception, never social housing, EMILE, AIVS or Action Logement', () => {
    const got = ids({ status: 'asylum_seeker', location: { postcode: '75011' }, needs: ['housing'] });
    expect(got).toContain('housing-ofii-hebergement-demandeurs-asile');
    for (const id of ['housing-demande-logement-social', 'housing-programme-emile', 'housing-aivs-mandat-de-gestion', 'housing-action-logement-employeur']) {
      expect(got).not.toContain(id);
    }
  });

  it('Cap emploi only to someone who said they have a recognised disability', () => {
    const base = { status: 'bpi', age: 40, needs: ['employment'] };
    expect(ids({ ...base, disability: true })).toContain('employment-cap-emploi');
    expect(ids(base)).not.toContain('employment-cap-emploi');
  });

  it('Action Logement only to someone who works', () => {
    const card = byId.get('housing-action-logement-employeur')!;
    const person = (employed?: boolean) => ProfileSchema.parse({ status: 'newcomer', ...(employed === undefined ? {} : { employed }) });
    expect([audienceAllows(card, person(true)), audienceAllows(card, person(false)), audienceAllows(card, person())]).toEqual([true, false, false]);
    expect(ids({ status: 'newcomer', employed: false, location: { postcode: '87000' }, needs: ['housing'] })).not.toContain(card.id);
  });

  it('rural car-pools are left out in a large town, kept in a small one', () => {
    const rural = catalog.filter((r) => r.geography.rural && r.themes[0] === 'mobility').map((r) => r.id);
    expect(rural.length).toBeGreaterThan(0);
    const inLyon = ids({ status: 'bpi', location: { commune: 'Lyon' }, needs: ['mobility'] });
    expect(inLyon.filter((id) => rural.includes(id))).toEqual([]);
  });

  it('no AME card to a refugee, and no PUMa or AME card in Mayotte', () => {
    expect(ids({ status: 'bpi', needs: ['health'] })).not.toContain('health-ame');
    const mayotte = ids({ status: 'no_right_to_stay', inFranceSince: '2025-01', location: { department: '976' }, needs: ['health'] });
    expect(mayotte).not.toContain('health-ame');
    expect(mayotte).not.toContain('health-assurance-maladie-puma');
    expect(ids({ status: 'bpi', location: { department: '976' }, needs: ['health'] })).toContain('health-cssm-mayotte');
  });
});

describe('cards of the missing rights reach only the people they apply to', () => {
  const engine = createEngine({ today: () => new Date('2026-11-27T12:00:00Z'), recommend: (input) => recommend(index, input) });
  const ids = (p: object) => engine.orient(ProfileSchema.parse(p), 'fr').recommendations.map((r) => r.id);
  const protectedOnly = ['rights-carte-sejour-protection', 'rights-etat-civil-ofpra', 'rights-reunification-familiale', 'rights-titre-de-voyage-protection'];

  it('a refugee asking about rights gets the préfecture card; the protection cards never reach a newcomer', () => {
    expect(ids({ status: 'bpi', protection: 'refugee', statusSince: '2026-09', needs: ['rights'] })).toContain('rights-carte-sejour-protection');
    const refugee = ProfileSchema.parse({ status: 'bpi', protection: 'refugee' });
    const newcomer = ProfileSchema.parse({ status: 'newcomer' });
    expect(protectedOnly.map((id) => [audienceAllows(byId.get(id)!, refugee), audienceAllows(byId.get(id)!, newcomer)])).toEqual(protectedOnly.map(() => [true, false]));
    expect(ids({ status: 'newcomer', statusSince: '2026-01', needs: ['rights', 'social', 'mobility'] }).filter((id) => protectedOnly.includes(id))).toEqual([]);
  });

  it('the C2S card goes to an insured person, not to someone without papers (the AME) nor an asylum seeker in the first 3 months', () => {
    expect(ids({ status: 'bpi', needs: ['health'] })).toContain('health-complementaire-sante-solidaire');
    expect(ids({ status: 'no_right_to_stay', inFranceSince: '2025-01', needs: ['health'] })).not.toContain('health-complementaire-sante-solidaire');
    expect(ids({ status: 'asylum_seeker', inFranceSince: '2026-10', needs: ['health'] })).not.toContain('health-complementaire-sante-solidaire');
  });

  it('the CCAS domiciliation card is not offered to an asylum seeker (the SPADA domiciles them)', () => {
    expect(ids({ status: 'asylum_seeker', location: { postcode: '87000' }, needs: ['rights', 'housing'] })).not.toContain('rights-domiciliation');
  });
});

describe('conditions written in the text are in the data', () => {
  const fr = (r: Resource) => `${r.title.fr} ${r.summary.fr}`;
  it.each([
    ['a disability service says so', /trouver un travail avec un handicap/i, (r: Resource) => r.audience.disability === true],
    ['an employee scheme says so', /si vous travaillez/i, (r: Resource) => r.audience.employed === true],
    ['a service for minors alone in France says so', /moins de 18 ans.*sans parent ni tuteur/i, (r: Resource) => r.audience.unaccompanied === true && r.audience.maxAge === 17],
    ['a low-density service says so', /zones? peu denses?/i, (r: Resource) => r.geography.rural === true],
    ['a scheme for asylum seekers only says so', /^(SPADA|GUDA|Hébergement des demandeurs d'asile)/, (r: Resource) => r.audience.statuses?.join() === 'asylum_seeker'],
  ] as const)('%s', (_what, pattern, carries) => {
    const missing = catalog.filter((r) => pattern.test(fr(r)) && !carries(r)).map((r) => r.id);
    expect(missing).toEqual([]);
    expect(catalog.some((r) => pattern.test(fr(r)))).toBe(true);
  });
});
