import type { Cluster } from './postgres';

/** Jest's global teardown: stops the cluster the global setup started (never a server given by TEST_DATABASE_URL). */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { boussoleTestCluster?: Cluster };
  const cluster = holder.boussoleTestCluster;
  if (!cluster) return;
  delete holder.boussoleTestCluster;
  delete process.env.TEST_DATABASE_URL;
  await cluster.stop();
}
