import { ResourceSchema } from '../../../knowledge/catalog/schema';
import { ImportParseError, mapFile, parseLheoDate } from '../../../knowledge/import';
import { TODAY, byRef, fixture } from './helpers';

const good23 = () => mapFile({ format: 'lheo', content: fixture('lheo-2.3-good.xml'), today: TODAY });
const good22 = () => mapFile({ format: 'lheo', content: fixture('lheo-2.2-latin1.xml'), today: TODAY });

describe('LHEO 2.3 good file', () => {
  const { read, resources, rejected } = good23();

  it('reads every action and imports them all', () => {
    expect(read).toBe(4);
    expect(rejected).toEqual([]);
    expect(resources.map((r) => r.id)).toEqual(['lheo/act-87-0001-01', 'lheo/act-15-0042-01', 'lheo/act-nat-0007-01', 'lheo/act-75-0310-01']);
    for (const r of resources) {
      expect(ResourceSchema.parse(r)).toEqual(r);
      expect(r.kind).toBe('training');
      expect(Object.keys(r.title)).toEqual(['fr']);
      expect(Object.keys(r.summary)).toEqual(['fr']);
      expect(r.verifiedOn).toBe(TODAY);
      expect(r.provenance).toEqual({ format: 'lheo', ref: r.provenance?.ref, importedOn: TODAY });
    }
  });

  it('maps a classroom FLE action: place, coordinates, publics, entry level, next session, contact', () => {
    const r = byRef(resources, 'ACT-87-0001-01');
    expect(r.title.fr).toBe('Français langue étrangère - vers le niveau A2');
    // Escaped HTML in objectif-formation becomes plain text.
    expect(r.summary.fr).toMatch(/^Communiquer à l'oral et à l'écrit .* préparer le DELF A2\./);
    // The closed January session is skipped; the next open one is shown.
    expect(r.summary.fr).toContain('Session du 07/12/2026 au 25/06/2027.');
    expect(r.summary.fr).toContain('Lieu : Association FLE Limousin, Limoges.');
    expect(r.themes).toEqual(['language']);
    expect(r.geography).toEqual({ scope: 'local', departments: ['87'], communes: ['87085'], coordinates: [1.2785, 45.8733] });
    // 81023 primo-arrivant + 81042 réfugié.
    expect(r.audience).toEqual({ statuses: ['bpi', 'newcomer', 'temporary_protection'], levels: ['A1'] });
    expect(r.contact).toEqual({
      url: 'https://www.asso-fle-limousin.example.org/sessions/fle-a2-beaubreuil',
      phone: '05 55 10 20 30',
      email: 'accueil@asso-fle-limousin.example.org',
      address: '12 rue Jean-Baptiste Lamarck, 87280 Limoges',
    });
    expect(r.source).toBe('https://www.asso-fle-limousin.example.org/sessions/fle-a2-beaubreuil');
    expect(r.keywords).toEqual({ fr: ['Français langue étrangère', 'Association FLE Limousin'] });
  });

  it('maps alphabétisation (15043) to non-readers, takes the principal place first and keeps every commune', () => {
    const r = byRef(resources, 'ACT-15-0042-01');
    expect(r.themes).toEqual(['language']);
    // 81022 (immigré) does not restrict the status; 81021 (analphabète) and 15043 mean non-readers.
    expect(r.audience).toEqual({ literacy: 'non_readers', levels: ['none'] });
    expect(r.geography).toEqual({ scope: 'local', departments: ['15'], communes: ['15014', '15187'], coordinates: [2.4398, 44.9264] });
    expect(r.summary.fr).toContain('Entrées et sorties permanentes.');
    expect(r.summary.fr).toContain('Formation en partie à distance.');
    // The formation's contact has only a phone: the e-mail is the organisme's.
    expect(r.contact).toEqual({ phone: '06 12 34 56 78', email: 'contact@lire-ecrire-cantal.example.org', address: '8 avenue des Volontaires, 15000 Aurillac' });
    // No URL in the record: the LHEO 2.3 namespace is the provenance.
    expect(r.source).toBe('http://lheo.gouv.fr/2.3');
  });

  it('maps a distance action (modalites-enseignement 2) to the online scope with month-only dates', () => {
    const r = byRef(resources, 'ACT-NAT-0007-01');
    expect(r.geography).toEqual({ scope: 'online' });
    expect(r.themes).toEqual(['language', 'digital']);
    expect(r.audience).toEqual({ levels: ['A2'] });
    expect(r.summary.fr).toContain('Session du 01/01/2027 au 30/06/2027.');
    expect(r.summary.fr).toContain('Formation entièrement à distance.');
    expect(r.contact.url).toBe('https://www.fle-en-ligne.example.org');
  });

  it('maps remise à niveau (15281) for refugees (81042) in a Paris arrondissement', () => {
    const r = byRef(resources, 'ACT-75-0310-01');
    expect(r.themes).toEqual(['language']);
    expect(r.audience).toEqual({ statuses: ['bpi', 'temporary_protection'], levels: ['A2', 'B1'] });
    expect(r.geography).toEqual({ scope: 'local', departments: ['75'], communes: ['75111'], coordinates: [2.3755, 48.8553] });
    expect(r.contact.phone).toBe('01 43 55 66 77');
  });

  it('uses sourceUrl for records without a link of their own', () => {
    const { resources: withSource } = mapFile({ format: 'lheo', content: fixture('lheo-2.3-good.xml'), today: TODAY, sourceUrl: 'https://www.intercariforef.org/' });
    expect(byRef(withSource, 'ACT-15-0042-01').source).toBe('https://www.intercariforef.org/');
    expect(byRef(withSource, 'ACT-87-0001-01').source).toBe('https://www.asso-fle-limousin.example.org/sessions/fle-a2-beaubreuil');
  });
});

