import { annuaireLocator, annuaireNavigationUrl, annuaireSlug, LOCATOR_OFFICES } from '../../../knowledge/catalog/annuaire-locator';
import { CURATED_DIR, loadCatalog } from '../../../knowledge/catalog/load';
import { ResourceSchema } from '../../../knowledge/catalog/schema';
import type { ProfileInput } from '../../../knowledge/contracts/profile';
import { ProfileSchema } from '../../../knowledge/contracts/profile';
import { readDepartments } from '../../../knowledge/geo/sources';
import { mapFile } from '../../../knowledge/import';
import { buildIndex } from '../../../knowledge/index/build';
import { recommend } from '../../../knowledge/index/recommend';
import { createEngine } from '../../../knowledge/orient';
import { fixture, TODAY } from '../import/helpers';

/**
 * Issue 9: until DILA's Annuaire is loaded, each office a plan needs is the Annuaire's own page for the person's
 * department, never an invented address; once it is loaded, the real office takes its place.
 */

const today = () => new Date('2026-11-23T12:00:00Z');
const curated = loadCatalog([CURATED_DIR]).resources;
const engineOn = (resources: typeof curated) => {
  const index = buildIndex(resources);
  return createEngine({ today, recommend: (input) => recommend(index, input) });
};
const withoutAnnuaire = engineOn(curated);
const plan = (profile: ProfileInput, locale: 'fr' | 'ar' = 'fr') => withoutAnnuaire.orient(ProfileSchema.parse(profile), locale);
const locators = (profile: ProfileInput, locale: 'fr' | 'ar' = 'fr') => plan(profile, locale).recommendations.filter((r) => r.id.startsWith('annuaire/'));

describe("the Annuaire's address of a department's offices", () => {
  it("writes names as the Annuaire's own addresses do", () => {
    // Seen on the Annuaire: /navigation/ile-de-france/val-d-oise/mairie, /provence-alpes-cote-d-azur/bouches-du-rhone/…
    expect(annuaireSlug('Île-de-France')).toBe('ile-de-france');
    expect(annuaireSlug("Val-d'Oise")).toBe('val-d-oise');
    expect(annuaireSlug("Provence-Alpes-Côte d'Azur")).toBe('provence-alpes-cote-d-azur');
    expect(annuaireSlug('Bouches-du-Rhône')).toBe('bouches-du-rhone');
    expect(annuaireNavigationUrl('95', 'prefecture')).toBe('https://lannuaire.service-public.fr/navigation/ile-de-france/val-d-oise/prefecture');
    expect(annuaireNavigationUrl('87', 'france_travail')).toBe('https://lannuaire.service-public.fr/navigation/nouvelle-aquitaine/haute-vienne/pole_emploi');
    expect(annuaireNavigationUrl('2A', 'ccas')).toBe('https://lannuaire.service-public.fr/navigation/corse/corse-du-sud/ccas');
    expect(annuaireNavigationUrl('99', 'cpam')).toBeUndefined();
  });

  it.each(readDepartments().filter((d) => /^(\d{2}|2[AB]|97[12346])$/.test(d.code)).map((d) => [d.code]))(
    'department %s: every locator is a valid catalog resource with its source, date and eight languages',
    (code) => {
      // Overseas, health insurance is the CGSS (the CSSM in Mayotte): no CPAM to send anyone to.
      const expected = LOCATOR_OFFICES.filter((o) => !(o === 'cpam' && code.startsWith('97')));
      const found = LOCATOR_OFFICES.map((o) => annuaireLocator(code, o)).filter((r) => r !== undefined);
      expect(found.map((r) => r.office)).toEqual(expected);
      for (const r of found) {
        expect(ResourceSchema.parse(r)).toEqual(r);
        expect(r).toMatchObject({ kind: 'locator', source: 'https://lannuaire.service-public.fr', verifiedOn: '2026-11-27', geography: { scope: 'departmental', departments: [code] } });
        expect(r.contact.url).toMatch(/^https:\/\/lannuaire\.service-public\.fr\/navigation\/[a-z0-9-]+\/[a-z0-9-]+\/[a-z_]+$/);
        expect(r.contact.address).toBeUndefined();
        expect(r.contact.phone).toBeUndefined();
      }
    },
  );
});

