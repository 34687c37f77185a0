import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../../knowledge/catalog/load';
import { ResourceSchema } from '../../../knowledge/catalog/schema';
import { IMPORT_FORMATS, ImportParseError, ImportStoreError, importFile, importedId, type ImportFormat } from '../../../knowledge/import';
import { TODAY, fixture, removeTempStores, tempStore } from './helpers';

afterAll(removeTempStores);

const GOOD: Record<ImportFormat, string> = {
  lheo: 'lheo-2.3-good.xml',
  'refugies-info': 'refugies-info-list.json',
  'data-inclusion': 'data-inclusion-services.json',
};
const BROKEN: Record<ImportFormat, string> = {
  lheo: 'lheo-broken.xml',
  'refugies-info': 'refugies-info-broken.json',
  'data-inclusion': 'data-inclusion-broken.json',
};
const MALFORMED: Record<ImportFormat, string> = {
  lheo: 'lheo-malformed.xml',
  'refugies-info': 'refugies-info-malformed.json',
  'data-inclusion': 'data-inclusion-malformed.json',
};

const stored = (dir: string, format: ImportFormat) => JSON.parse(readFileSync(join(dir, `${format}.json`), 'utf8')) as unknown[];

describe.each(IMPORT_FORMATS)('importFile --format %s', (format) => {
  it('returns exactly {format, read, imported, rejected} and stores valid resources sorted by id', () => {
    const storeDir = tempStore();
    const result = importFile({ format, content: fixture(GOOD[format]), storeDir, today: TODAY });
    expect(Object.keys(result)).toEqual(['format', 'read', 'imported', 'rejected']);
    expect(result.format).toBe(format);
    expect(result.imported).toBe(result.read);
    expect(result.rejected).toEqual([]);
    const records = stored(storeDir, format);
    expect(records).toHaveLength(result.imported);
    for (const r of records) expect(ResourceSchema.safeParse(r).success).toBe(true);
    const ids = records.map((r) => (r as { id: string }).id);
    expect(ids).toEqual([...ids].sort());
    // Nothing but the store file is left in the folder (no temporary file).
    expect(readdirSync(storeDir)).toEqual([`${format}.json`]);
  });

  it('imports the good records of a broken file and reports the bad ones', () => {
    const storeDir = tempStore();
    const result = importFile({ format, content: fixture(BROKEN[format]), storeDir, today: TODAY });
    expect(result.imported).toBe(1);
    expect(result.rejected.length).toBe(result.read - 1);
    for (const { ref, reason } of result.rejected) {
      expect(ref).toEqual(expect.any(String));
      expect(reason.length).toBeGreaterThan(5);
    }
    expect(stored(storeDir, format)).toHaveLength(1);
  });

  it('throws ImportParseError on a malformed file and leaves the store unchanged', () => {
    const storeDir = tempStore();
    importFile({ format, content: fixture(GOOD[format]), storeDir, today: TODAY });
    const before = readFileSync(join(storeDir, `${format}.json`));
    expect(() => importFile({ format, content: fixture(MALFORMED[format]), storeDir, today: '2026-12-01' })).toThrow(ImportParseError);
    expect(readFileSync(join(storeDir, `${format}.json`)).equals(before)).toBe(true);
    expect(readdirSync(storeDir)).toEqual([`${format}.json`]);
  });

  it('throws ImportParseError on a malformed file without creating a store', () => {
    const storeDir = join(tempStore(), 'nested');
    expect(() => importFile({ format, content: fixture(MALFORMED[format]), storeDir, today: TODAY })).toThrow(ImportParseError);
    expect(existsSync(storeDir)).toBe(false);
  });

  it('is idempotent: importing the same file again leaves the store byte for byte identical', () => {
    const storeDir = tempStore();
    const first = importFile({ format, content: fixture(GOOD[format]), storeDir, today: TODAY });
    const once = readFileSync(join(storeDir, `${format}.json`), 'utf8');
    const second = importFile({ format, content: fixture(GOOD[format]), storeDir, today: TODAY });
    expect(second).toEqual(first);
    expect(readFileSync(join(storeDir, `${format}.json`), 'utf8')).toBe(once);
  });

  it('dry run maps and reports the same, and writes nothing', () => {
    const storeDir = join(tempStore(), 'store');
    const dry = importFile({ format, content: fixture(BROKEN[format]), storeDir, today: TODAY, dryRun: true });
    expect(existsSync(storeDir)).toBe(false);
    const real = importFile({ format, content: fixture(BROKEN[format]), storeDir, today: TODAY });
    expect(dry).toEqual(real);
  });
});

