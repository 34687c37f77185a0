import { createEngine, type Engine } from '../knowledge/orient';

export interface EngineSetup {
  dataDir: string;
  today: () => Date;
}

/** The engine every face uses, with the catalog loaded from the curated files and the data folder. */
export function createDefaultEngine({ today }: EngineSetup): Engine {
  return createEngine({ today });
}
