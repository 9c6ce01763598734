/**
 * vitest globalSetup: one throwaway PostgreSQL cluster for the whole run (instead of one per test
 * file), unless TEST_DATABASE_URL names a server already. Test files get its URL by
 * `inject('pgTestDatabaseUrl')` (see pgTestDatabase.ts); null tells them PostgreSQL is not installed.
 */
import type { TestProject } from 'vitest/node';
import { announceSkip, NOT_INSTALLED_REASON, startPgCluster } from './pgCluster.ts';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TEST_DATABASE_URL) return undefined;
  const cluster = await startPgCluster();
  project.provide('pgTestDatabaseUrl', cluster?.url ?? null);
  if (!cluster) {
    if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`REQUIRE_POSTGRES=1 but ${NOT_INSTALLED_REASON}`);
    announceSkip('PostgreSQL store tests', NOT_INSTALLED_REASON);
    return undefined;
  }
  return () => cluster.stop();
}
