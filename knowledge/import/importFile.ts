import { basename, join } from 'node:path';
import { ResourceSchema, type Resource } from '../catalog/schema';
import { isIsoDate } from './common';
import { readDataInclusion } from './data-inclusion';
import { readDilaAnnuaire } from './dila-annuaire';
import { readFranceServices } from './france-services';
import { readLheo } from './lheo';
import { readRefugiesInfo } from './refugies-info';
import { readStore, replaceStore, saveToStore, storeFile } from './store';
import { isKbFormat, isOfficeFormat, type Candidate, type KbFormat, type ImportResult, type MapContext, type Rejection } from './types';

export interface ImportOptions {
  format: KbFormat;
  /** The file's content; bytes are decoded as UTF-8 (LHEO: as its XML declaration says). */
  content: string | Buffer;
  /** Folder of the import store; the records go to `<storeDir>/<format>.json`. */
  storeDir: string;
  /** Map and validate everything, write nothing. */
  dryRun?: boolean;
  /** `provenance.importedOn` and `verifiedOn`; also "has this session ended?". Default: the current UTC day. */
  today?: string | Date;
  /** Where the file came from (e.g. the Carif-Oref feed URL): `source` of records that carry no link of their own. */
  sourceUrl?: string;
  /** The date of the publisher's file when it does not carry one (France services: the date in its name). */
  dataDate?: string;
}

type Reader = (content: string | Buffer, ctx: MapContext & { sourceUrl?: string }) => Candidate[];

const READERS: Record<KbFormat, Reader> = {
  lheo: readLheo,
  'refugies-info': readRefugiesInfo,
  'data-inclusion': readDataInclusion,
  'france-services': readFranceServices,
  'dila-annuaire': readDilaAnnuaire,
};

/** "liste-fs-20240801.csv" → "2024-08-01": publishers date their snapshots in the file name. */
export function dateInFileName(file: string): string | undefined {
  const m = /(?:^|\D)(20\d{2})(\d{2})(\d{2})(?:\D|$)/.exec(basename(file));
  const date = m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
  return date && isIsoDate(date) ? date : undefined;
}

function isoDay(today: string | Date | undefined): string {
  if (today === undefined) return new Date().toISOString().slice(0, 10);
  if (today instanceof Date) {
    if (Number.isNaN(today.getTime())) throw new RangeError('today is an invalid Date');
    return today.toISOString().slice(0, 10);
  }
  if (!isIsoDate(today)) throw new RangeError(`today "${today}" is not a date YYYY-MM-DD`);
  return today;
}

/**
 * Maps and validates the records of `content` without touching any store: the resources that would be imported
 * and the rejections. Throws `ImportParseError` when the file cannot be parsed at all.
 */
export function mapFile(options: Omit<ImportOptions, 'storeDir' | 'dryRun'>): { read: number; resources: Resource[]; rejected: Rejection[] } {
  if (!isKbFormat(options.format)) throw new RangeError(`unknown import format "${String(options.format)}"`);
  if (options.dataDate !== undefined && !isIsoDate(options.dataDate)) throw new RangeError(`dataDate "${options.dataDate}" is not a date YYYY-MM-DD`);
  const ctx = {
    today: isoDay(options.today),
    ...(options.sourceUrl ? { sourceUrl: options.sourceUrl } : {}),
    ...(options.dataDate ? { dataDate: options.dataDate } : {}),
  };
  const candidates = READERS[options.format](options.content, ctx);
  const resources: Resource[] = [];
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  const ids = new Map<string, string>();
  for (const candidate of candidates) {
    const { ref } = candidate;
    if (seen.has(ref)) {
      rejected.push({ ref, reason: 'duplicate reference: an earlier record of the file has the same one' });
      continue;
    }
    seen.add(ref);
    if ('reason' in candidate) {
      rejected.push({ ref, reason: candidate.reason });
      continue;
    }
    const parsed = ResourceSchema.safeParse(candidate.resource);
    if (!parsed.success) {
      const reason = parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ');
      rejected.push({ ref, reason });
      continue;
    }
    const other = ids.get(parsed.data.id);
    if (other !== undefined) {
      rejected.push({ ref, reason: `id ${parsed.data.id} is already taken by record ${other}` });
      continue;
    }
    ids.set(parsed.data.id, ref);
    resources.push(parsed.data);
  }
  return { read: candidates.length, resources, rejected };
}

/**
 * `kb import` (DOMAIN.md §5): reads one file, imports its valid records into `<storeDir>/<format>.json` (the
 * file is rewritten atomically, sorted by id) and reports each bad record with its reference and reason. A
 * catalog format's re-import replaces the records with the same ids; an office directory's replaces the whole
 * file (it is a national snapshot). Throws `ImportParseError` (nothing written) when the file cannot be parsed,
 * `ImportStoreError` when the existing store file is unreadable (left untouched).
 */
export function importFile(options: ImportOptions): ImportResult {
  const { read, resources, rejected } = mapFile(options);
  const { format, storeDir } = options;
  if (options.dryRun) return { format, read, imported: resources.length, rejected };
  if (isOfficeFormat(format)) {
    // A snapshot with no valid record at all is a broken file, not a country without offices: keep the last one.
    if (resources.length) replaceStore(join(storeDir, `${format}.json`), resources);
  } else {
    // Check the store before anything else so that an unreadable one fails with nothing written.
    readStore(storeFile(storeDir, format));
    if (resources.length) saveToStore(storeDir, format, resources);
  }
  return { format, read, imported: resources.length, rejected };
}
