import { loadCatalog } from '../../knowledge/catalog/load';
import { buildIndex } from '../../knowledge/index/build';
import { recommend } from '../../knowledge/index/recommend';
import { createEngine, type Engine } from '../../knowledge/orient';

/** The real engine on the shipped catalog, with "today" pinned to the reference date of the tests. */
export const TEST_TODAY = () => new Date('2026-11-23T12:00:00Z');

let shared: Engine | undefined;
export function testEngine(): Engine {
  if (!shared) {
    const index = buildIndex(loadCatalog().resources);
    shared = createEngine({ today: TEST_TODAY, recommend: (input) => recommend(index, input) });
  }
  return shared;
}