describe('LHEO 2.2 file in ISO-8859-1', () => {
  const { read, resources, rejected } = good22();

  it('decodes Latin-1, accepts the 2.2 namespace and maps each action', () => {
    expect(read).toBe(3);
    expect(rejected).toEqual([]);
    expect(resources.map((r) => r.id)).toEqual(['lheo/lyon-7', 'lheo/villeurbanne-2', 'lheo/cf-advf-1']);
    expect(resources[0]?.title.fr).toBe("Savoirs de base et lutte contre l'illettrisme");
    expect(resources[0]?.source).toBe('http://www.lheo.org/2.2');
  });

  it('maps illettrisme (15022) to non-readers, and a postcode without INSEE code to its commune', () => {
    const lyon = byRef(resources, 'LYON-7');
    expect(lyon.audience).toEqual({ literacy: 'non_readers' });
    expect(lyon.geography).toEqual({ scope: 'local', departments: ['69'], communes: ['69387'], coordinates: [4.843, 45.748] });
    expect(lyon.contact.phone).toBe('+33 4 78 00 11 22');
    const villeurbanne = byRef(resources, 'VILLEURBANNE-2');
    // 81018 (femmes) alone → women; postcode 69100 is Villeurbanne only.
    expect(villeurbanne.audience).toEqual({ literacy: 'non_readers', women: true });
    expect(villeurbanne.geography).toEqual({ scope: 'local', departments: ['69'], communes: ['69266'] });
  });

  it('maps a non-language training to the training theme; a general public next to 81042 does not restrict', () => {
    const advf = byRef(resources, 'CF-ADVF-1');
    expect(advf.themes).toEqual(['training']);
    expect(advf.audience).toEqual({});
    expect(advf.geography.communes).toEqual(['63113']);
  });
});

describe('LHEO broken records', () => {
  const { read, resources, rejected } = mapFile({ format: 'lheo', content: fixture('lheo-broken.xml'), today: TODAY });

  it('imports the good action and reports every other one with its numero and reason', () => {
    expect(read).toBe(11);
    expect(resources.map((r) => r.provenance?.ref)).toEqual(['GOOD-1']);
    expect(resources[0]?.audience.statuses).toEqual(['bpi', 'newcomer']);
    expect(rejected).toEqual([
      { ref: 'NO-TITLE', reason: 'missing intitule-formation (title)' },
      { ref: 'BAD-DATE', reason: 'session #1: periode/debut "20261345" is not a date AAAAMMJJ' },
      { ref: 'BACKWARDS', reason: 'session #1: periode ends (20270101) before it starts (20270301)' },
      { ref: 'EXPIRED', reason: 'every session ended before 2026-11-15 (last on 2026-06-30)' },
      { ref: 'BAD-DEPT', reason: 'lieu-de-formation 1: unknown departement "99"' },
      { ref: 'SWAPPED', reason: 'lieu-de-formation 1: coordinates latitude 2.3755, longitude 48.8553 are not in France (latitude and longitude look swapped)' },
      { ref: 'BAD-INSEE', reason: 'lieu-de-formation 1: unknown code-INSEE-commune "87999"' },
      { ref: 'BAD-MODE', reason: 'modalites-enseignement "5" is not 0, 1 or 2' },
      // Rejected by ResourceSchema, with the zod message.
      { ref: 'BAD-URL', reason: 'contact.url: must be an http(s) URL' },
      { ref: 'GOOD-1', reason: 'duplicate reference: an earlier record of the file has the same one' },
    ]);
  });
});

