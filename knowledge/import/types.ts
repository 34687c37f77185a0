import type { ResourceInput } from '../catalog/schema';

/** Catalogs of services, trainings and fiches (DOMAIN.md §5): a re-import merges into what is stored. */
export const IMPORT_FORMATS = ['lheo', 'refugies-info', 'data-inclusion'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export function isImportFormat(value: unknown): value is ImportFormat {
  return typeof value === 'string' && (IMPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * Directories of public offices, each file a whole national snapshot: a re-import replaces what is stored,
 * so that an office closed since the last file does not stay on people's plans.
 */
export const OFFICE_FORMATS = ['france-services', 'dila-annuaire'] as const;
export type OfficeFormat = (typeof OFFICE_FORMATS)[number];

/** Every format `kb import --format` accepts. */
export const KB_FORMATS = [...IMPORT_FORMATS, ...OFFICE_FORMATS] as const;
export type KbFormat = (typeof KB_FORMATS)[number];

export function isKbFormat(value: unknown): value is KbFormat {
  return typeof value === 'string' && (KB_FORMATS as readonly string[]).includes(value);
}

export function isOfficeFormat(value: KbFormat): value is OfficeFormat {
  return (OFFICE_FORMATS as readonly string[]).includes(value);
}

/** One record that was not imported: its reference in the source file and why. */
export interface Rejection {
  ref: string;
  reason: string;
}

/** Exactly the JSON the `kb import` command prints (DOMAIN.md §5). */
export interface ImportResult {
  format: KbFormat;
  read: number;
  imported: number;
  rejected: Rejection[];
}

/** What a format module hands over for one source record: a resource to validate, or why there is none. */
export type Candidate = { ref: string; resource: ResourceInput } | { ref: string; reason: string };

/** Shared by every format module. */
export interface MapContext {
  /** ISO date `YYYY-MM-DD`: `provenance.importedOn`, `verifiedOn`, and "still running" checks. */
  today: string;
  /** The date the publisher's file describes, when the file does not say it itself (France services). */
  dataDate?: string;
}

/**
 * The file cannot be read at all (invalid XML or JSON, wrong root element or shape). Nothing was imported;
 * the CLI exits with code 2.
 */
export class ImportParseError extends Error {
  override readonly name = 'ImportParseError';
  constructor(
    readonly format: KbFormat,
    message: string,
  ) {
    super(`${format}: ${message}`);
  }
}

/** The existing store file is unreadable (not JSON, not an array): it is left untouched. */
export class ImportStoreError extends Error {
  override readonly name = 'ImportStoreError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}
