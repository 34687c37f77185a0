import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { clockOf, loadConfig } from '../bot/config';
import { importedCatalogDir } from '../bot/engine';
import { dateInFileName, importFile, type KbFormat } from '../knowledge/import';

/**
 * Run by `npm start` (prestart): brings the office directories into DATA_DIR/catalog through the same code as
 * `kb import`, when the store file is missing or older than its source. Embedded default: ANCT's France services
 * list in ../shared/data beside the clone; FRANCE_SERVICES_CSV and DILA_ANNUAIRE_FILE name other files. A
 * missing source is said and skipped: the service starts without those doors rather than not at all.
 */
const ROOT = join(__dirname, '..');
const SOURCES: { format: KbFormat; file: string | undefined }[] = [
  { format: 'france-services', file: process.env.FRANCE_SERVICES_CSV || join(ROOT, '..', 'shared', 'data', 'france_services_liste-fs-20240801.csv') },
  { format: 'dila-annuaire', file: process.env.DILA_ANNUAIRE_FILE },
];

const config = loadConfig();
const storeDir = importedCatalogDir(config.DATA_DIR);
const today = clockOf(config)().toISOString().slice(0, 10);
for (const { format, file } of SOURCES) {
  if (!file) continue;
  if (!existsSync(file)) {
    process.stderr.write(`offices: ${file} not found; no ${format} offices this time\n`);
    continue;
  }
  const stored = join(storeDir, `${format}.json`);
  if (existsSync(stored) && statSync(stored).mtimeMs >= statSync(file).mtimeMs) continue;
  const dataDate = dateInFileName(file);
  const result = importFile({ format, content: readFileSync(file), storeDir, today, ...(dataDate ? { dataDate } : {}) });
  process.stderr.write(`offices: ${format}: ${result.imported} of ${result.read} imported, ${result.rejected.length} rejected (npm run kb -- import --format ${format} --dry-run <file> lists them)\n`);
}
