import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CURATED_DIR, loadCatalog } from '../../../knowledge/catalog/load';
import { ResultSchema } from '../../../knowledge/contracts/result';
import { readDepartments } from '../../../knowledge/geo/sources';
import { ImportParseError, importFile, mapFile, parseCsv } from '../../../knowledge/import';
import { buildIndex } from '../../../knowledge/index/build';
import { recommend } from '../../../knowledge/index/recommend';
import { createEngine } from '../../../knowledge/orient';
import { removeTempStores, tempStore } from '../import/helpers';

afterAll(removeTempStores);

/** The real list, where CI has it too: ../shared beside the clone. */
const CSV = join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'france_services_liste-fs-20240801.csv');
const DATA_DATE = '2024-08-01';
const content = readFileSync(CSV);
const mapped = mapFile({ format: 'france-services', content, today: '2026-11-27', dataDate: DATA_DATE });
const site = (ref: string) => mapped.resources.find((r) => r.provenance?.ref === ref)!;

describe('France services list (ANCT, 2024-08-01)', () => {
  it('imports every site of the 101 departments and rejects only Saint-Martin, with its reason', () => {
    expect(mapped.read).toBe(2845);
    expect(mapped.rejected).toEqual([
      { ref: '1684', reason: 'insee_com 97801 is not in one of the 101 departments (department 978)' },
      { ref: '1685', reason: 'insee_com 97801 is not in one of the 101 departments (department 978)' },
    ]);
    const departments = new Set(mapped.resources.flatMap((r) => r.geography.departments));
    expect(departments.size).toBe(101);
    for (const r of mapped.resources) {
      expect(r).toMatchObject({ kind: 'service', office: 'france_services', themes: ['rights', 'digital'], verifiedOn: DATA_DATE });
      expect(r.geography.scope).toBe('local');
      expect(r.geography.coordinates).toHaveLength(2);
      expect(r.contact.address).toEqual(expect.any(String));
    }
    expect(mapped.resources.filter((r) => !r.contact.phone)).toHaveLength(4);
  });

  it('maps a site as published: address, phone, point, hours by weekday, source and date', () => {
    const r = site('1');
    expect(r.id).toBe('france-services/1');
    expect(r.title.fr).toBe('France services de Valserhône');
    expect(r.title.ar).toBe('France services de Valserhône');
    expect(r.contact).toEqual({ phone: '04 50 56 87 49', address: '5-9 Rue des Papetiers, 01200 Valserhône' });
    expect(r.geography).toEqual({ scope: 'local', communes: ['01033'], departments: ['01'], coordinates: [5.8260084241619, 46.1060711578546] });
    expect(r.hours).toEqual({
      mon: ['13:30-17:00'],
      tue: ['09:00-12:00', '13:30-17:00'],
      wed: ['09:00-12:00', '13:30-17:00'],
      thu: ['09:00-12:00', '13:30-17:00'],
      fri: ['09:00-12:00', '13:30-16:00'],
    });
    expect(r.source).toBe('https://www.data.gouv.fr/fr/datasets/liste-des-structures-france-services/');
    expect(r.provenance).toEqual({ format: 'france-services', ref: '1', importedOn: DATA_DATE });
  });

  it('writes its summary from a template in all eight languages, with the hours and the date of the list', () => {
    const { summary } = site('1');
    expect(Object.keys(summary).sort()).toEqual(['ar', 'en', 'fa', 'fr', 'ps', 'ru', 'ti', 'uk']);
    expect(summary.fr).toContain('Horaires (liste du 1 août 2024) : lun. 13:30-17:00 ; mar.–jeu. 09:00-12:00, 13:30-17:00 ; ven. 09:00-12:00, 13:30-16:00.');
    expect(summary.en).toContain('Opening hours (list of August 1, 2024): Mon 13:30-17:00; Tue–Thu');
    expect(summary.ru).toContain('1 августа 2024');
    expect(summary.uk).toContain('1 серпня 2024');
    for (const text of Object.values(summary)) expect(text).toContain('13:30-17:00');
  });

  it('reads the list’s quirks: a "00:00 - 00:00" placeholder is dropped, unreadable hours become unknown', () => {
    expect(site('29').hours?.wed).toEqual(['09:00-12:00']);
    // "09:00 - 12:00 / 09:00 - 16:30 / 14:00 - 16:30": overlapping periods; the site stays, its hours are not guessed.
    expect(site('114').hours).toBeUndefined();
    expect(site('114').summary.fr).toContain('Horaires non indiqués (liste du 1 août 2024) : appelez avant de venir.');
    // A bus: its address is a base, and the summary says so.
    expect(site('3').summary.en).toContain('A mobile service');
  });

  it('refuses a file it cannot read, and a list without its date', () => {
    expect(() => mapFile({ format: 'france-services', content: '"id_fs","lib_fs"\n"1","x"\n', dataDate: DATA_DATE })).toThrow(/missing column/);
    expect(() => mapFile({ format: 'france-services', content: '"id_fs,"lib_fs\n', dataDate: DATA_DATE })).toThrow(ImportParseError);
    expect(() => mapFile({ format: 'france-services', content })).toThrow(/carries no date/);
  });
});

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes, line breaks in a field, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa,b,c\r\n"1, rue ""X""","2\nbis",\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1, rue "X"', '2\nbis', ''],
    ]);
  });
});

