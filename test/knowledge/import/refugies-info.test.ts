import { ResourceSchema } from '../../../knowledge/catalog/schema';
import { ImportParseError, mapFile, refugiesInfoUrl } from '../../../knowledge/import';
import { TODAY, byRef, fixture } from './helpers';

describe('refugiesInfoUrl', () => {
  it('uses French paths in French and translated paths elsewhere', () => {
    expect(refugiesInfoUrl('6419a1b2c3d4e5f601234567', 'dispositif')).toBe('https://refugies.info/fr/dispositif/6419a1b2c3d4e5f601234567');
    expect(refugiesInfoUrl('6419a1b2c3d4e5f601234567', 'demarche', 'fr')).toBe('https://refugies.info/fr/demarche/6419a1b2c3d4e5f601234567');
    expect(refugiesInfoUrl('6419a1b2c3d4e5f601234567', 'dispositif', 'ar')).toBe('https://refugies.info/ar/program/6419a1b2c3d4e5f601234567');
    expect(refugiesInfoUrl('6419a1b2c3d4e5f601234567', 'demarche', 'uk')).toBe('https://refugies.info/uk/procedure/6419a1b2c3d4e5f601234567');
  });
});

describe('Réfugiés.info SimpleDispositif list (API envelope)', () => {
  const { read, resources, rejected } = mapFile({ format: 'refugies-info', content: fixture('refugies-info-list.json'), today: TODAY });

  it('imports every fiche as a valid fiche resource', () => {
    expect(read).toBe(5);
    expect(rejected).toEqual([]);
    for (const r of resources) {
      expect(ResourceSchema.parse(r)).toEqual(r);
      expect(r.kind).toBe('fiche');
      expect(r.id).toBe(`refugies-info/${r.provenance?.ref}`);
      expect(r.provenance).toEqual({ format: 'refugies-info', ref: r.refugiesInfo?.id, importedOn: TODAY });
      expect(r.source).toBe(r.refugiesInfo?.url);
      expect(r.reviewedLocales).toEqual(['fr']);
    }
  });

  it('maps themes, departments, French level, statuses, age and public', () => {
    const r = byRef(resources, '6419a1b2c3d4e5f601234567');
    expect(r.title).toEqual({ fr: 'Cours de français pour femmes' });
    expect(r.summary).toEqual({ fr: "Des ateliers de français gratuits, entre femmes, avec garde d'enfants." });
    expect(r.keywords).toEqual({ fr: ['Femmes en français'] });
    expect(r.themes).toEqual(['language', 'employment']);
    expect(r.geography).toEqual({ scope: 'departmental', departments: ['87', '19', '23'] });
    expect(r.audience).toEqual({ statuses: ['bpi', 'temporary_protection'], levels: ['none', 'A1'], minAge: 18, women: true });
    expect(r.refugiesInfo).toEqual({ id: '6419a1b2c3d4e5f601234567', url: 'https://refugies.info/fr/dispositif/6419a1b2c3d4e5f601234567' });
  });

  it('maps a national démarche for asylum seekers aged 16–25', () => {
    const r = byRef(resources, '5e7a3f2b1c0d9e8f7a6b5c4d');
    expect(r.themes).toEqual(['rights']);
    expect(r.geography).toEqual({ scope: 'national' });
    expect(r.audience).toEqual({ statuses: ['asylum_seeker'], minAge: 16, maxAge: 25 });
    expect(r.refugiesInfo?.url).toBe('https://refugies.info/fr/demarche/5e7a3f2b1c0d9e8f7a6b5c4d');
  });

  it('reads populated theme and need objects; online location; C1 counts as B2', () => {
    const r = byRef(resources, '60f1e2d3c4b5a69788796a5b');
    expect(r.themes).toEqual(['health', 'mental_health']);
    expect(r.geography).toEqual({ scope: 'online' });
    expect(r.audience).toEqual({ levels: ['B2'], maxAge: 26 });
  });

  it('maps a theme by its French name, legacy "All" as national, "1 - Ain" and overseas departments', () => {
    expect(byRef(resources, '58a1b2c3d4e5f60718293a4b').themes).toEqual(['housing']);
    expect(byRef(resources, '58a1b2c3d4e5f60718293a4b').geography).toEqual({ scope: 'national' });
    const alpha = byRef(resources, '62c3d4e5f60718293a4b5c6d');
    expect(alpha.geography).toEqual({ scope: 'departmental', departments: ['01', '2A', '971'] });
    expect(alpha.audience).toEqual({ levels: ['none'], literacy: 'non_readers', parents: true });
  });
});

