/**
 * Fuzz: generated bad requests against every write endpoint of a server process (zero 5xx, no crash,
 * no hang, and the store changed by nothing the server refused), on each persistent store; and
 * generated broken YAML against the config loader (it always answers ok or errors that name a file
 * and say what is wrong; it never throws and never hangs).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRegionFolder } from '../../config/loader/readRegionFolder.ts';
import { permitSubmission } from '../server/sampleData.ts';
import { announceSkip, pgTestDatabase } from '../store/pgTestDatabase.ts';
import { call, login } from './harness/api.ts';
import { badRequests, describeCase, type BadRequest, type Endpoint } from './harness/badInputs.ts';
import type { LoaderAnswer, LoaderCase } from './harness/loaderWorker.ts';
import { seedFromEnv, trialsFromEnv } from './harness/random.ts';
import { SAMPLE_USERS, SUBMIT_PATH } from './harness/sampleLoad.ts';
import { REPO, SAMPLE, ServerProcess } from './harness/serverProcess.ts';
import { lowdbVariant, pgVariant, type StoreVariant } from './harness/storeVariants.ts';
import { inBatches } from './harness/verify.ts';
import { mutatedRegion } from './harness/yamlMutations.ts';

/** Cases per write endpoint and store (default 600: 3 000 per store); RELIABILITY_TRIALS=5 gives 150. */
const HTTP_CASES = trialsFromEnv(20) * 30;
/** Broken region file sets for the loader (default 1 500; RELIABILITY_TRIALS=5 gives 375). */
const LOADER_CASES = trialsFromEnv(20) * 75;
/** A loader case or request still unanswered after this long counts as a hang (a detector, not a measurement). */
const HANG_MS = 30_000;
const SEED = seedFromEnv();
const db = await pgTestDatabase();
if ('skip' in db) announceSkip('HTTP fuzz on PostgreSQL', db.skip);

const variants: { name: string; make?: () => Promise<StoreVariant> }[] = [
  { name: 'lowdb', make: async () => lowdbVariant() },
  { name: 'postgresql', make: 'url' in db ? () => pgVariant(db.url) : undefined },
];

/** Up to three accepted writes of each family, for review: valid after all, or a validation gap? */
function acceptedExamples(accepted: readonly string[]): string {
  if (accepted.length === 0) return '';
  const byFamily = new Map<string, string[]>();
  for (const line of accepted) {
    const family = /^\[([^\]]+)\]/.exec(line)?.[1] ?? '?';
    byFamily.set(family, [...(byFamily.get(family) ?? []), line]);
  }
  const lines = [...byFamily].flatMap(([family, cases]) => [`  ${family}: ${cases.length}`, ...cases.slice(0, 3).map((c) => `    ${c.slice(0, 300)}`)]);
  return `\naccepted writes by family:\n${lines.join('\n')}`;
}

