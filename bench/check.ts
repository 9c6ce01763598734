/**
 * `npx tsx bench/check.ts [DIR]`: how long loading and checking a region takes (target: under 1 s for
 * regions/vologda). Runs once to warm up, then reports the median of five runs.
 */
import { performance } from 'node:perf_hooks';
import { checkRegion } from '../tools/check/checkRegion.ts';
import { loadRegion } from '../config/loader/loadRegion.ts';

const dir = process.argv[2] ?? 'regions/vologda';
const TARGET_MS = 1000;

async function once(): Promise<{ load: number; check: number; findings: number }> {
  const t0 = performance.now();
  const loaded = await loadRegion(dir);
  const t1 = performance.now();
  if (!loaded.ok) throw new Error(`${dir} does not load: ${loaded.errors.length} errors`);
  const result = await checkRegion(loaded.config);
  const t2 = performance.now();
  return { load: t1 - t0, check: t2 - t1, findings: result.findings.length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const first = await once();
const runs = [];
for (let i = 0; i < 5; i++) runs.push(await once());
const load = median(runs.map((r) => r.load));
const check = median(runs.map((r) => r.check));
const total = median(runs.map((r) => r.load + r.check));
const ms = (x: number) => `${x.toFixed(0)} ms`;
process.stdout.write(
  `reglament check ${dir}: load ${ms(load)} + check ${ms(check)} = ${ms(total)} (median of 5; first run in this process: load ${ms(first.load)} + check ${ms(first.check)}, mostly one-time schema compilation and JIT warm-up), ${first.findings} findings; target < ${ms(TARGET_MS)}: ${total < TARGET_MS ? 'met' : 'MISSED'}\n`,
);