describe('kb import --format france-services into a store', () => {
  it('writes the snapshot atomically and idempotently, and a new list replaces the old one', () => {
    const storeDir = tempStore();
    const first = importFile({ format: 'france-services', content, storeDir, dataDate: DATA_DATE });
    expect(first).toMatchObject({ format: 'france-services', read: 2845, imported: 2843 });
    const file = join(storeDir, 'france-services.json');
    const once = readFileSync(file, 'utf8');
    const written = statSync(file).mtimeMs;
    importFile({ format: 'france-services', content, storeDir, dataDate: DATA_DATE, today: '2027-01-01' });
    expect(readFileSync(file, 'utf8')).toBe(once);
    expect(statSync(file).mtimeMs).toBe(written);
    // A later list without site 1: the closed site leaves the store.
    const [header, ...rows] = content.toString('utf8').split('\n');
    const without1 = [header, ...rows.filter((l) => !l.startsWith('"1",'))].join('\n');
    importFile({ format: 'france-services', content: without1, storeDir, dataDate: '2024-09-01' });
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { id: string; verifiedOn: string }[];
    expect(stored.map((r) => r.id)).not.toContain('france-services/1');
    expect(new Set(stored.map((r) => r.verifiedOn))).toEqual(new Set(['2024-09-01']));
    expect(readdirSync(storeDir)).toEqual(['france-services.json']);
    expect(loadCatalog([storeDir]).problems).toEqual([]);
  });

  it("keeps a publisher's note readable: its ASCII arrow ('-->', in the Paris mobile town hall's note) becomes '→'", () => {
    const noted = mapped.resources.filter((r) => r.summary.fr.includes('mairiemobile'));
    expect(noted.length).toBeGreaterThan(0);
    for (const r of noted) expect(r.summary.fr).toMatch(/mairiemobile → /);
    expect(mapped.resources.some((r) => r.summary.fr.includes('-->'))).toBe(false);
  });

  it('dry run writes nothing', () => {
    const storeDir = join(tempStore(), 'store');
    importFile({ format: 'france-services', content, storeDir, dataDate: DATA_DATE, dryRun: true });
    expect(existsSync(storeDir)).toBe(false);
  });
});

describe('every plan with a place names its nearest France services', () => {
  const index = buildIndex([...loadCatalog([CURATED_DIR]).resources, ...mapped.resources]);
  const engine = createEngine({ today: () => new Date('2026-11-23T12:00:00Z'), recommend: (input) => recommend(index, input) });
  // The 101 departments: metropolitan, Corsica and the five overseas (975, Saint-Pierre-et-Miquelon, is a collectivity).
  const departments = readDepartments().filter((d) => /^(\d{2}|2[AB]|97[12346])$/.test(d.code));

  it('samples the 101 departments', () => expect(departments).toHaveLength(101));

  it.each(departments.map((d) => [d.code, d.chefLieu]))('department %s (commune %s): an in-person door with address, phone and distance', (code, chefLieu) => {
    const result = engine.orient({ location: { inseeCode: chefLieu }, needs: ['language'] }, 'fr');
    expect(result.location).toMatchObject({ status: 'resolved', department: code });
    const doors = result.recommendations.filter((r) => r.id.startsWith('france-services/'));
    expect(doors.length).toBeGreaterThanOrEqual(1);
    expect(doors.length).toBeLessThanOrEqual(2);
    for (const door of doors) {
      expect(door).toMatchObject({ address: expect.any(String), verifiedOn: DATA_DATE, distanceKm: expect.any(Number) });
      expect(door.why[0]).toMatch(/^C'est à environ \d+ km de /);
    }
    expect(doors.some((d) => d.phone)).toBe(true);
    // Nearest first.
    expect(doors.map((d) => d.distanceKm)).toEqual([...doors.map((d) => d.distanceKm!)].sort((a, b) => a - b));
    expect(ResultSchema.safeParse(result).success).toBe(true);
  });

  it('is the nearest site: Limoges gets the site nearest to its point, and none without a place', () => {
    const limoges = engine.orient({ location: { postcode: '87000' }, needs: ['rights'] }, 'en');
    const door = limoges.recommendations.find((r) => r.id.startsWith('france-services/'))!;
    const others = mapped.resources.filter((r) => r.geography.departments?.includes('87'));
    expect(door.distanceKm).toBeLessThan(15);
    expect(others.length).toBeGreaterThan(1);
    expect(door.summary).toMatch(/^France services: free help/);
    expect(door.why[0]).toMatch(/You asked|asked/i);
    const nowhere = engine.orient({ needs: ['rights'] }, 'fr');
    expect(nowhere.recommendations.some((r) => r.id.startsWith('france-services/'))).toBe(false);
  });
});
