/**
 * Starts and stops a throwaway PostgreSQL cluster through scripts/pg-test-cluster.sh. No vitest import:
 * the globalSetup (main process), test files and bench scripts all use it.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../scripts/pg-test-cluster.sh', import.meta.url));
/** The script's exit code for "PostgreSQL is not installed". */
const NOT_INSTALLED = 3;

export const NOT_INSTALLED_REASON = 'PostgreSQL is not installed (apt-get install -y postgresql, or set TEST_DATABASE_URL)';

export interface PgCluster {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts a throwaway cluster, or returns null when PostgreSQL is not installed. */
export async function startPgCluster(): Promise<PgCluster | null> {
  let stdout: string;
  try {
    ({ stdout } = await run('bash', [SCRIPT, 'start'], { timeout: 120_000 }));
  } catch (e) {
    if ((e as { code?: unknown }).code === NOT_INSTALLED) return null;
    throw e;
  }
  const value = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(stdout)?.[1];
  const url = value('DATABASE_URL');
  const dir = value('PG_TEST_CLUSTER_DIR');
  if (!url || !dir) throw new Error(`pg-test-cluster.sh printed no DATABASE_URL:\n${stdout}`);
  return { url, stop: async () => void (await run('bash', [SCRIPT, 'stop', dir], { timeout: 120_000 })) };
}

/** Prints the skip reason so a run without PostgreSQL cannot pass unnoticed. */
export function announceSkip(what: string, reason: string): void {
  const line = '*'.repeat(78);
  console.warn(`\n${line}\n* SKIPPED: ${what}\n* ${reason}\n${line}\n`);
}

