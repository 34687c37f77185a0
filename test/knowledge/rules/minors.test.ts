import { loadCatalog } from '../../../knowledge/catalog/load';
import { ProfileSchema, parseProfile } from '../../../knowledge/contracts/profile';
import { buildIndex } from '../../../knowledge/index/build';
import { recommend } from '../../../knowledge/index/recommend';
import { createEngine } from '../../../knowledge/orient';

/**
 * Issue 9, the missing right "minors": an unaccompanied minor's first step is the ASE, whatever the status and need
 * (CASF L221-2-4; justice.gouv.fr, "Les mineurs non accompagnés : mise à l'abri, évaluation et orientation"); the
 * cards of minors reach minors only (checked 2026-11-27).
 */
const index = buildIndex(loadCatalog().resources);
const engine = createEngine({ today: () => new Date('2026-11-27T12:00:00Z'), recommend: (input) => recommend(index, input) });
const orient = (p: object) => engine.orient(ProfileSchema.parse(p), 'fr');
const ids = (p: object) => orient(p).recommendations.map((r) => r.id);

describe('the profile field', () => {
  it('takes true or false, and nothing else', () => {
    expect(parseProfile({ unaccompanied: true }).ok).toBe(true);
    expect(parseProfile({ unaccompanied: false }).ok).toBe(true);
    expect(parseProfile({ unaccompanied: 'yes' })).toEqual({ ok: false, issues: [{ path: 'unaccompanied', message: 'must be a boolean' }] });
  });
});

describe('an unaccompanied minor is protected first', () => {
  it.each([
    ['asylum seeker in Paris', { status: 'asylum_seeker', location: { postcode: '75019' } }],
    ['asylum seeker, claim registered', { status: 'asylum_seeker', statusSince: '2026-09', location: { postcode: '87000' } }],
    ['refugee', { status: 'bpi', protection: 'refugee', statusSince: '2026-06', cir: 'not_signed' }],
    ['no papers', { status: 'no_right_to_stay', inFranceSince: '2026-10' }],
    ['status not said', {}],
  ])('%s: step 1 is the ASE', (_who, profile) => {
    for (const needs of [[], ['housing'], ['employment', 'schooling', 'health']]) {
      const steps = orient({ ...profile, age: 16, unaccompanied: true, needs }).nextSteps;
      expect(steps[0]).toEqual(expect.objectContaining({ order: 1, code: 'step.child_protection', program: 'child_protection' }));
      expect(steps[0]!.text).toMatch(/119/);
    }
  });

  it('the same minor with a parent gets no ASE step, and an adult never does', () => {
    expect(orient({ status: 'asylum_seeker', age: 16, unaccompanied: false }).nextSteps.map((s) => s.code)).not.toContain('step.child_protection');
    expect(orient({ status: 'asylum_seeker', age: 18, unaccompanied: true }).nextSteps.map((s) => s.code)).not.toContain('step.child_protection');
  });

  it('asks whether alone only while it is undecided', () => {
    const ask = (p: object) => engine.decide(ProfileSchema.parse(p)).find((d) => d.program === 'child_protection')!.ask;
    expect(ask({})).toEqual(['unaccompanied']);
    expect(ask({ age: 17 })).toEqual(['unaccompanied']);
    expect(ask({ age: 18 })).toEqual([]);
    expect(ask({ unaccompanied: false })).toEqual([]);
    expect(ask({ unaccompanied: true })).toEqual([]);
  });
});

describe('cards of minors reach minors only', () => {
  const ase = 'minors-ase-mineurs-non-accompagnes';
  const adHoc = 'minors-asile-administrateur-ad-hoc';
  const cio = 'minors-cio-jeunes-16-17';
  const under16 = 'minors-ecole-obligatoire-moins-de-16-ans';

  it('the ASE card to the minor alone, not to a minor with parents nor to an adult', () => {
    expect(ids({ status: 'asylum_seeker', age: 16, unaccompanied: true, needs: ['housing'] })).toContain(ase);
    expect(ids({ status: 'asylum_seeker', age: 16, unaccompanied: false, needs: ['housing'] })).not.toContain(ase);
    expect(ids({ status: 'asylum_seeker', age: 25, needs: ['housing'] })).not.toContain(ase);
  });

  it('the administrateur ad hoc card to the unaccompanied asylum seeker only', () => {
    expect(ids({ status: 'asylum_seeker', age: 16, unaccompanied: true, needs: ['rights'] })).toContain(adHoc);
    expect(ids({ status: 'bpi', age: 16, unaccompanied: true, needs: ['rights'] })).not.toContain(adHoc);
    expect(ids({ status: 'asylum_seeker', age: 16, unaccompanied: false, needs: ['rights'] })).not.toContain(adHoc);
  });

  it('the CIO card at 16 and 17, the school card before 16, neither at 19', () => {
    const at = (age: number) => ids({ status: 'newcomer', statusSince: '2026-05', age, unaccompanied: false, needs: ['schooling'] });
    expect(at(16)).toContain(cio);
    expect(at(17)).toContain(cio);
    expect(at(15)).toContain(under16);
    expect(at(15)).not.toContain(cio);
    expect(at(19)).not.toContain(cio);
    expect(at(19)).not.toContain(under16);
  });
});

describe("adults' schemes an unaccompanied minor's protection replaces", () => {
  const OFII_HOUSING = 'housing-ofii-hebergement-demandeurs-asile';
  it("OFII's accommodation for asylum seekers is not offered to a minor alone, who is sheltered by the ASE", () => {
    expect(ids({ status: 'asylum_seeker', statusSince: '2026-10', unaccompanied: true, needs: ['housing'] })).not.toContain(OFII_HOUSING);
    expect(ids({ status: 'asylum_seeker', statusSince: '2026-10', age: 16, unaccompanied: true, needs: ['housing'] })).not.toContain(OFII_HOUSING);
  });

  it('is still offered to adult asylum seekers, and when a stated age of 18 or more overrides the answer', () => {
    expect(ids({ status: 'asylum_seeker', statusSince: '2026-10', needs: ['housing'] })).toContain(OFII_HOUSING);
    expect(ids({ status: 'asylum_seeker', statusSince: '2026-10', age: 19, unaccompanied: true, needs: ['housing'] })).toContain(OFII_HOUSING);
  });
});

describe("a minor alone's plan is theirs", () => {
  it('whatever the need, the ASE card (with the 119) comes first', () => {
    for (const needs of [['health'], ['schooling'], ['language', 'digital']]) {
      const [first] = orient({ status: 'unknown', unaccompanied: true, location: { postcode: '75011' }, needs }).recommendations;
      expect(first).toMatchObject({ id: 'minors-ase-mineurs-non-accompagnes', phone: '119' });
    }
  });

  it("no adult's housing scheme is offered: the ASE is their roof", () => {
    const housing = orient({ status: 'unknown', unaccompanied: true, location: { postcode: '75011' }, needs: ['housing'] }).recommendations.filter((r) => r.theme === 'housing');
    expect(housing.map((r) => r.programs.includes('child_protection') || r.id.startsWith('annuaire/conseil-departemental'))).not.toContain(false);
  });
});
