import { join } from 'node:path';
import { CURATED_DIR, loadCatalog } from '../knowledge/catalog/load';
import type { Resource } from '../knowledge/catalog/schema';
import { buildIndex } from '../knowledge/index/build';
import { recommend } from '../knowledge/index/recommend';
import { createEngine, type Engine } from '../knowledge/orient';

export interface EngineSetup {
  dataDir: string;
  today: () => Date;
}

/** Imported records live beside the conversation state, one file per source format. */
export const importedCatalogDir = (dataDir: string) => join(dataDir, 'catalog');

/** The curated catalog plus whatever was imported; invalid records are left out (`kb validate` lists them). */
export function loadResources(dataDir: string): Resource[] {
  const { resources, problems } = loadCatalog([CURATED_DIR, importedCatalogDir(dataDir)]);
  if (problems.length > 0) {
    process.stderr.write(`catalog: ${problems.length} invalid record(s) skipped; run \`npm run kb -- validate\`\n`);
  }
  return resources;
}

/** The engine every face uses: rules, plan and the indexed catalog. */
export function createDefaultEngine({ dataDir, today }: EngineSetup): Engine {
  const index = buildIndex(loadResources(dataDir));
  return createEngine({ today, recommend: (input) => recommend(index, input) });
}
