import { loadCatalog } from '../../../knowledge/catalog/load';
import { THEMES } from '../../../knowledge/contracts/vocabulary';

/** The catalog holds what the seeds name, each with its place and its source. */
const { resources, problems } = loadCatalog();
const text = (r: (typeof resources)[number]) => `${r.id} ${r.title.fr} ${r.summary.fr} ${(r.keywords?.fr ?? []).join(' ')}`.toLowerCase();
const find = (pattern: RegExp) => resources.filter((r) => pattern.test(text(r)));

describe('curated catalog', () => {
  it('is valid, with a source and a verification date on every resource', () => {
    expect(problems).toEqual([]);
    for (const r of resources) expect([r.id, r.source.length > 0, /^\d{4}-\d{2}-\d{2}$/.test(r.verifiedOn)]).toEqual([r.id, true, true]);
  });

  it('has a title and summary in all eight languages for every resource', () => {
    const missing = resources.filter((r) => ['en', 'ar', 'fa', 'ps', 'ti', 'ru', 'uk'].some((l) => !r.title[l as 'en'] || !r.summary[l as 'en']));
    expect(missing.map((r) => r.id)).toEqual([]);
  });

  it('covers every theme with at least one resource available everywhere', () => {
    for (const theme of THEMES) {
      const nationwide = resources.filter((r) => r.themes.includes(theme) && ['national', 'online'].includes(r.geography.scope));
      expect([theme, nationwide.length > 0]).toEqual([theme, true]);
    }
  });

  // Names from the seeds (003 and 002 mostly) and the list.
  it.each([
    [/ofii/], [/agir/], [/oepre|ouvrir l.école/], [/\basl\b|sociolinguisti/], [/upe2a/], [/casnav/], [/intégracode|integracode/], [/mob.in/],
    [/wimoov/], [/rezo pouce/], [/gren/], [/boutique boulot/], [/mob d.emploi/], [/agglopolys/], [/visale/], [/\bfsl\b|fonds de solidarité/],
    [/intermédiation locative/], [/caracol/], [/hébergement citoyen/], [/emile/], [/\bpass\b/], [/empp/], [/psychotrauma/], [/terra psy/],
    [/integrapsy/], [/expressions d.exil/], [/orspere/], [/france services/], [/conseiller.? numérique/], [/relais numérique/], [/cèze/],
    [/lo solan/], [/konexio/], [/familles rurales/], [/pai.r/], [/pietra/], [/face vosges/], [/geiq/], [/france travail/], [/mission locale/],
    [/cap emploi/], [/vae sans frontière/], [/enic.naric/], [/duo for a job/], [/parrainage/], [/volont.r/], [/tero loko/], [/jrs/],
    [/terre en partage/], [/fais-moi une place/], [/bibliothèques sans frontières/], [/carif.oref/],
  ])('names %s', (pattern) => {
    expect(find(pattern).length).toBeGreaterThan(0);
  });

  it.each([
    ['mobility-cantal-mouv', '15'],
    ['employment-pietra-puy-de-dome', '63'],
    ['health-orspere-samdarra-lyon', '69'],
  ])('attaches %s to department %s', (id, department) => {
    expect(resources.find((r) => r.id === id)?.geography.departments).toContain(department);
  });

  it.each(['112', '15', '17', '115', '119', '3919', '3114'])('lists the %s helpline with its number', (phone) => {
    expect(resources.some((r) => r.kind === 'helpline' && r.contact.phone === phone)).toBe(true);
  });
});
