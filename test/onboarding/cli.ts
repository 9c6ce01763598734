/** Runs `reglament` subcommands: in-process (fast), or as the real binary (checks auto-registration too). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { vi } from 'vitest';
import { main } from '../../tools/cli/main.ts';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const SAMPLE = path.join(REPO, 'test/fixtures/sample');
export const EASTERN = path.join(REPO, 'test/fixtures/eastern');
export const PLATFORM = path.join(REPO, 'regions/platform');
export const SHARED = path.join(REPO, 'regions/_shared');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node bin/reglament.mjs ...args` in the repository root. */
export function reglamentBinary(...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/reglament.mjs'), ...args], { encoding: 'utf8', cwd: REPO });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same through `main()` in this process, with stdout and stderr captured. Run from the repository root. */
export async function reglament(...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const status = await main(args);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
