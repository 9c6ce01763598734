/**
 * The read audit: who opened which application, document or attachment, and when, kept apart from
 * the application, readable only by the role roles.yaml marks `audit: true` in its own region, and
 * dropped after the retention period (AUDIT_RETENTION_DAYS).
 */
import { pino } from 'pino';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/start.ts';
import { copyRegion, SAMPLE, startTestApi, TestClock, type TestApi } from './harness.ts';
import { approveReview, permitSubmission } from './sampleData.ts';

let api: TestApi | undefined;
const extra: RunningServer[] = [];
afterEach(async () => {
  for (const server of extra.splice(0)) await server.close();
  await api?.close();
  api = undefined;
});

const BOUNDARY = 'audit-boundary';
const PDF = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="plan.pdf"\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${BOUNDARY}--\r\n`);

describe('the read audit', () => {
  it('records who opened which application, document and attachment, when and how; the controller reads it', async () => {
    api = await startTestApi([SAMPLE, await copyRegion(SAMPLE, 'elsewhere')]);
    const { http } = api;
    const applicant = await api.token('applicant@sample');
    const officer = await api.token('officer@sample');
    const head = await api.token('head@sample');
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

    const filed = await http().post('/api/regions/sample/services/permit/applications').set(auth(applicant)).send({ submission: permitSubmission() });
    let app = filed.body.application as { id: string; version: number; documents: { id: string }[] };
    for (const [event, token, payload] of [['REGISTER', officer, {}], ['REVIEW', officer, approveReview], ['SIGN', head, {}], ['NOTIFY', officer, {}]] as const) {
      app = (await http().post(`/api/applications/${app.id}/events`).set(auth(token)).send({ event, version: app.version, payload })).body.application;
    }
    const upload = await http().post('/api/regions/sample/services/permit/uploads?field=site.plan').set(auth(applicant)).set('content-type', `multipart/form-data; boundary=${BOUNDARY}`).send(PDF);
    expect(upload.status).toBe(201);

    // Nothing opened yet: filing and acting are not reads. (Tokens last 15 minutes: the clock moves by minutes.)
    const controller = await api.token('controller@sample');
    expect((await http().get('/api/regions/sample/audit').set(auth(controller))).body.total).toBe(0);

    api.clock.current = new Date('2025-03-03T10:01:00+03:00');
    expect((await http().get(`/api/applications/${app.id}`).set(auth(officer))).status).toBe(200);
    api.clock.current = new Date('2025-03-03T10:02:00+03:00');
    expect((await http().get(`/api/documents/${app.documents[0].id}`).set(auth(head))).status).toBe(200);
    api.clock.current = new Date('2025-03-03T10:03:00+03:00');
    expect((await http().get('/api/regions/sample/inbox').query({ view: 'all' }).set(auth(officer))).status).toBe(200);
    api.clock.current = new Date('2025-03-03T10:04:00+03:00');
    const download = await http().get(`/api/uploads/${upload.body.id}`).set(auth(applicant));
    expect(download.status).toBe(200);
    const requestId = download.headers['x-request-id'];

    const controllerNow = await api.token('controller@sample');
    const audit = await http().get('/api/regions/sample/audit').set(auth(controllerNow));
    expect(audit.status).toBe(200);
    expect(audit.body.total).toBe(4);
    expect(audit.body.items).toEqual([
      { at: '2025-03-03T07:04:00.000Z', region: 'sample', userId: 'applicant@sample', roles: ['applicant'], kind: 'attachment', id: upload.body.id, applicationId: null, action: 'downloadUpload', requestId },
      expect.objectContaining({ at: '2025-03-03T07:03:00.000Z', userId: 'officer@sample', roles: ['officer'], kind: 'application', id: app.id, applicationId: app.id, action: 'inbox' }),
      expect.objectContaining({ at: '2025-03-03T07:02:00.000Z', userId: 'head@sample', kind: 'document', id: app.documents[0].id, applicationId: app.id, action: 'getDocument' }),
      expect.objectContaining({ at: '2025-03-03T07:01:00.000Z', userId: 'officer@sample', kind: 'application', id: app.id, applicationId: app.id, action: 'getApplication' }),
    ]);
    const ofApplication = await http().get('/api/regions/sample/audit').query({ application: app.id, user: 'officer@sample' }).set(auth(controllerNow));
    expect(ofApplication.body.items.map((r: { action: string }) => r.action)).toEqual(['inbox', 'getApplication']);
    const byTime = await http().get('/api/regions/sample/audit').query({ from: '2025-03-03T10:02:00+03:00', to: '2025-03-03T10:03:00+03:00' }).set(auth(controllerNow));
    expect(byTime.body.items.map((r: { action: string }) => r.action)).toEqual(['getDocument']);

    // Kept apart: the application does not carry it, and reading changed nothing in it.
    const stored = (await api.running.store.getApplication(app.id))!;
    expect(JSON.stringify(stored)).not.toContain('getApplication');
    expect(stored.version).toBe(app.version);

    // Only the audit role of the region reads it.
    const officerNow = await api.token('officer@sample');
    expect((await http().get('/api/regions/sample/audit').set(auth(officerNow))).status).toBe(403);
    expect((await http().get('/api/regions/sample/audit').set(auth(await api.token('controller@elsewhere')))).status).toBe(403);
    expect((await http().get('/api/regions/sample/audit')).status).toBe(401);
    expect((await http().get('/api/regions/elsewhere/audit').set(auth(await api.token('controller@elsewhere')))).body.total).toBe(0);
    expect((await http().get('/api/regions/sample/audit').query({ from: '2025-02-30T00:00:00Z' }).set(auth(controllerNow))).status).toBe(400);
  });

  it('drops reads older than AUDIT_RETENTION_DAYS', async () => {
    const clock = new TestClock(new Date('2025-03-03T10:00:00+03:00'));
    api = await startTestApi([SAMPLE], { clock });
    const applicant = await api.token('applicant@sample');
    const filed = await api.http().post('/api/regions/sample/services/permit/applications').set('Authorization', `Bearer ${applicant}`).send({ submission: permitSubmission() });
    await api.http().get(`/api/applications/${filed.body.application.id}`).set('Authorization', `Bearer ${applicant}`).expect(200);
    await api.running.close();

    // 30 days later, with a 30-day retention: 2 April 2025 10:00 is exactly 30 days on; the read is kept.
    // One day more and it is gone.
    const restart = async (at: string) => {
      clock.current = new Date(at);
      const server = await startServer({ regionsDirs: [SAMPLE], dataDir: api!.dataDir, port: 0, clock, logger: pino({ level: 'silent' }), env: { REGLAMENT_SECRET: 's'.repeat(48), AUDIT_RETENTION_DAYS: '30' } });
      extra.push(server);
      return server;
    };
    const kept = await restart('2025-04-02T10:00:00+03:00');
    await expect.poll(async () => (await kept.store.listReads({ region: 'sample', limit: 10, offset: 0 })).total).toBe(1);
    await kept.close();
    const later = await restart('2025-04-03T10:00:01+03:00');
    await expect.poll(async () => (await later.store.listReads({ region: 'sample', limit: 10, offset: 0 })).total).toBe(0);
  });
});
