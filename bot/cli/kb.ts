import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CURATED_DIR, loadCatalog } from '../../knowledge/catalog/load';
import type { Resource } from '../../knowledge/catalog/schema';
import { LOCALES, THEMES, type Locale, type Theme } from '../../knowledge/contracts/vocabulary';
import { buildIndex } from '../../knowledge/index/build';
import { search } from '../../knowledge/index/search';
import { ImportParseError, KB_FORMATS, dateInFileName, importFile, isKbFormat } from '../../knowledge/import';
import { isIsoDate } from '../../knowledge/import/common';
import { clockOf, loadConfig } from '../config';
import { importedCatalogDir } from '../engine';

/** `npm run --silent kb -- <validate|stats|search|import>`: the knowledge-base tool, JSON on stdout. */
const USAGE = [
  'usage: npm run --silent kb -- validate',
  '       npm run --silent kb -- stats',
  '       npm run --silent kb -- search <text> [--department <code>] [--theme <theme>] [--locale <lng>] [--limit <n>]',
  `       npm run --silent kb -- import --format <${KB_FORMATS.join('|')}> <file> [--date <YYYY-MM-DD>] [--dry-run]`,
];

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function usageError(message: string): never {
  process.stderr.write(`${message}\n${USAGE.join('\n')}\n`);
  process.exit(2);
}

function count<T>(items: T[], keysOf: (item: T) => string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) for (const k of keysOf(item)) out[k] = (out[k] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function stats(resources: Resource[]) {
  const nationwide = resources.filter((r) => r.geography.scope === 'national' || r.geography.scope === 'online');
  const placed = resources.filter((r) => r.geography.scope === 'local' || r.geography.scope === 'departmental');
  return {
    total: resources.length,
    byTheme: count(resources, (r) => r.themes),
    byScope: count(resources, (r) => [r.geography.scope]),
    byKind: count(resources, (r) => [r.kind]),
    byLocale: count(resources, (r) => LOCALES.filter((l) => r.title[l] && r.summary[l])),
    /** Themes with at least one resource available everywhere: none may be missing. */
    nationalByTheme: Object.fromEntries(THEMES.map((t) => [t, nationwide.filter((r) => r.themes.includes(t)).length])),
    /** Local and departmental resources by department, with their ids. */
    byDepartment: Object.fromEntries(
      Object.entries(
        placed.reduce<Record<string, string[]>>((acc, r) => {
          for (const d of r.geography.departments ?? []) (acc[d] ??= []).push(r.id);
          return acc;
        }, {}),
      ).sort(([a], [b]) => a.localeCompare(b)),
    ),
    withoutSource: resources.filter((r) => !r.source || !r.verifiedOn).map((r) => r.id),
  };
}

function main(): void {
  const [command, ...rest] = process.argv.slice(2);
  const config = loadConfig();
  const dirs = [CURATED_DIR, importedCatalogDir(config.DATA_DIR)];
  let parsed: ReturnType<typeof parseArgs<{ options: Record<string, { type: 'string' | 'boolean' }>; allowPositionals: true }>>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        department: { type: 'string' },
        theme: { type: 'string' },
        locale: { type: 'string' },
        limit: { type: 'string' },
        format: { type: 'string' },
        date: { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
    });
  } catch (e) {
    usageError((e as Error).message);
  }
  const { values, positionals } = parsed;

  switch (command) {
    case 'validate': {
      const { resources, problems } = loadCatalog(dirs);
      print({ valid: problems.length === 0, total: resources.length, problems });
      process.exit(problems.length === 0 ? 0 : 1);
    }
    case 'stats':
      return print(stats(loadCatalog(dirs).resources));
    case 'search': {
      const text = positionals.join(' ').trim();
      if (!text) usageError('search: give the text to look for');
      const theme = values.theme as string | undefined;
      const locale = values.locale as string | undefined;
      const limit = values.limit === undefined ? 10 : Number(values.limit);
      if (theme !== undefined && !THEMES.includes(theme as Theme)) usageError(`--theme: must be one of: ${THEMES.join(', ')}`);
      if (locale !== undefined && !LOCALES.includes(locale as Locale)) usageError(`--locale: must be one of: ${LOCALES.join(', ')}`);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) usageError('--limit: must be a whole number from 1 to 100');
      const department = values.department as string | undefined;
      if (department !== undefined && !/^(\d{2}|2[AB]|97[1-6])$/.test(department)) usageError('--department: must be a department code such as "15", "2A" or "974"');
      const index = buildIndex(loadCatalog(dirs).resources);
      return print(search(index, { text, department, theme: theme as Theme | undefined, locale: locale as Locale | undefined, limit }));
    }
    case 'import': {
      const format = values.format as string | undefined;
      const file = positionals[0];
      if (!format || !isKbFormat(format)) usageError(`--format: must be one of: ${KB_FORMATS.join(', ')}`);
      if (!file) usageError('import: give the file to import');
      const dataDate = (values.date as string | undefined) ?? dateInFileName(file);
      if (dataDate !== undefined && !isIsoDate(dataDate)) usageError('--date: must be a date YYYY-MM-DD');
      let content: Buffer;
      try {
        content = readFileSync(file);
      } catch (e) {
        process.stderr.write(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
        process.exit(2);
      }
      const today = clockOf(config)().toISOString().slice(0, 10);
      try {
        const storeDir = importedCatalogDir(config.DATA_DIR);
        return print(importFile({ format, content, storeDir, dryRun: values['dry-run'] === true, today, ...(dataDate ? { dataDate } : {}) }));
      } catch (e) {
        if (!(e instanceof ImportParseError)) throw e;
        process.stderr.write(`${JSON.stringify({ error: 'unparseable_file', format, message: e.message })}\n`);
        process.exit(2);
      }
    }
    default:
      usageError(command ? `unknown command "${command}"` : 'give a command');
  }
}

main();
