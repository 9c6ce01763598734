/**
 * `npm run bench`: every benchmark, one after another, each in its own process so one's warm caches or
 * open files do not colour the next (a single named one runs in this process). Run on a quiet machine: the figures are throughput and latency.
 * `npm run bench -- http` runs only the named ones; every other argument is passed on to each
 * (`npm run bench -- http --quick`).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES: Record<string, string> = {
  engine: 'loading a region, validating submissions, one transition with 1k/10k/100k stored applications',
  check: 'loading and checking the Vologda region',
  filing: 'what filing a Vologda grant with its six files costs the embedded store: CPU user and system, checkpoints included',
  http: 'HTTP side by side, in rounds: hello-world, bare ajv + durable-write route, GET form, submit, transition, inbox',
  stores: 'HTTP submit on lowdb vs PostgreSQL with serve --workers 1, 2 and 4 (needs PostgreSQL installed)',
  inbox: 'an inbox page of 20 (every view, sort, filter and search) with 1k/10k/100k stored, lowdb and PostgreSQL',
  security: 'what metrics, log redaction, the idempotency check and the session check add to a request (CPU, in-process)',
};

const args = process.argv.slice(2);
// Leading arguments that are not options name the benchmarks; the rest go to each of them.
const firstOption = args.findIndex((a) => a.startsWith('-'));
const wanted = firstOption === -1 ? args : args.slice(0, firstOption);
const passed = firstOption === -1 ? [] : args.slice(firstOption);
const names = wanted.length ? wanted : Object.keys(BENCHES);
for (const name of names) {
  if (!Object.hasOwn(BENCHES, name)) {
    process.stderr.write(`unknown benchmark "${name}" (known: ${Object.keys(BENCHES).join(', ')})\n`);
    process.exit(2);
  }
}
if (names.length === 1) {
  // One benchmark runs in this process (one start-up fewer); it reads its own options from argv.
  const file = fileURLToPath(new URL(`./${names[0]}.ts`, import.meta.url));
  process.stdout.write(`\n=== ${names[0]}: ${BENCHES[names[0]]}\n`);
  process.argv = [process.argv[0], file, ...passed];
  await import(file);
  process.exit(process.exitCode ?? 0);
}
let failed = 0;
for (const name of names) {
  process.stdout.write(`\n=== ${name}: ${BENCHES[name]}\n`);
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...passed], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
