/**
 * Crash safety: a server under a filing-and-transition load is killed with SIGKILL at random moments,
 * RELIABILITY_TRIALS times (default 20), on each persistent store. After every restart each
 * acknowledged application (a 201 or 200 received) must be readable with at least the acknowledged
 * version and a valid history, and the persisted data must be intact (lowdb: every JSON file parses).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { announceSkip, pgTestDatabase } from '../store/pgTestDatabase.ts';
import { login } from './harness/api.ts';
import { seededRandom, seedFromEnv, sleep, trialsFromEnv } from './harness/random.ts';
import { newAcknowledged, permitModel, SAMPLE_USERS, startLoad } from './harness/sampleLoad.ts';
import { ServerProcess } from './harness/serverProcess.ts';
import { lowdbVariant, pgVariant, type StoreVariant } from './harness/storeVariants.ts';
import { lostOrDamaged } from './harness/verify.ts';

const TRIALS = trialsFromEnv(20);
/**
 * A hang detector, not a measurement: each kill, restart and check may take up to a minute on a busy
 * machine (every request, start and stop has its own, shorter, time limit), plus five minutes to spare.
 */
const TIMEOUT_MS = TRIALS * 60_000 + 5 * 60_000;
const SEED = seedFromEnv();
const db = await pgTestDatabase();
if ('skip' in db) announceSkip('crash trials on PostgreSQL', db.skip);

const variants: { name: string; make?: () => Promise<StoreVariant> }[] = [
  { name: 'lowdb', make: async () => lowdbVariant() },
  { name: 'postgresql', make: 'url' in db ? () => pgVariant(db.url) : undefined },
];

describe.each(variants)('crash trials: $name store', ({ name, make }) => {
  it.skipIf(!make)(`keeps every acknowledged write through ${TRIALS} kills (seed ${SEED})`, async () => {
    const variant = await make!();
    const dataDir = await mkdtemp(path.join(tmpdir(), `reglament-crash-${name}-`));
    const random = seededRandom(SEED);
    const model = permitModel();
    const acknowledged = newAcknowledged();
    const problems: string[] = [];
    let tempFiles = 0;
    let server = await ServerProcess.start({ dataDir, env: variant.env });
    try {
      for (let trial = 1; trial <= TRIALS; trial++) {
        // Signed in again each trial: access tokens last 15 minutes, and a long run outlives them.
        const tokens = {
          applicant: await login(server.url, SAMPLE_USERS.applicant),
          officer: await login(server.url, SAMPLE_USERS.officer),
          head: await login(server.url, SAMPLE_USERS.head),
        };
        const load = startLoad({ url: server.url, tokens, model, acknowledged, workers: 8, random });
        // Kill at a random moment once the load is writing (a loaded machine may take a while to answer);
        // a server that acknowledges nothing for two minutes fails the trial with what the load saw.
        const stalled = await Promise.race([load.firstAcknowledged.then(() => false), sleep(120_000).then(() => true)]);
        if (stalled) throw new Error(`trial ${trial}: no write acknowledged within 120 s; answers so far: ${JSON.stringify((await load.stop()).statuses)}`);
        await sleep(random() * 1200);
        await server.kill('SIGKILL');
        await load.stop();
        await variant.checkIntact(dataDir, true);

        server = await ServerProcess.start({ dataDir, env: variant.env });
        const reader = await login(server.url, SAMPLE_USERS.applicant);
        for (const problem of await lostOrDamaged(server.url, reader, acknowledged, model)) problems.push(`trial ${trial}: ${problem}`);
        tempFiles = Math.max(tempFiles, (await variant.checkIntact(dataDir, false)).tempFiles);
        if (trial === 1) {
          // The applications are in the store under test (not, say, a default file store beside it).
          expect(await variant.storedApplications(dataDir), `the server did not write to the ${name} store`).toBeGreaterThanOrEqual(acknowledged.versions.size);
        }
      }
      console.log(
        `crash ${name}: ${TRIALS} SIGKILLs (seed ${SEED}); acknowledged ${acknowledged.submits} filings and ` +
          `${acknowledged.transitions} transitions on ${acknowledged.versions.size} applications (${acknowledged.attachments.size} filed with a site plan, each downloaded after every restart); ` +
          `lost or damaged: ${problems.length}; leftover temporary files: ${tempFiles}`,
      );
      expect(problems).toEqual([]);
      expect(acknowledged.submits).toBeGreaterThan(TRIALS);
    } finally {
      await server.kill();
      await variant.dispose();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, TIMEOUT_MS);
});
