import { startCluster, type Cluster } from './postgres';

/**
 * Jest's global setup: PostgreSQL for the whole run. With TEST_DATABASE_URL set, that server is used as is;
 * otherwise a throwaway cluster starts here and TEST_DATABASE_URL names it (the workers inherit this process's
 * environment). Never skips: without PostgreSQL the run stops here with the reason.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  let cluster: Cluster;
  try {
    cluster = await startCluster();
  } catch (error) {
    throw new Error(
      `The tests need PostgreSQL and none could be started. Set TEST_DATABASE_URL to use a running server.\n${(error as Error).message}`,
    );
  }
  process.env.TEST_DATABASE_URL = cluster.url;
  (globalThis as { boussoleTestCluster?: Cluster }).boussoleTestCluster = cluster;
}
