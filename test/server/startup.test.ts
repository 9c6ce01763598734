/**
 * `reglament serve`: refuses an invalid config with every loader error, first-start files (development
 * users, token secret), the listening line, and a graceful stop that lets a request in flight finish.
 */
import { request as httpRequest } from 'node:http';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { runServe } from '../../server/cli.ts';
import { startServer } from '../../server/start.ts';
import { REPO, SAMPLE } from './harness.ts';
import { permitSubmission } from './sampleData.ts';

const temps: string[] = [];
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'reglament-start-'));
  temps.push(dir);
  return dir;
};

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _e, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
  return { lines, stream, write: (t: string) => lines.push(...t.split('\n').filter(Boolean)) };
}

describe('reglament serve', () => {
  it('refuses to start on an invalid config, printing each loader error as file:line:col path message', async () => {
    const err = capture();
    const code = await runServe(
      [path.join(REPO, 'test/fixtures/broken/bad-type'), path.join(REPO, 'test/fixtures/broken/dangling-reference'), '--port', '0', '--data', await tempDir()],
      { stderr: err, stopSignal: Promise.resolve() },
    );
    expect(code).toBe(1);
    expect(err.lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/bad-type\/deadlines\.yaml:5:18 deadlines\[0\]\.workingDays must be/),
      expect.stringMatching(/dangling-reference\/services\/permit\.yaml:4:7 form refers to form "permit-from"/),
    ]));
    expect(err.lines.at(-1)).toMatch(/not started: 2 error/);
  });

  it('rejects a bad port with usage help', async () => {
    const err = capture();
    expect(await runServe(['--port', 'eighty'], { stderr: err })).toBe(2);
    expect(err.lines[0]).toMatch(/--port/);
  });

  it('on first start creates development users and a private token secret, and says where it listens', async () => {
    const data = await tempDir();
    const log = capture();
    let stopNow!: () => void;
    const stop = new Promise<void>((resolve) => (stopNow = resolve));
    const serving = runServe([SAMPLE, '--port', '0', '--data', data, '--dev-users'], {
      env: {},
      stopSignal: stop,
      start: { logger: pino(log.stream), devUsers: { cost: { N: 1024, r: 8, p: 1 } } },
    });
    await expect.poll(() => log.lines.some((l) => l.includes('reglament listening'))).toBe(true);
    const messages = log.lines.map((l) => JSON.parse(l).msg as string);
    expect(messages).toContainEqual(expect.stringMatching(/^reglament listening on http:\/\/127\.0\.0\.1:\d+ \(regions: sample\)$/));
    expect(messages).toContainEqual(expect.stringMatching(/DEVELOPMENT users/));

    const users = JSON.parse(await readFile(path.join(data, 'users.json'), 'utf8')).users;
    expect(users.map((u: { login: string }) => u.login).sort()).toEqual(['applicant@sample', 'controller@sample', 'coordinator@sample', 'head@sample', 'officer@sample']);
    expect(JSON.stringify(users)).not.toMatch(/"password"/);
    expect((await stat(path.join(data, 'users.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(data, 'secret'))).mode & 0o777).toBe(0o600);

    stopNow();
    expect(await serving).toBe(0);
    expect(log.lines.map((l) => JSON.parse(l).msg)).toContain('reglament stopped');
  });

  it('keeps an existing users.json on the next start', async () => {
    const data = await tempDir();
    const options = { regionsDirs: [SAMPLE], dataDir: data, port: 0, logger: pino({ level: 'silent' }), env: {}, devUsers: { cost: { N: 1024, r: 8, p: 1 } } };
    await (await startServer(options)).close();
    const first = await readFile(path.join(data, 'users.json'), 'utf8');
    const secret = await readFile(path.join(data, 'secret'), 'utf8');
    await (await startServer(options)).close();
    expect(await readFile(path.join(data, 'users.json'), 'utf8')).toBe(first);
    expect(await readFile(path.join(data, 'secret'), 'utf8')).toBe(secret);
  });
});

describe('graceful shutdown', () => {
  it('stops accepting connections but lets a request in flight finish and be stored', async () => {
    const data = await tempDir();
    const running = await startServer({ regionsDirs: [SAMPLE], dataDir: data, port: 0, logger: pino({ level: 'silent' }), env: { REGLAMENT_SECRET: 'k'.repeat(40) }, devUsers: { cost: { N: 1024, r: 8, p: 1 } } });
    const login = await fetch(`${running.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'applicant@sample', password: 'applicant' }) });
    const { token } = (await login.json()) as { token: string };

    // Send the headers and half of the body, close the server, then send the rest.
    const body = Buffer.from(JSON.stringify({ submission: permitSubmission() }));
    const arrived = new Promise<void>((resolve) => running.server.once('request', () => resolve()));
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${running.url}/api/regions/sample/services/permit/applications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${token}` },
      }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on('error', reject);
      req.write(body.subarray(0, 20));
      arrived.then(() => {
        closed = running.close();
        req.end(body.subarray(20));
      });
    });
    let closed: Promise<void> | undefined;

    const res = await response;
    expect(res.status).toBe(201);
    await closed;
    await expect(fetch(`${running.url}/api/regions`)).rejects.toThrow();

    // The application was stored before the store closed: a new server on the same data sees it.
    const again = await startServer({ regionsDirs: [SAMPLE], dataDir: data, port: 0, logger: pino({ level: 'silent' }), env: { REGLAMENT_SECRET: 'k'.repeat(40) } });
    try {
      const page = await again.store.listApplications({ region: 'sample', limit: 10, offset: 0 });
      expect(page.items.map((a) => a.id)).toEqual([JSON.parse(res.body).application.id]);
    } finally {
      await again.close();
    }
  });
});
