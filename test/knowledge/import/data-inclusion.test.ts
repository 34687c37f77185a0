import { ResourceSchema } from '../../../knowledge/catalog/schema';
import { ImportParseError, mapFile, themesOfThematique } from '../../../knowledge/import';
import { TODAY, byRef, fixture } from './helpers';

const EXILES = ['bpi', 'temporary_protection', 'newcomer', 'asylum_seeker'];

describe('data·inclusion v1 services', () => {
  const { read, resources, rejected } = mapFile({ format: 'data-inclusion', content: fixture('data-inclusion-services.json'), today: TODAY });

  it('imports every service as a valid service resource keyed by its data·inclusion id', () => {
    expect(read).toBe(5);
    expect(rejected).toEqual([]);
    expect(resources.map((r) => r.id)).toEqual([
      'data-inclusion/dora--3f1c2b7e-5a1d-4c8e-9f0a-1b2c3d4e5f60',
      'data-inclusion/soliguide--sante-15-0001',
      'data-inclusion/france-services--numerique-en-ligne',
      'data-inclusion/dora--hebergement-faucigny',
      'data-inclusion/dora--femmes-corse',
    ]);
    for (const r of resources) {
      expect(ResourceSchema.parse(r)).toEqual(r);
      expect(r.kind).toBe('service');
      expect(r.provenance).toEqual({ format: 'data-inclusion', ref: r.provenance?.ref, importedOn: TODAY });
      expect(Object.keys(r.title)).toEqual(['fr']);
    }
  });

  it('maps a local French workshop: communes of the zone, coordinates, contact, exiled publics', () => {
    const r = byRef(resources, 'dora--3f1c2b7e-5a1d-4c8e-9f0a-1b2c3d4e5f60');
    expect(r.title.fr).toBe('Ateliers sociolinguistiques (ASL)');
    expect(r.summary.fr).toMatch(/^Des ateliers pour pratiquer le français/);
    expect(r.themes).toEqual(['language']);
    expect(r.audience).toEqual({ statuses: EXILES });
    expect(r.geography).toEqual({ scope: 'local', departments: ['87'], communes: ['87085', '87114'], coordinates: [1.2549, 45.8305] });
    expect(r.contact).toEqual({
      url: 'https://dora.inclusion.beta.gouv.fr/services/asl-limoges',
      phone: '+33555000000',
      email: 'asl@centre-social-limoges.example.org',
      address: '3 place Denis Dussoubs, Bâtiment B, 87000 Limoges',
    });
    expect(r.source).toBe('https://dora.inclusion.beta.gouv.fr/services/asl-limoges');
  });

  it('maps a department zone; a general public next to personnes-exilees restricts nothing', () => {
    const r = byRef(resources, 'soliguide--sante-15-0001');
    expect(r.themes).toEqual(['health', 'mental_health']);
    expect(r.geography).toEqual({ scope: 'departmental', departments: ['15'] });
    expect(r.audience).toEqual({});
    expect(r.contact).toEqual({ phone: '04 71 46 56 56' });
    expect(r.source).toBe('https://schema.data.gouv.fr/gip-inclusion/data-inclusion-schema/');
  });

  it('maps a remote-only national service to the online scope', () => {
    const r = byRef(resources, 'france-services--numerique-en-ligne');
    expect(r.themes).toEqual(['digital', 'rights']);
    expect(r.geography).toEqual({ scope: 'online' });
    expect(r.contact).toEqual({ url: 'https://www.france-services.example.org/rdv' });
  });

  it('expands an EPCI into its member communes', () => {
    const r = byRef(resources, 'dora--hebergement-faucigny');
    expect(r.themes).toEqual(['housing', 'emergency']);
    expect(r.geography.scope).toBe('local');
    expect(r.geography.departments).toEqual(['74']);
    expect(r.geography.communes).toEqual(expect.arrayContaining(['74042', '74164']));
    expect(r.contact.phone).toBe('04 50 00 00 00');
  });

  it('maps Corsican departments and women + exiles', () => {
    const r = byRef(resources, 'dora--femmes-corse');
    expect(r.themes).toEqual(['employment', 'childcare']);
    expect(r.audience).toEqual({ statuses: EXILES, women: true });
    expect(r.geography).toEqual({ scope: 'departmental', departments: ['2A', '2B'], coordinates: [8.7386, 41.9192] });
    expect(r.contact).toEqual({});
  });
});

