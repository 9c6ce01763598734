/**
 * `npm run bench`: every benchmark, one after another, each in its own process so one's warm caches or
 * open files do not colour the next. Run on a quiet machine: the figures are throughput and latency.
 * `npm run bench -- http` runs only the named ones.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES: Record<string, string> = {
  engine: 'loading a region, validating submissions, one transition with 1k/10k/100k stored applications',
  check: 'loading and checking the Vologda region',
  http: 'HTTP at 64 connections: get form, submit, and the bare ajv + atomic-write baseline',
  stores: 'HTTP submit on lowdb vs PostgreSQL, 1 vs 2 server processes (needs PostgreSQL installed)',
  inbox: 'an inbox page of 20 (every view, sort, filter and search) with 1k/10k/100k stored, lowdb and PostgreSQL',
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(BENCHES);
let failed = 0;
for (const name of names) {
  if (!BENCHES[name]) {
    process.stderr.write(`unknown benchmark "${name}" (known: ${Object.keys(BENCHES).join(', ')})\n`);
    process.exit(2);
  }
  process.stdout.write(`\n=== ${name}: ${BENCHES[name]}\n`);
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