describe('a plan without the Annuaire links the department page of each office it needs', () => {
  it('Limoges, 20, refugee: préfecture, CPAM and mission locale pages of Haute-Vienne, each with why', () => {
    const found = locators({ status: 'bpi', protection: 'refugee', statusSince: '2026-06', age: 20, location: { postcode: '87000' }, needs: ['rights', 'health', 'employment'] });
    expect(found.map((r) => [r.id, r.theme, r.url])).toEqual([
      ['annuaire/prefecture-87', 'rights', 'https://lannuaire.service-public.fr/navigation/nouvelle-aquitaine/haute-vienne/prefecture'],
      ['annuaire/cpam-87', 'health', 'https://lannuaire.service-public.fr/navigation/nouvelle-aquitaine/haute-vienne/cpam'],
      ['annuaire/mission-locale-87', 'employment', 'https://lannuaire.service-public.fr/navigation/nouvelle-aquitaine/haute-vienne/mission_locale'],
    ]);
    const cpam = found.find((r) => r.id === 'annuaire/cpam-87')!;
    expect(cpam.title).toBe('Assurance Maladie (CPAM) — Haute-Vienne : adresses et horaires');
    expect(cpam.why).toEqual([expect.stringContaining('se soigner'), expect.stringContaining('Haute-Vienne'), expect.stringContaining('Assurance maladie')]);
  });

  it('in Arabic the title starts in Arabic script (a right-to-left line is not flipped by a Latin first word)', () => {
    const [prefecture] = locators({ status: 'bpi', location: { postcode: '93200' }, needs: ['rights'] }, 'ar');
    expect(prefecture!.title).toMatch(/^المحافظة \(Préfecture\) — Seine-Saint-Denis/);
    expect(prefecture!.summary).toContain('service-public.fr');
  });

  it('respects the decisions: no France Travail page without a right to stay, no mission locale at 40', () => {
    const undocumented = locators({ status: 'no_right_to_stay', age: 30, location: { postcode: '87000' }, needs: ['employment'] });
    expect(undocumented.map((r) => r.id)).not.toContain('annuaire/france-travail-87');
    const older = locators({ status: 'bpi', statusSince: '2024-01', age: 40, location: { postcode: '87000' }, needs: ['employment'] });
    expect(older.map((r) => r.id)).toEqual(['annuaire/france-travail-87']);
  });

  it('overseas, no CPAM page (CGSS, CSSM), and no locator at all without a place', () => {
    expect(locators({ status: 'bpi', location: { department: '974' }, needs: ['health'] }).map((r) => r.id)).toEqual([]);
    expect(locators({ status: 'bpi', needs: ['health', 'rights', 'employment'] })).toEqual([]);
  });

  it("once the Annuaire is loaded, its real office replaces the department page", () => {
    const { resources: offices } = mapFile({ format: 'dila-annuaire', content: fixture('dila-annuaire-offices.json'), today: TODAY });
    const loaded = engineOn([...curated, ...offices]);
    const result = loaded.orient(ProfileSchema.parse({ status: 'bpi', statusSince: '2026-06', age: 20, location: { postcode: '87000' }, needs: ['rights', 'health'] }), 'fr');
    const ids = result.recommendations.map((r) => r.id);
    // The fixture has a CAF and a préfecture in Limoges (rights), no CPAM (health keeps its page).
    expect(ids.some((id) => id.startsWith('dila-annuaire/'))).toBe(true);
    expect(ids).not.toContain('annuaire/prefecture-87');
    expect(ids).toContain('annuaire/cpam-87');
    const office = result.recommendations.find((r) => r.id.startsWith('dila-annuaire/'))!;
    expect(office.address).toMatch(/Limoges/);
  });

  it("a minor alone is sent first to the département's offices (its ASE), whatever the need; nobody else is", () => {
    const minor = locators({ status: 'asylum_seeker', statusSince: '2026-10', unaccompanied: true, location: { postcode: '87000' }, needs: ['housing', 'health'] });
    expect(minor[0]).toMatchObject({
      id: 'annuaire/conseil-departemental-87',
      url: 'https://lannuaire.service-public.fr/navigation/nouvelle-aquitaine/haute-vienne/cg',
      title: "Conseil départemental (Aide sociale à l'enfance) — Haute-Vienne : adresses et horaires",
    });
    const adult = locators({ status: 'asylum_seeker', statusSince: '2026-10', location: { postcode: '87000' }, needs: ['housing', 'social', 'emergency'] });
    expect(adult.map((r) => r.id)).not.toContain('annuaire/conseil-departemental-87');
    const grownUp = locators({ status: 'asylum_seeker', statusSince: '2026-10', unaccompanied: true, age: 19, location: { postcode: '87000' }, needs: ['housing'] });
    expect(grownUp.map((r) => r.id)).not.toContain('annuaire/conseil-departemental-87');
  });
});