describe('data·inclusion problems met in real feeds', () => {
  const { read, resources, rejected } = mapFile({ format: 'data-inclusion', content: fixture('data-inclusion-real-feed.json'), today: TODAY });

  it('scopes an in-person service eligible region-wide by its own commune, not by the region\'s departments', () => {
    // The zone lists the 12 departments of Auvergne-Rhône-Alpes; people go to Lyon 7e.
    const r = byRef(resources, 'dora--fle-lyon-7');
    expect(r.geography).toEqual({ scope: 'local', communes: ['69387'], departments: ['69'], coordinates: [4.8389, 45.7465] });
  });

  it('turns Markdown descriptions into plain text', () => {
    expect(byRef(resources, 'dora--asl-rennes-markdown').summary.fr).toBe(
      "Objectifs. Parler avec les professionnels de la santé et de l'école. Lire les courriers administratifs. Inscription sur place, le lundi matin. Gratuit",
    );
  });

  it('keeps date_maj as the date the record was last verified, and rejects a record not updated for over a year', () => {
    expect(byRef(resources, 'dora--fle-lyon-7').verifiedOn).toBe('2026-09-10');
    expect(byRef(resources, 'dora--fle-lyon-7').provenance?.importedOn).toBe(TODAY);
    expect(rejected).toEqual([{ ref: 'dora--atelier-numerique-2023', reason: 'date_maj 2023-05-04 is more than 12 months before 2026-11-15: the service may have changed or closed since' }]);
    expect(read).toBe(6);
  });

  it('reads the v0 zone_diffusion_* fields when there is no zone_eligibilite', () => {
    expect(byRef(resources, 'soliguide--v0-fle-rennes').geography).toEqual({ scope: 'local', communes: ['35238'], departments: ['35'] });
    expect(byRef(resources, 'soliguide--v0-fle-rennes').audience).toEqual({ statuses: EXILES });
    // A v0 region is the region's departments; an in-person service is still where it is.
    expect(byRef(resources, 'soliguide--v0-accueil-brest').geography).toEqual({ scope: 'local', communes: ['29019'], departments: ['29'] });
    expect(byRef(resources, 'soliguide--v0-ecoute-finistere').geography).toEqual({ scope: 'departmental', departments: ['29'] });
  });
});

describe('data·inclusion search answers (GET /api/v1/search/services)', () => {
  const { read, resources, rejected } = mapFile({ format: 'data-inclusion', content: fixture('data-inclusion-search.json'), today: TODAY });

  it('reads each {service, distance} item as its service', () => {
    expect(read).toBe(2);
    expect(rejected).toEqual([]);
    const r = byRef(resources, 'dora--asl-clermont');
    expect(r.title.fr).toBe('Ateliers sociolinguistiques');
    expect(r.geography).toEqual({ scope: 'departmental', departments: ['63'], coordinates: [3.0969, 45.7702] });
    expect(r.source).toBe('https://dora.inclusion.beta.gouv.fr/services/asl-clermont');
  });

  it("places an in-person service without an address of its own at its structure's commune", () => {
    expect(byRef(resources, 'dora--permanence-acces-droits').geography).toEqual({ scope: 'local', communes: ['63300'], departments: ['63'] });
  });
});

describe('data·inclusion broken services', () => {
  it('imports the good service and reports the others with their id and reason', () => {
    const { read, resources, rejected } = mapFile({ format: 'data-inclusion', content: fixture('data-inclusion-broken.json'), today: TODAY });
    expect(read).toBe(10);
    expect(resources.map((r) => r.id)).toEqual(['data-inclusion/ok--good']);
    expect(rejected).toEqual([
      { ref: 'brk--no-name', reason: 'missing nom (title)' },
      { ref: 'brk--bad-date', reason: 'date_maj "14/02/2025" is not a date YYYY-MM-DD' },
      { ref: 'brk--unknown-dept', reason: 'zone_eligibilite: unknown department "00"' },
      { ref: 'brk--swapped', reason: 'coordinates latitude 2.35, longitude 48.85 are not in France (latitude and longitude look swapped)' },
      { ref: 'brk--bad-insee', reason: 'code_insee "99999" is not a known commune' },
      { ref: 'brk--no-theme', reason: 'no thematique maps to a theme (autre--inconnue)' },
      { ref: 'brk--bad-email', reason: 'contact.email: Invalid email address' },
      { ref: 'brk--abroad', reason: 'zone_eligibilite: "99134" is a foreign country' },
      { ref: '#10', reason: 'missing id' },
    ]);
  });

  it('throws ImportParseError on invalid JSON or a value that holds no services', () => {
    expect(() => mapFile({ format: 'data-inclusion', content: fixture('data-inclusion-malformed.json'), today: TODAY })).toThrow(ImportParseError);
    expect(() => mapFile({ format: 'data-inclusion', content: '{"total": 0}', today: TODAY })).toThrow(/expected an array of services/);
  });

  it('accepts the paginated API shape {"items": [...]}', () => {
    const page = JSON.stringify({ items: JSON.parse(fixture('data-inclusion-services.json').toString('utf8')), total: 5, page: 1, size: 50 });
    expect(mapFile({ format: 'data-inclusion', content: page, today: TODAY }).resources).toHaveLength(5);
  });
});

describe('themesOfThematique', () => {
  it.each([
    ['lecture-ecriture-calcul--maitriser-le-francais', ['language']],
    ['logement-hebergement--louer-un-logement', ['housing']],
    ['sante--sante-mentale', ['mental_health']],
    ['mobilite--preparer-un-permis', ['mobility']],
    ['se-former--trouver-sa-formation', ['training']],
    ['famille--garde-denfants', ['childcare']],
    ['apprendre-francais--communiquer-vie-tous-les-jours', ['language']],
    ['inconnu--x', []],
  ])('%s', (thematique, themes) => expect(themesOfThematique(thematique)).toEqual(themes));
});
