/**
 * What filing a Vologda grant application costs the embedded store, CPU and file-system calls
 * included: `npm run bench -- filing [--count 2000] [--concurrency 64] [--restart] [--no-checkpoint]`.
 *
 * Stores `count` sets of the six Appendix 1 files as the upload route does, then files `count`
 * applications through Engine.startApplication on a lowdb store, `concurrency` at once, and closes the
 * store (its last checkpoint writes the record files). Prints the process's CPU
 * (user and system) per filing over that window, with checkpoints. `--restart` reopens the store
 * between storing and filing, as after a restart: the pending uploads are then known only on disk.
 * `--no-checkpoint` leaves every checkpoint to the close, to tell the request path from the checkpoint.
 * With FILING_PAUSE=ms it waits that long before filing and after closing, for `strace -c -f -p PID`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Engine } from '../engine/Engine.ts';
import { lowdbStore } from '../engine/store/lowdbStore.ts';
import { loadRegions } from '../server/loadRegions.ts';
import { grantSubmission } from '../test/server/vologdaData.ts';
import { storedUploads } from './storedUploads.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '64' }, restart: { type: 'boolean', default: false }, 'no-checkpoint': { type: 'boolean', default: false } } });
const count = Number(values.count);
const concurrency = Number(values.concurrency);

const loaded = await loadRegions(['regions/vologda']);
if (!loaded.ok) throw new Error('regions/vologda does not load');
const dir = await mkdtemp(join(tmpdir(), 'reglament-filing-'));
try {
  const options = values['no-checkpoint'] ? { checkpointBytes: Number.MAX_SAFE_INTEGER, checkpointFiles: Number.MAX_SAFE_INTEGER } : {};
  let store = lowdbStore({ dir, ...options });
  await store.init();
  const applicant = { userId: 'applicant@vologda', region: 'vologda', roles: ['applicant'] };
  const target = { owner: applicant.userId, region: 'vologda', service: 'grant', form: 'grant-application' };
  const bodies: unknown[] = [];
  for (let i = 0; i < count + 200; i += 64) bodies.push(...(await Promise.all(Array.from({ length: 64 }, () => storedUploads(store, target, grantSubmission())))));
  if (values.restart) {
    await store.close();
    store = lowdbStore({ dir, ...options });
    await store.init();
  }
  const engine = new Engine({ regions: loaded.regions, store, clock: { now: () => new Date() } });
  const file = async (from: number, n: number) => {
    let next = from;
    const worker = async () => {
      for (let i = next++; i < from + n; i = next++) await engine.startApplication('vologda', 'grant', bodies[i], applicant);
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };
  await file(count, 200); // warm-up
  if (process.env.FILING_PAUSE) {
    // For `strace -c -f -p PID`: attach during the pause, and only the filings are counted.
    process.stderr.write(`filing: pid ${process.pid}, filing in ${process.env.FILING_PAUSE} ms\n`);
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.FILING_PAUSE)));
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await file(0, count);
  const cpuFiled = process.cpuUsage(cpu0);
  await store.close();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const per = (us: number) => (us / count / 1000).toFixed(3);
  console.log(`${count} filings, ${concurrency} at once${values.restart ? ', after a restart' : ''}: ${(count / (wall / 1000)).toFixed(0)} /s; CPU ms per filing: user ${per(cpu.user)}, system ${per(cpu.system)}, total ${per(cpu.user + cpu.system)}`);
  console.log(`  of which the last checkpoint (at close): user ${per(cpu.user - cpuFiled.user)}, system ${per(cpu.system - cpuFiled.system)}`);
  if (process.env.FILING_PAUSE) await new Promise((resolve) => setTimeout(resolve, 1000));
} finally {
  await rm(dir, { recursive: true, force: true });
}
