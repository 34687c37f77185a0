import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ResourceSchema } from '../../../knowledge/catalog/schema';
import { ImportParseError, importFile, mapFile } from '../../../knowledge/import';
import { TODAY, byRef, fixture, removeTempStores, tempStore } from './helpers';

afterAll(removeTempStores);

/** DILA's own record, as stored beside the clone (a mairie: a type the plans do not use). */
const SAMPLE = readFileSync(join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'dila-annuaire-sample.json'));
const ID = (n: number) => `0a1b2c3d-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;

describe("DILA's Annuaire de l'administration", () => {
  const { read, resources, rejected } = mapFile({ format: 'dila-annuaire', content: fixture('dila-annuaire-offices.json'), today: TODAY });

  it('imports the offices of a bulk export ({"service": [...]}), nested fields as arrays or as JSON strings', () => {
    expect(read).toBe(3);
    expect(rejected).toEqual([]);
    expect(resources.map((r) => [r.id, r.office, r.themes])).toEqual([
      [`dila-annuaire/${ID(1)}`, 'caf', ['rights', 'housing']],
      [`dila-annuaire/${ID(2)}`, 'prefecture', ['rights']],
      [`dila-annuaire/${ID(3)}`, 'mission_locale', ['employment', 'training']],
    ]);
    for (const r of resources) expect(ResourceSchema.parse(r)).toEqual(r);
  });

  it('maps the place people go to (not the postal box), phone, site, hours by weekday and the record’s date', () => {
    const caf = byRef(resources, ID(1));
    expect(caf.contact).toEqual({ address: "1 rue de l'Exemple, 87000 Limoges", phone: '05 00 00 00 01', url: 'https://www.caf.fr' });
    expect(caf.geography).toEqual({ scope: 'local', communes: ['87085'], departments: ['87'], coordinates: [1.2611, 45.8336] });
    expect(caf.hours).toEqual({
      mon: ['08:30-12:00', '13:30-16:30'],
      tue: ['08:30-12:00', '13:30-16:30'],
      wed: ['08:30-12:00', '13:30-16:30'],
      thu: ['08:30-12:00', '13:30-16:30'],
      fri: ['08:30-12:00'],
    });
    expect(caf.verifiedOn).toBe('2025-03-14');
    expect(caf.provenance).toEqual({ format: 'dila-annuaire', ref: ID(1), importedOn: TODAY });
    expect(caf.source).toBe(`https://lannuaire.service-public.fr/nouvelle-aquitaine/haute-vienne/${ID(1)}`);
    expect(caf.summary.fr).toContain('Horaires (liste du 14 mars 2025) : lun.–jeu. 08:30-12:00, 13:30-16:30 ; ven. 08:30-12:00.');
    expect(Object.keys(caf.summary)).toHaveLength(8);
  });

  it('reads the JSON strings of the live export the same way', () => {
    const prefecture = byRef(resources, ID(2));
    expect(prefecture.contact).toEqual({ address: "2 place de l'Exemple, 87000 Limoges", phone: '05 00 00 00 02' });
    expect(prefecture.hours).toEqual({ tue: ['09:00-12:00'] });
  });

  it('keeps an overseas office without phone or hours, and says the hours are not given', () => {
    const ml = byRef(resources, ID(3));
    expect(ml.geography.departments).toEqual(['974']);
    expect(ml.contact).toEqual({ address: "3 rue de l'Exemple, 97400 Saint-Denis" });
    expect(ml.hours).toBeUndefined();
    expect(ml.summary.en).toContain('Opening hours not given');
    expect(ml.source).toBe('https://www.data.gouv.fr/fr/datasets/service-public-fr-annuaire-de-l-administration-base-de-donnees-locales/');
  });

  it('reads DILA’s sample record and says why a mairie is not imported', () => {
    const sample = mapFile({ format: 'dila-annuaire', content: SAMPLE, today: TODAY });
    expect(sample.read).toBe(1);
    expect(sample.rejected).toEqual([{ ref: '00007e4d-264c-43a0-b0b7-7f3b7dd995ab', reason: expect.stringMatching(/^type mairie is not an office type the plans use/) }]);
  });

  it('rejects each malformed record with its reason and goes on', () => {
    const broken = mapFile({ format: 'dila-annuaire', content: fixture('dila-annuaire-broken.json'), today: TODAY });
    expect(broken.resources.map((r) => r.id)).toEqual([`dila-annuaire/${ID(1)}`]);
    expect(broken.rejected).toEqual([
      { ref: ID(11), reason: 'pivot is neither a list nor a JSON-encoded list' },
      { ref: ID(12), reason: 'no street address (adresse[].numero_voie)' },
      { ref: ID(13), reason: 'plage_ouverture Lundi: "14:00-12:00" closes before it opens' },
      { ref: ID(14), reason: 'not published (statut_de_diffusion is false)' },
      { ref: ID(15), reason: 'code_insee_commune "99999" is not a known commune' },
      { ref: ID(16), reason: expect.stringMatching(/not in France \(latitude and longitude look swapped\)$/) },
      { ref: '00007e4d-264c-43a0-b0b7-7f3b7dd995ab', reason: expect.stringMatching(/^type mairie/) },
    ]);
  });

  it('refuses a file that is not the export, and a re-import replaces the snapshot', () => {
    expect(() => mapFile({ format: 'dila-annuaire', content: '{"services": 3}' })).toThrow(ImportParseError);
    expect(() => mapFile({ format: 'dila-annuaire', content: '[{' })).toThrow(/invalid JSON/);
    const storeDir = tempStore();
    importFile({ format: 'dila-annuaire', content: fixture('dila-annuaire-offices.json'), storeDir, today: TODAY });
    const result = importFile({ format: 'dila-annuaire', content: fixture('dila-annuaire-broken.json'), storeDir, today: TODAY });
    expect(result).toMatchObject({ format: 'dila-annuaire', read: 8, imported: 1 });
    const stored = JSON.parse(readFileSync(join(storeDir, 'dila-annuaire.json'), 'utf8')) as { id: string }[];
    expect(stored.map((r) => r.id)).toEqual([`dila-annuaire/${ID(1)}`]);
  });
});