describe('Réfugiés.info full fiches', () => {
  const { read, resources, rejected } = mapFile({ format: 'refugies-info', content: fixture('refugies-info-fiches.json'), today: TODAY });

  it('imports the stored model with translations and the flattened GET /dispositifs/{id} shape', () => {
    expect(read).toBe(3);
    expect(rejected).toEqual([]);
  });

  it('takes title and summary per locale from translations, ignoring unknown locales', () => {
    const r = byRef(resources, '63a0b1c2d3e4f5a6b7c8d9e0');
    expect(r.title).toEqual({ fr: 'Passer le permis de conduire', en: 'Get a driving licence', ar: 'الحصول على رخصة القيادة' });
    expect(r.summary).toEqual({
      fr: 'Un accompagnement vers le permis B, à tarif réduit.',
      en: 'Support towards the B licence at a reduced price.',
      ar: 'مرافقة للحصول على رخصة القيادة بسعر مخفض.',
    });
    expect(r.reviewedLocales).toEqual(['fr', 'en', 'ar']);
    expect(r.themes).toEqual(['mobility', 'training']);
    expect(r.audience).toEqual({ statuses: ['bpi'] });
    // A single point on the map gives the contact and the coordinates of a departmental fiche.
    expect(r.geography).toEqual({ scope: 'departmental', departments: ['35'], coordinates: [-1.6893, 48.1119] });
    expect(r.contact).toEqual({
      url: 'https://www.permis-solidaire.example.org',
      phone: '02 99 00 11 22',
      email: 'contact@permis-solidaire.example.org',
      address: '12 rue de Brest, Rennes',
    });
  });

  it('maps a démarche translated into Ukrainian', () => {
    const r = byRef(resources, '64b1c2d3e4f5a6b7c8d9e0f1');
    expect(r.title).toEqual({ fr: 'Faire reconnaître son diplôme', uk: 'Визнання диплома' });
    expect(r.themes).toEqual(['studies']);
    expect(r.geography).toEqual({ scope: 'national' });
    expect(r.refugiesInfo?.url).toBe('https://refugies.info/fr/demarche/64b1c2d3e4f5a6b7c8d9e0f1');
  });

  it('falls back to the text of `what` when there is no abstract; several map points give no contact', () => {
    const r = byRef(resources, '65c2d3e4f5a6b7c8d9e0f1a2');
    expect(r.summary.fr).toBe('Une halte-garderie accueille vos enfants de 3 mois à 3 ans pendant que vous suivez vos cours de français & vos rendez-vous.');
    expect(r.themes).toEqual(['social', 'childcare']);
    expect(r.contact).toEqual({});
    expect(r.geography).toEqual({ scope: 'departmental', departments: ['13'] });
  });
});

describe('Réfugiés.info problems met in real answers', () => {
  const { resources, rejected } = mapFile({ format: 'refugies-info', content: fixture('refugies-info-real-feed.json'), today: TODAY });

  it('reads a fiche open to every status as open to everyone, newcomers included', () => {
    expect(rejected).toEqual([]);
    expect(byRef(resources, '6501a2b3c4d5e6f708192a3b').audience).toEqual({});
  });

  it('reads a department label without its code ("Puy-de-Dome") by its name', () => {
    const r = byRef(resources, '6512b3c4d5e6f708192a3b4c');
    expect(r.geography).toEqual({ scope: 'departmental', departments: ['63', '43'] });
    expect(r.audience).toEqual({ statuses: ['bpi'] });
  });
});

describe('Réfugiés.info answer translated by the API (GET /dispositifs?locale=ar)', () => {
  const { read, resources, rejected } = mapFile({ format: 'refugies-info', content: fixture('refugies-info-list-ar.json'), today: TODAY });

  it('never stores a translated text as French: without French the fiche is rejected with the reason', () => {
    expect(read).toBe(4);
    expect(rejected).toEqual([
      { ref: '6419a1b2c3d4e5f601234567', reason: 'titreInformatif and abstract are in ar (a translated answer, e.g. ?locale=ar): import the French answer (locale=fr) or the full fiches' },
      { ref: '67d3e4f5a6b7c8d9e0f1a2b4', reason: 'titreInformatif and abstract are in ar, fa or ps (a translated answer, e.g. ?locale=ar): import the French answer (locale=fr) or the full fiches' },
    ]);
  });

  it('keeps the French fallback of an untranslated fiche as French, and a translation beside French in its locale', () => {
    expect(byRef(resources, '5e7a3f2b1c0d9e8f7a6b5c4d').title).toEqual({ fr: "Demander l'asile en France" });
    const housing = byRef(resources, '66c2d3e4f5a6b7c8d9e0f1a3');
    expect(housing.title).toEqual({ fr: 'Trouver un logement avec une association', ru: 'Поиск жилья с помощью ассоциации' });
    expect(housing.summary.ru).toBe('Ассоциация помогает найти жильё и подписать договор аренды.');
  });
});

describe('Réfugiés.info broken fiches', () => {
  it('imports the good fiche and reports the others with their _id and reason', () => {
    const { read, resources, rejected } = mapFile({ format: 'refugies-info', content: fixture('refugies-info-broken.json'), today: TODAY });
    expect(read).toBe(10);
    expect(resources.map((r) => r.id)).toEqual(['refugies-info/6600000000000000000000a8']);
    expect(rejected).toEqual([
      { ref: '6600000000000000000000a1', reason: 'missing titreInformatif (title) in French' },
      { ref: '6600000000000000000000a2', reason: 'status "Brouillon" is not published ("Actif")' },
      { ref: '6600000000000000000000a3', reason: 'metadatas.location: unknown department "99 - Atlantide"' },
      { ref: 'not-an-object-id', reason: '_id "not-an-object-id" is not a 24-hex ObjectId' },
      { ref: '6600000000000000000000a5', reason: 'theme "0123456789abcdef01234567" is not a known Réfugiés.info theme' },
      { ref: '6600000000000000000000a6', reason: 'metadatas.age {"type":"between","ages":[30,18]} is not a valid age condition' },
      { ref: '6600000000000000000000a7', reason: 'typeContenu "ressource" is not "dispositif" or "demarche"' },
      { ref: '6600000000000000000000a8', reason: 'duplicate reference: an earlier record of the file has the same one' },
      { ref: '6600000000000000000000a9', reason: 'contact.phone: must be digits and spaces, e.g. "0 800 858 858"' },
    ]);
  });

  it('throws ImportParseError on invalid JSON or a JSON value that holds no fiches', () => {
    expect(() => mapFile({ format: 'refugies-info', content: fixture('refugies-info-malformed.json'), today: TODAY })).toThrow(ImportParseError);
    expect(() => mapFile({ format: 'refugies-info', content: '"fiches"', today: TODAY })).toThrow(/expected an array of fiches/);
  });
});
