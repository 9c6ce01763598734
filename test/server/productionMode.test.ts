/**
 * Production mode: development users exist only when asked for, never with NODE_ENV=production, and
 * `serve --memory` leaves the data folder untouched.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { runServe } from '../../server/cli.ts';
import { startServer } from '../../server/start.ts';
import { SAMPLE } from './harness.ts';

const COST = { cost: { N: 1024, r: 8, p: 1 } };
const temps: string[] = [];
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'reglament-prod-'));
  temps.push(dir);
  return dir;
};
function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _e, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
  return { lines, stream, write: (t: string) => lines.push(...t.split('\n').filter(Boolean)) };
}
const login = (url: string, login: string, password: string) =>
  fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });

describe('production mode', () => {
  it('with NODE_ENV=production refuses to create development users and says how to add a user', async () => {
    const err = capture();
    const data = await tempDir();
    const code = await runServe([SAMPLE, '--port', '0', '--data', data, '--dev-users'], {
      env: { NODE_ENV: 'production', REGLAMENT_SECRET: 'p'.repeat(40) },
      stderr: err,
      stopSignal: Promise.resolve(),
      start: { logger: pino({ level: 'silent' }), devUsers: COST },
    });
    expect(code).toBe(1);
    expect(err.lines.join('\n')).toMatch(/NODE_ENV=production.*reglament users add --login/);
    expect(await readdir(data)).not.toContain('users.json');
  });

  it('REGLAMENT_DEV_USERS=1 is refused in production too', async () => {
    await expect(startServer({ regionsDirs: [SAMPLE], dataDir: await tempDir(), port: 0, logger: pino({ level: 'silent' }), env: { NODE_ENV: 'production', REGLAMENT_DEV_USERS: '1', REGLAMENT_SECRET: 'p'.repeat(40) } }))
      .rejects.toThrow(/reglament users add/);
  });

  it('a production start with no users starts, says how to add the first one, and no role password signs in', async () => {
    const log = capture();
    const data = await tempDir();
    const running = await startServer({ regionsDirs: [SAMPLE], dataDir: data, port: 0, logger: pino(log.stream), env: { NODE_ENV: 'production', REGLAMENT_SECRET: 'p'.repeat(40) } });
    try {
      expect(running.users.size).toBe(0);
      expect(log.lines.map((l) => JSON.parse(l).msg)).toContainEqual(expect.stringMatching(/no users yet.*reglament users add/));
      expect((await login(running.url, 'officer@sample', 'officer')).status).toBe(401);
    } finally {
      await running.close();
    }
  });

  it('without --dev-users no development user is created, in any mode', async () => {
    const data = await tempDir();
    const running = await startServer({ regionsDirs: [SAMPLE], dataDir: data, port: 0, logger: pino({ level: 'silent' }), env: { REGLAMENT_SECRET: 'p'.repeat(40) } });
    try {
      expect(running.users.size).toBe(0);
      expect((await login(running.url, 'applicant@sample', 'applicant')).status).toBe(401);
    } finally {
      await running.close();
    }
  });

  it('serve --dev-users creates them with a warning (what npm start runs)', async () => {
    const log = capture();
    const data = await tempDir();
    let stopNow!: () => void;
    const serving = runServe([SAMPLE, '--port', '0', '--data', data, '--dev-users'], {
      env: {},
      stopSignal: new Promise<void>((resolve) => (stopNow = resolve)),
      start: { logger: pino(log.stream), devUsers: COST },
    });
    await expect.poll(() => log.lines.some((l) => l.includes('reglament listening'))).toBe(true);
    const warnings = log.lines.map((l) => JSON.parse(l)).filter((l) => l.level === 40).map((l) => l.msg as string);
    expect(warnings).toContainEqual(expect.stringMatching(/DEVELOPMENT users/));
    stopNow();
    expect(await serving).toBe(0);
  });
});

describe('serve --memory', () => {
  it('writes nothing to the data folder, development users, sessions, the audit and uploads included', async () => {
    const data = await tempDir();
    const running = await startServer({ regionsDirs: [SAMPLE], dataDir: data, memory: true, port: 0, logger: pino({ level: 'silent' }), env: {}, devUsers: COST });
    try {
      const signedIn = await login(running.url, 'applicant@sample', 'applicant');
      expect(signedIn.status).toBe(200);
      const auth = { authorization: `Bearer ${((await signedIn.json()) as { token: string }).token}` };
      const boundary = 'memory-boundary';
      const upload = await fetch(`${running.url}/api/regions/sample/services/permit/uploads?field=site.plan`, {
        method: 'POST',
        headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan.pdf"\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${boundary}--\r\n`,
      });
      expect(upload.status).toBe(201);
      const { id } = (await upload.json()) as { id: string };
      expect((await fetch(`${running.url}/api/uploads/${id}`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${running.url}/api/auth/logout`, { method: 'POST', headers: auth })).status).toBe(204);
    } finally {
      await running.close();
    }
    expect(await readdir(data)).toEqual([]);
  });
});

describe('metrics in production', () => {
  it('with NODE_ENV=production and no METRICS_TOKEN, /metrics is refused and the start says why', async () => {
    const log = capture();
    const running = await startServer({ regionsDirs: [SAMPLE], dataDir: await tempDir(), port: 0, processMetrics: false, logger: pino(log.stream), env: { NODE_ENV: 'production', REGLAMENT_SECRET: 'p'.repeat(40) } });
    try {
      const refused = await fetch(`${running.url}/metrics`);
      expect(refused.status).toBe(403);
      const body = (await refused.json()) as { error: string };
      expect(body.error).toMatch(/METRICS_TOKEN/);
      const text = await (await fetch(`${running.url}/metrics`, { headers: { authorization: 'Bearer anything' } })).text();
      expect(text).not.toMatch(/reglament_/);
      const warnings = log.lines.map((l) => JSON.parse(l)).filter((l) => l.level === 40).map((l) => l.msg as string);
      expect(warnings).toContainEqual(expect.stringMatching(/\/metrics is refused.*METRICS_TOKEN/));
    } finally {
      await running.close();
    }
  });

  it('with NODE_ENV=production and METRICS_TOKEN, a scraper with that token reads /metrics', async () => {
    const running = await startServer({ regionsDirs: [SAMPLE], dataDir: await tempDir(), port: 0, processMetrics: false, logger: pino({ level: 'silent' }), env: { NODE_ENV: 'production', REGLAMENT_SECRET: 'p'.repeat(40), METRICS_TOKEN: 'scrape-secret-456' } });
    try {
      expect((await fetch(`${running.url}/metrics`)).status).toBe(401);
      const ok = await fetch(`${running.url}/metrics`, { headers: { authorization: 'Bearer scrape-secret-456' } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(/^# HELP reglament_/m);
    } finally {
      await running.close();
    }
  });
});
