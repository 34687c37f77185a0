import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ResourceSchema, type Resource } from './schema';

/** Where the curated catalog lives, and where importers write what they bring (one file per source). */
export const CURATED_DIR = join(__dirname, 'data');

export interface CatalogProblem {
  file: string;
  id?: string;
  field: string;
  message: string;
}

export interface LoadedCatalog {
  resources: Resource[];
  problems: CatalogProblem[];
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** Reads and validates every catalog file; a bad record is reported with file, id and field, never thrown. */
export function loadCatalog(dirs: string[] = [CURATED_DIR]): LoadedCatalog {
  const resources: Resource[] = [];
  const problems: CatalogProblem[] = [];
  const seen = new Map<string, string>();
  for (const file of dirs.flatMap(jsonFiles)) {
    const name = file.split('/').slice(-2).join('/');
    let records: unknown;
    try {
      records = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push({ file: name, field: '(file)', message: `not valid JSON: ${(e as Error).message}` });
      continue;
    }
    if (!Array.isArray(records)) {
      problems.push({ file: name, field: '(file)', message: 'must be a JSON array of resources' });
      continue;
    }
    records.forEach((record, index) => {
      const id = typeof record?.id === 'string' ? record.id : `#${index}`;
      const parsed = ResourceSchema.safeParse(record);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          problems.push({ file: name, id, field: issue.path.join('.') || '(record)', message: issue.message });
        }
        return;
      }
      const previous = seen.get(parsed.data.id);
      if (previous) {
        problems.push({ file: name, id, field: 'id', message: `duplicate id, already in ${previous}` });
        return;
      }
      seen.set(parsed.data.id, name);
      resources.push(parsed.data);
    });
  }
  return { resources, problems };
}
