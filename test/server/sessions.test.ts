/**
 * Sessions can be ended: logout, a password change and an administrator's revocation each make the
 * old token useless at once (and after a restart), and tokens are short-lived: 15 minutes each,
 * renewed while the session's 8 hours last.
 */
import { Readable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/start.ts';
import { runUsers } from '../../server/usersCommand.ts';
import { SAMPLE, startTestApi, TestClock, type TestApi } from './harness.ts';

let api: TestApi | undefined;
const extra: RunningServer[] = [];
afterEach(async () => {
  for (const server of extra.splice(0)) await server.close();
  await api?.close();
  api = undefined;
});

const signIn = async (url: string, login: string, password = login.split('@')[0]) => {
  const res = await request(url).post('/api/auth/login').send({ login, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { token: string; expiresAt: string; sessionEndsAt: string };
};
const me = (url: string, token: string) => request(url).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
const users = (dataDir: string, args: string[], stdin = '') =>
  runUsers([...args, '--data', dataDir], { stdin: Readable.from([stdin]), stdout: { write: () => true }, stderr: { write: () => true } });

/** The same data folder and key, started again (a restart). */
async function restart(): Promise<string> {
  await api!.running.close();
  const again = await startServer({ regionsDirs: [SAMPLE], dataDir: api!.dataDir, port: 0, clock: api!.clock, logger: pino({ level: 'silent' }), env: { REGLAMENT_SECRET: 's'.repeat(48) } });
  extra.push(again);
  return again.url;
}

describe('sessions', () => {
  it('logout ends that session only, and it stays ended after a restart', async () => {
    api = await startTestApi([SAMPLE]);
    const first = await signIn(api.url, 'officer@sample');
    const second = await signIn(api.url, 'officer@sample');
    expect((await me(api.url, first.token)).status).toBe(200);
    expect((await request(api.url).post('/api/auth/logout').set('Authorization', `Bearer ${first.token}`)).status).toBe(204);
    const refused = await me(api.url, first.token);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatch(/выходом/);
    expect(refused.headers['www-authenticate']).toContain('invalid_token');
    // A renewal of the ended session is refused too.
    expect((await request(api.url).post('/api/auth/refresh').set('Authorization', `Bearer ${first.token}`)).status).toBe(401);
    expect((await me(api.url, second.token)).status).toBe(200);

    const url = await restart();
    expect((await me(url, first.token)).status).toBe(401);
    expect((await me(url, second.token)).status).toBe(200);
  });

  it('a password change ends every session of the user at once, without and with a restart', async () => {
    api = await startTestApi([SAMPLE]);
    const old = await signIn(api.url, 'officer@sample');
    const colleague = await signIn(api.url, 'head@sample');
    expect(await users(api.dataDir, ['passwd', '--login', 'officer@sample', '--password-stdin'], 'a new long password\n')).toBe(0);
    // The running server re-reads users.json when it changes (polled every second).
    await expect.poll(async () => (await me(api!.url, old.token)).status, { timeout: 10_000, interval: 100 }).toBe(401);
    expect((await me(api.url, old.token)).body.error).toMatch(/пароль изменён или доступ отозван/);
    expect((await request(api.url).post('/api/auth/login').send({ login: 'officer@sample', password: 'officer' })).status).toBe(401);
    const fresh = await signIn(api.url, 'officer@sample', 'a new long password');
    expect((await me(api.url, colleague.token)).status).toBe(200);

    const url = await restart();
    expect((await me(url, old.token)).status).toBe(401);
    expect((await me(url, fresh.token)).status).toBe(200);
  });

  it('an administrator ends every session of a user with `reglament users revoke`', async () => {
    api = await startTestApi([SAMPLE]);
    const before = await signIn(api.url, 'applicant@sample');
    expect(await users(api.dataDir, ['revoke', '--login', 'applicant@sample'])).toBe(0);
    await expect.poll(async () => (await me(api!.url, before.token)).status, { timeout: 10_000, interval: 100 }).toBe(401);
    // The password is unchanged: signing in again starts a new session.
    const after = await signIn(api.url, 'applicant@sample');
    expect((await me(api.url, after.token)).status).toBe(200);
    expect(await users(api.dataDir, ['revoke', '--login', 'nobody@sample'])).toBe(1);
  });

  it('tokens last 15 minutes and are renewed while the session lasts, 8 hours from sign-in', async () => {
    const clock = new TestClock(new Date('2025-03-03T09:00:00+03:00'));
    api = await startTestApi([SAMPLE], { clock });
    const session = await signIn(api.url, 'officer@sample');
    expect(session.expiresAt).toBe('2025-03-03T06:15:00.000Z');
    expect(session.sessionEndsAt).toBe('2025-03-03T14:00:00.000Z');
    clock.current = new Date('2025-03-03T09:16:00+03:00');
    expect((await me(api.url, session.token)).status).toBe(401);

    // Renewed every 10 minutes, the session carries on to its 8th hour and no further.
    clock.current = new Date('2025-03-03T09:00:00+03:00');
    let token = session.token;
    for (let minutes = 10; minutes < 8 * 60; minutes += 10) {
      clock.current = new Date(Date.parse('2025-03-03T09:00:00+03:00') + minutes * 60_000);
      const renewed = await request(api.url).post('/api/auth/refresh').set('Authorization', `Bearer ${token}`);
      expect(renewed.status, `at +${minutes} min`).toBe(200);
      token = renewed.body.token;
    }
    clock.current = new Date('2025-03-03T16:59:00+03:00');
    expect((await me(api.url, token)).status).toBe(200);
    clock.current = new Date('2025-03-03T17:00:00+03:00');
    expect((await me(api.url, token)).status).toBe(401);
  });
});