/** A JWT with "alg": "none": a server that accepted it would let anyone be anyone. */
const unsignedToken = () => {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: SAMPLE_USERS.head, iss: 'reglament', exp: 4_102_444_800 })}.`;
};

describe.each(variants)('HTTP fuzz: $name store', ({ name, make }) => {
  it.skipIf(!make)(`answers ${HTTP_CASES} bad requests per write endpoint without a 5xx, a crash or a stray write (seed ${SEED})`, async () => {
    const variant = await make!();
    const dataDir = await mkdtemp(path.join(tmpdir(), `reglament-fuzz-${name}-`));
    let server = await ServerProcess.start({ dataDir, env: variant.env });
    try {
      // Tokens first: the login fuzz trips the failed-login limit for this address.
      const tokens: Record<string, string> = {
        applicant: await login(server.url, SAMPLE_USERS.applicant),
        officer: await login(server.url, SAMPLE_USERS.officer),
        head: await login(server.url, SAMPLE_USERS.head),
        garbage: 'not-a-token',
        unsigned: unsignedToken(),
      };
      const filed = await call(server.url, 'POST', SUBMIT_PATH, { token: tokens.applicant, json: { submission: permitSubmission() } });
      const application = filed.body.application.id as string;
      const registered = await call(server.url, 'POST', `/api/applications/${application}/events`, { token: tokens.officer, json: { event: 'REGISTER', version: 1 } });
      expect(registered.status).toBe(200);

      const openapi = (await call(server.url, 'GET', '/api/openapi.json')).body;
      const endpoints: Endpoint[] = Object.entries(openapi.paths as Record<string, Record<string, { operationId: string }>>).flatMap(([template, ops]) =>
        ops.post ? [{ template, operationId: ops.post.operationId }] : [],
      );
      // Signing out ends the session of the token it is sent with: fuzzed last, so the cases of every
      // other endpoint run with live tokens.
      endpoints.sort((a, b) => Number(a.operationId === 'logout') - Number(b.operationId === 'logout'));
      expect(endpoints.map((e) => e.operationId).sort()).toEqual(expect.arrayContaining(['login', 'quote', 'sendEvent', 'submitApplication', 'withdrawApplication']));

      // What is persisted is read with the server stopped (SIGTERM closes the store, which checkpoints):
      // a running embedded store may hold its latest writes in the log only.
      await server.stop();
      const before = await variant.contents(dataDir);
      server = await ServerProcess.start({ dataDir, env: variant.env });
      const failures: string[] = [];
      const created = new Set<string>();
      const transitions = new Map<string, number>();
      const byFamily = new Map<string, Record<string, number>>();
      /** Writes the server accepted: fine if the input was valid after all (e.g. 29 February of a leap year), listed for review. */
      const accepted: string[] = [];
      let cases = 0;

      for (const [i, endpoint] of endpoints.entries()) {
        const generated = fc.sample(badRequests(endpoint, { region: 'sample', service: 'permit', application }), { numRuns: HTTP_CASES, seed: SEED + i });
        await inBatches(generated, 8, async (c: BadRequest) => {
          cases++;
          let status: number;
          let body: any;
          try {
            ({ status, body } = await call(server.url, 'POST', c.path, {
              token: c.sender === 'none' ? undefined : tokens[c.sender],
              json: c.raw === undefined ? c.json : undefined,
              raw: c.raw,
              headers: c.contentType !== undefined ? { 'content-type': c.contentType } : undefined,
              timeoutMs: HANG_MS,
            }));
          } catch (e) {
            failures.push(`${server.alive ? 'no answer' : 'SERVER CRASHED'} (${(e as Error).message}): ${describeCase(c)}`);
            return;
          }
          const key = `${endpoint.operationId}: ${c.family}`;
          const counts = byFamily.get(key) ?? {};
          counts[status] = (counts[status] ?? 0) + 1;
          byFamily.set(key, counts);
          if (status >= 200 && status < 300 && endpoint.operationId !== 'quote' && endpoint.operationId !== 'login') accepted.push(describeCase(c));
          if (status >= 500) failures.push(`${status}: ${describeCase(c)}`);
          if (status === 201 && endpoint.operationId === 'submitApplication') created.add(body.application.id);
          if (status === 200 && /{id}/.test(endpoint.template)) transitions.set(body.application.id, (transitions.get(body.application.id) ?? 0) + 1);
        });
        if (!server.alive) break;
      }

      const aliveAfterFuzz = server.alive;
      await server.stop();
      const after = await variant.contents(dataDir);
      const summary = [...byFamily].sort(([a], [b]) => a.localeCompare(b)).map(([family, counts]) => `  ${family}: ${Object.entries(counts).map(([s, n]) => `${s}×${n}`).join(' ')}`).join('\n');
      console.log(`HTTP fuzz ${name}: ${cases} cases (seed ${SEED}), ${failures.length} failures, ${created.size} accepted filings, ${[...transitions.values()].reduce((a, b) => a + b, 0)} accepted events\n${summary}${acceptedExamples(accepted)}`);

      expect(failures.slice(0, 20)).toEqual([]);
      expect(aliveAfterFuzz).toBe(true);
      // The store changed by exactly what was acknowledged: new applications for the 201s, one version per 200.
      expect(new Set(after.applications.keys())).toEqual(new Set([...before.applications.keys(), ...created]));
      for (const [id, version] of before.applications) expect(after.applications.get(id), id).toBe(version + (transitions.get(id) ?? 0));
      if (created.size === 0 && transitions.size === 0) expect(after.digest).toBe(before.digest);
      else expect(after.licences).toBe(before.licences);
    } finally {
      await server.kill();
      await variant.dispose();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('config loader fuzz', () => {
  it(`answers ${LOADER_CASES} broken region file sets with ok or located errors, never throwing or hanging (seed ${SEED})`, async () => {
    const shown = path.relative(REPO, SAMPLE);
    const readErrors: unknown[] = [];
    const files = await readRegionFolder(SAMPLE, '../../../regions/_shared', readErrors as never, shown);
    expect(readErrors).toEqual([]);
    const generated = fc.sample(mutatedRegion(files), { numRuns: LOADER_CASES, seed: SEED });

    const worker = new LoaderWorker();
    const outcomes = { ok: 0, errors: 0 };
    const failures: string[] = [];
    try {
      await worker.ready;
      for (const [id, mutated] of generated.entries()) {
        const answer = await worker.load({ id, dir: SAMPLE, files: mutated.files }, HANG_MS);
        if (answer === 'hang') {
          failures.push(`no answer in ${HANG_MS} ms (hang): ${mutated.description}`);
          break;
        }
        if (answer.kind === 'ok') outcomes.ok++;
        else if (answer.kind === 'errors') {
          outcomes.errors++;
          if (answer.malformed) failures.push(`${answer.malformed}: ${mutated.description}`);
        } else failures.push(`threw ${answer.error.split('\n').slice(0, 3).join(' | ')}: ${mutated.description}`);
      }
    } finally {
      worker.kill();
    }
    console.log(`loader fuzz: ${generated.length} cases (seed ${SEED}): ${outcomes.errors} answered with errors, ${outcomes.ok} still valid, ${failures.length} failures`);
    expect(failures.slice(0, 20)).toEqual([]);
  });
});

describe('config loader on deep nesting', () => {
  // Found by the fuzz: the yaml parser slows down with the nesting depth of flow collections until its
  // recursion overflows the stack (which it reports as a syntax error), so a file within the 1 MiB limit
  // made of "[" takes ~20 s to refuse on a 2-CPU machine. Slow, but answered: the watchdog here is a
  // generous hang detector, not a time limit.
  it.each([
    ['[', 1_000_000],
    ['{a: ', 250_000],
  ])('refuses a file nested %j ×%i (within the size limit) without hanging', async (open, depth) => {
    const shown = path.relative(REPO, SAMPLE);
    const files = await readRegionFolder(SAMPLE, '../../../regions/_shared', [], shown);
    const worker = new LoaderWorker();
    try {
      await worker.ready;
      const answer = await worker.load({ id: 0, dir: SAMPLE, files: { ...files, 'rules.yaml': `x: ${open.repeat(depth)}` } }, 4 * HANG_MS);
      expect(answer, `no answer in ${4 * HANG_MS} ms`).not.toBe('hang');
      expect(answer).toMatchObject({ kind: 'errors', malformed: null });
    } finally {
      worker.kill();
    }
  });
});

/** The loader in a child process, one case at a time, with a watchdog per case. */
class LoaderWorker {
  readonly #child: ChildProcess;
  readonly ready: Promise<void>;
  #pending: ((answer: LoaderAnswer) => void) | undefined;

  constructor() {
    this.#child = fork(path.join(import.meta.dirname, 'harness/loaderWorker.ts'), [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.ready = new Promise((resolve, reject) => {
      this.#child.once('message', () => resolve());
      this.#child.once('exit', (code) => reject(new Error(`loader worker exited (${code}) before it was ready`)));
    });
    this.#child.on('message', (message: LoaderAnswer | { ready: true }) => {
      if ('id' in message) this.#pending?.(message);
    });
  }

  load(c: LoaderCase, timeoutMs: number): Promise<LoaderAnswer | 'hang'> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending = undefined;
        resolve('hang');
      }, timeoutMs);
      const crashed = (code: number | null) => {
        clearTimeout(timer);
        resolve({ id: c.id, kind: 'threw', error: `the loader process exited (code ${code})` });
      };
      this.#child.once('exit', crashed);
      this.#pending = (answer) => {
        clearTimeout(timer);
        this.#child.off('exit', crashed);
        this.#pending = undefined;
        resolve(answer);
      };
      this.#child.send(c);
    });
  }

  kill(): void {
    this.#child.kill('SIGKILL');
  }
}
