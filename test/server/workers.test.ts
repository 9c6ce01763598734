/**
 * `reglament serve --workers N`: refused on the embedded store with the reason, and on PostgreSQL N
 * processes share one port and one database, each serving requests; a killed worker is replaced, and
 * all stop on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runServe } from '../../server/cli.ts';
import { announceSkip, pgTestDatabase, TestSchemas } from '../store/pgTestDatabase.ts';
import { REPO, SAMPLE } from './harness.ts';
import { permitSubmission } from './sampleData.ts';

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'reglament-workers-'));
  temps.push(dir);
  return dir;
};
const stderrOf = () => {
  const lines: string[] = [];
  return { lines, write: (t: string) => lines.push(t) };
};

describe('serve --workers, refused where it cannot work', () => {
  it('refuses more than one process on the embedded store, saying why and what to do', async () => {
    const err = stderrOf();
    expect(await runServe([SAMPLE, '--port', '0', '--data', await tempDir(), '--workers', '2'], { env: {}, stderr: err, stopSignal: Promise.resolve() })).toBe(2);
    expect(err.lines.join('')).toMatch(/--workers 2 needs the PostgreSQL store \(set DATABASE_URL\).*one process/);
  });

  it('refuses more than one process in memory mode, and a --workers that is not a number', async () => {
    const err = stderrOf();
    expect(await runServe([SAMPLE, '--memory', '--workers', '3'], { env: { DATABASE_URL: 'postgres://127.0.0.1:1/x' }, stderr: err, stopSignal: Promise.resolve() })).toBe(2);
    expect(err.lines.join('')).toMatch(/--memory/);
    expect(await runServe([SAMPLE, '--workers', 'two'], { env: {}, stderr: err, stopSignal: Promise.resolve() })).toBe(2);
    expect(err.lines.at(-1)).toMatch(/--workers must be a whole number from 1 to 64, got "two"/);
  });
});

const db = await pgTestDatabase();
if ('skip' in db) announceSkip('serve --workers on PostgreSQL', db.skip);

describe.skipIf('skip' in db)('serve --workers 2 on PostgreSQL', () => {
  const schemas = 'skip' in db ? null : new TestSchemas(db.url);
  afterAll(async () => {
    await schemas?.dropAll();
    if (!('skip' in db)) await db.release();
  });

  it('runs two processes on one port that both serve, over one database, and stops them all on SIGTERM', async () => {
    if ('skip' in db) return;
    const output: string[] = [];
    const child = spawn(process.execPath, [path.join(REPO, 'bin/reglament.mjs'), 'serve', SAMPLE, '--port', '0', '--data', await tempDir(), '--dev-users', '--workers', '2'], {
      cwd: REPO,
      env: { ...process.env, DATABASE_URL: db.url, DATABASE_SCHEMA: schemas!.next(), REGLAMENT_SECRET: 'workers-test-secret-'.repeat(3), LOG_LEVEL: 'info', WORKERS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk) => output.push(...String(chunk).split('\n').filter(Boolean)));
      const url = await waitForLine(child, output, /listening on (http:\/\/[^ ]+) with 2 worker processes/);

      const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'applicant@sample', password: 'applicant' }) });
      const { token } = (await login.json()) as { token: string };
      // New connections each time, so the primary hands them to both workers in turn.
      const filed = await Promise.all(
        Array.from({ length: 12 }, () =>
          fetch(`${url}/api/regions/sample/services/permit/applications`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, connection: 'close' },
            body: JSON.stringify({ submission: permitSubmission() }),
          }),
        ),
      );
      expect(filed.map((r) => r.status)).toEqual(Array(12).fill(201));
      const ids = await Promise.all(filed.map(async (r) => ((await r.json()) as { application: { id: string } }).application.id));
      expect(new Set(ids).size).toBe(12);
      // Whichever worker a scrape reaches, /metrics counts the filings of both.
      for (let i = 0; i < 4; i++) {
        const metrics = await (await fetch(`${url}/metrics`, { headers: { connection: 'close' } })).text();
        expect(metrics).toMatch(/^reglament_filings_total\{region="sample",service="permit"\} 12$/m);
        expect(metrics).toMatch(/^reglament_open_steps\{region="sample"\} 12$/m);
      }
      // Every application is visible whichever process answers: they share the database.
      for (const id of ids.slice(0, 4)) {
        const read = await fetch(`${url}/api/applications/${id}`, { headers: { authorization: `Bearer ${token}`, connection: 'close' } });
        expect(read.status).toBe(200);
      }
      const servingPids = new Set(output.filter((l) => l.includes('"request completed"')).map((l) => (JSON.parse(l) as { pid: number }).pid));
      expect(servingPids.size).toBe(2);
      expect(servingPids.has(child.pid!)).toBe(false);

      // A worker killed outright is replaced, and the port keeps answering.
      const [victim] = servingPids;
      process.kill(victim, 'SIGKILL');
      await waitForLine(child, output, new RegExp(`worker process ${victim} stopped \\(signal SIGKILL\\); starting (another)`));
      const listening = () => output.filter((l) => /reglament listening on http:\/\/[^ ]+ \(regions: sample\)/.test(l)).length;
      await waitForCondition(child, output, () => listening() === 3);
      const after = await fetch(`${url}/api/applications/${ids[0]}`, { headers: { authorization: `Bearer ${token}`, connection: 'close' } });
      expect(after.status).toBe(200);

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      for (const pid of servingPids) expect(isRunning(pid), `worker ${pid} still running`).toBe(false);
      expect(output.some((l) => l.includes('reglament stopped (all worker processes)'))).toBe(true);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until a line of the child's output matches, and returns the pattern's first group. */
async function waitForLine(child: ChildProcess, output: string[], pattern: RegExp): Promise<string> {
  let found: string | undefined;
  await waitForCondition(child, output, () => {
    for (const line of output) {
      const m = pattern.exec(line);
      if (m) {
        found = m[1];
        return true;
      }
    }
    return false;
  });
  return found!;
}

/** Waits until `done()` holds (the test's timeout bounds it); fails at once if the server exits. */
function waitForCondition(child: ChildProcess, output: string[], done: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (done()) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`the server exited with ${child.exitCode}:\n${output.join('\n')}`));
      }
    }, 50);
  });
}