describe('store merging', () => {
  it('a re-import replaces records with the same id and keeps the others', () => {
    const storeDir = tempStore();
    importFile({ format: 'lheo', content: fixture('lheo-2.3-good.xml'), storeDir, today: TODAY });
    importFile({ format: 'lheo', content: fixture('lheo-2.2-latin1.xml'), storeDir, today: TODAY });
    expect(stored(storeDir, 'lheo')).toHaveLength(7);
    // A later import of the first file refreshes its records (new importedOn) without duplicating them.
    importFile({ format: 'lheo', content: fixture('lheo-2.3-good.xml'), storeDir, today: '2026-11-20' });
    const records = stored(storeDir, 'lheo') as { id: string; provenance: { importedOn: string }; verifiedOn: string }[];
    expect(records).toHaveLength(7);
    const refreshed = records.find((r) => r.id === 'lheo/act-87-0001-01');
    expect(refreshed?.provenance.importedOn).toBe('2026-11-20');
    expect(refreshed?.verifiedOn).toBe('2026-11-20');
    expect(records.find((r) => r.id === 'lheo/lyon-7')?.provenance.importedOn).toBe(TODAY);
  });

  it('each format has its own file, and loadCatalog reads the store without problems', () => {
    const storeDir = tempStore();
    for (const format of IMPORT_FORMATS) importFile({ format, content: fixture(GOOD[format]), storeDir, today: TODAY });
    expect(readdirSync(storeDir).sort()).toEqual(['data-inclusion.json', 'lheo.json', 'refugies-info.json']);
    const { resources, problems } = loadCatalog([storeDir]);
    expect(problems).toEqual([]);
    expect(resources).toHaveLength(4 + 5 + 5);
  });

  it('refuses to overwrite an unreadable store file', () => {
    const storeDir = tempStore();
    mkdirSync(storeDir, { recursive: true });
    writeFileSync(join(storeDir, 'lheo.json'), '{ not json');
    expect(() => importFile({ format: 'lheo', content: fixture('lheo-2.3-good.xml'), storeDir, today: TODAY })).toThrow(ImportStoreError);
    expect(readFileSync(join(storeDir, 'lheo.json'), 'utf8')).toBe('{ not json');
  });

  it('rejects an invalid today and an unknown format', () => {
    const storeDir = tempStore();
    expect(() => importFile({ format: 'lheo', content: fixture('lheo-2.3-good.xml'), storeDir, today: '15/11/2026' })).toThrow(RangeError);
    expect(() => importFile({ format: 'csv' as ImportFormat, content: '', storeDir, today: TODAY })).toThrow(/unknown import format/);
  });
});

describe('importedId', () => {
  it('keeps readable references and hashes lossy ones', () => {
    expect(importedId('lheo', 'ACT-87-0001-01')).toBe('lheo/act-87-0001-01');
    expect(importedId('data-inclusion', 'dora--abc')).toBe('data-inclusion/dora--abc');
    expect(importedId('lheo', 'AF_12 345')).toMatch(/^lheo\/af-12-345-[0-9a-f]{8}$/);
    expect(importedId('lheo', 'AF_12 345')).not.toBe(importedId('lheo', 'AF-12-345'));
    expect(importedId('lheo', 'été')).toMatch(/^lheo\/t-[0-9a-f]{8}$/);
  });
});
