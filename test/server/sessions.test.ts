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
import { openEvents, type OpenStream } from './eventStream.ts';
import { SAMPLE, startTestApi, TestClock, type TestApi } from './harness.ts';
import { permitSubmission } from './sampleData.ts';

let api: TestApi | undefined;
const extra: RunningServer[] = [];
const streams: OpenStream[] = [];
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
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

/** A live stream of the sample region's applications, closed after the test. */
const liveStream = async (url: string, token: string) => {
  const stream = await openEvents(`${url}/api/regions/sample/events`, token);
  expect(stream.status).toBe(200);
  streams.push(stream);
  return stream;
};
const file = async (url: string, token: string) => {
  const res = await request(url).post('/api/regions/sample/services/permit/applications').set('Authorization', `Bearer ${token}`).send({ submission: permitSubmission() });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.application.id as string;
};
const tells = (id: string) => (event: { data?: string }) => event.data !== undefined && (JSON.parse(event.data) as { id: string }).id === id;

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

/**
 * A live stream lives no longer than the session that opened it: ending the session ends the stream
 * at once, not when its token would have expired (15 minutes; the test clock never gets there). The
 * test's own timeout bounds every wait for a stream to end.
 */
describe('ending a session ends its live streams', () => {
  it('logout ends the streams of that session, and only those', async () => {
    api = await startTestApi([SAMPLE]);
    const first = await signIn(api.url, 'officer@sample');
    const second = await signIn(api.url, 'officer@sample');
    const ended = await liveStream(api.url, first.token);
    const kept = await liveStream(api.url, second.token);
    expect((await request(api.url).post('/api/auth/logout').set('Authorization', `Bearer ${first.token}`)).status).toBe(204);
    await ended.ended;
    // The other session of the same officer still hears every change.
    const id = await file(api.url, (await signIn(api.url, 'applicant@sample')).token);
    await kept.waitFor(tells(id));
    expect(kept.isEnded()).toBe(false);
    expect(ended.events.some(tells(id))).toBe(false);
  });

  it('a password change and an administrator\'s revocation end every stream of that user, and no one else\'s', async () => {
    api = await startTestApi([SAMPLE]);
    const officer = [await liveStream(api.url, (await signIn(api.url, 'officer@sample')).token), await liveStream(api.url, (await signIn(api.url, 'officer@sample')).token)];
    const applicantToken = (await signIn(api.url, 'applicant@sample')).token;
    const applicant = await liveStream(api.url, applicantToken);
    const head = await liveStream(api.url, (await signIn(api.url, 'head@sample')).token);

    expect(await users(api.dataDir, ['passwd', '--login', 'officer@sample', '--password-stdin'], 'a new long password\n')).toBe(0);
    await Promise.all(officer.map((s) => s.ended));
    expect(applicant.isEnded()).toBe(false);

    // The applicant files (their stream tells them), then an administrator revokes their sessions.
    const id = await file(api.url, applicantToken);
    await applicant.waitFor(tells(id));
    expect(await users(api.dataDir, ['revoke', '--login', 'applicant@sample'])).toBe(0);
    await applicant.ended;

    // The head of department, whose sessions nobody ended, heard the filing and still listens.
    await head.waitFor(tells(id));
    const next = await file(api.url, (await signIn(api.url, 'applicant@sample')).token);
    await head.waitFor(tells(next));
    expect(head.isEnded()).toBe(false);
  });
});