describe('LHEO problems met in real feeds', () => {
  const { read, resources, rejected } = mapFile({ format: 'lheo', content: fixture('lheo-2.3-real-feed.xml'), today: TODAY });

  it('rejects a formation without any action by its numero instead of dropping it silently', () => {
    expect(read).toBe(4);
    expect(resources.map((r) => r.provenance?.ref)).toEqual(['AC-29-0001234-01', 'AC-35-0000777-01', 'AC-63-0004567-01']);
    expect(rejected).toEqual([{ ref: 'AF-87-0009999', reason: 'formation has no <action>: nothing to import (LHEO requires at least one)' }]);
  });

  it('completes a web address typed without its scheme instead of rejecting the record', () => {
    const r = byRef(resources, 'AC-29-0001234-01');
    expect(r.contact.url).toBe('https://lyceedekerneuzec.fr');
    expect(r.source).toBe('https://lyceedekerneuzec.fr');
  });

  it('reads "-" placeholders as missing, never as content', () => {
    const r = byRef(resources, 'AC-35-0000777-01');
    expect(r.summary.fr).toBe("Entrer dans la lecture et l'écriture du français. Entrées et sorties permanentes.");
    expect(r.keywords).toEqual({ fr: ['Alphabétisation'] });
    expect(r.contact).toEqual({});
    expect(r.geography).toEqual({ scope: 'local', departments: ['35'], communes: ['35238'] });
    expect(JSON.stringify(r)).not.toMatch(/"-"|: -|, -/);
  });

  it("takes the offer's href as its link and source when it has no url-action or url-formation", () => {
    const r = byRef(resources, 'AC-63-0004567-01');
    expect(r.source).toBe('https://www.formation-auvergne.example.org/offres/af-63-0004567.html');
    expect(r.contact.url).toBe('https://www.formation-auvergne.example.org/offres/af-63-0004567.html');
  });

  it("falls back to the organisme's contact for what the formation's contact lacks", () => {
    expect(byRef(resources, 'AC-63-0004567-01').contact).toEqual({
      url: 'https://www.formation-auvergne.example.org/offres/af-63-0004567.html',
      phone: '04 73 00 12 34',
      email: 'accueil@maison-des-langues.example.org',
      address: '5 rue Gaultier de Biauzat, 63000 Clermont-Ferrand',
    });
    // The formation's own phone comes first; the organisme adds the e-mail.
    expect(byRef(resources, 'AC-29-0001234-01').contact).toMatchObject({ phone: '02 98 96 15 40', email: 'greta.bretagne-sud@ac-rennes.example.org' });
  });
});

describe('LHEO files that cannot be parsed', () => {
  it('throws ImportParseError on invalid XML', () => {
    expect(() => mapFile({ format: 'lheo', content: fixture('lheo-malformed.xml'), today: TODAY })).toThrow(ImportParseError);
    expect(() => mapFile({ format: 'lheo', content: fixture('lheo-malformed.xml'), today: TODAY })).toThrow(/invalid XML at line 8/);
  });

  it('throws on a wrong root, an unknown namespace, or a summaries-only lheo-index', () => {
    expect(() => mapFile({ format: 'lheo', content: '<catalogue><offres/></catalogue>', today: TODAY })).toThrow(/root element must be <lheo>/);
    expect(() => mapFile({ format: 'lheo', content: '<lheo xmlns="http://example.org/3.0"><offres/></lheo>', today: TODAY })).toThrow(/unknown namespace/);
    expect(() => mapFile({ format: 'lheo', content: '<lheo-index><resumes-offres/></lheo-index>', today: TODAY })).toThrow(/lheo-index/);
    expect(() => mapFile({ format: 'lheo', content: '<lheo xmlns="http://lheo.gouv.fr/2.3"></lheo>', today: TODAY })).toThrow(/no <offres>/);
  });

  it('accepts namespace prefixes and an empty offer', () => {
    const xml = '<l:lheo xmlns:l="http://lheo.gouv.fr/2.3"><l:offres></l:offres></l:lheo>';
    expect(mapFile({ format: 'lheo', content: xml, today: TODAY })).toEqual({ read: 0, resources: [], rejected: [] });
  });
});

describe('parseLheoDate', () => {
  it.each([
    ['20261207', { kind: 'date', first: '2026-12-07', last: '2026-12-07' }],
    ['20270200', { kind: 'date', first: '2027-02-01', last: '2027-02-28' }],
    ['20270000', { kind: 'date', first: '2027-01-01', last: '2027-12-31' }],
    ['00000000', { kind: 'unknown' }],
    ['99999999', { kind: 'unknown' }],
    ['20260230', { kind: 'invalid' }],
    ['2026-12-07', { kind: 'invalid' }],
  ])('%s', (raw, expected) => expect(parseLheoDate(raw)).toEqual(expected));
});
