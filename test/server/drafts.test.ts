/**
 * Drafts over HTTP on the sample region: saved as the applicant goes, listed, resumed, filed (and then
 * gone), and never visible to anyone but their applicant. Then the sweep: a draft keeps its uploads past
 * the 24 hours an upload is otherwise kept, and drafts expire after DRAFT_RETENTION_DAYS.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryStore } from '../../engine/store/memoryStore.ts';
import { draftRetentionDays, sweepRegularly } from '../../server/uploads/retention.ts';
import { draftRecord, uploadRecord } from '../store/records.ts';
import { copyRegion, SAMPLE, startTestApi, TestClock, type TestApi } from './harness.ts';
import { permitSubmission } from './sampleData.ts';

let api: TestApi;
const bearer = async (login: string) => ({ Authorization: `Bearer ${await api.token(login)}` });

beforeAll(async () => {
  api = await startTestApi([SAMPLE, await copyRegion(SAMPLE, 'other')]);
});
afterAll(() => api?.close());

async function create(data: unknown, login = 'applicant@sample') {
  return api.http().post('/api/regions/sample/services/permit/drafts').set(await bearer(login)).send({ data });
}

describe('drafts', () => {
  it('saves a form as it is filled in, with optimistic locking, and gives it back to its applicant', async () => {
    const created = await create({ applicant: { name: 'ООО «Ромашка»' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ region: 'sample', service: 'permit', version: 1, data: { applicant: { name: 'ООО «Ромашка»' } } });
    expect(created.body).not.toHaveProperty('applicantId');
    const id = created.body.id as string;

    api.clock.advanceDays(1);
    api.forgetTokens(); // the tokens of a day ago have expired
    const saved = await api.http().put(`/api/drafts/${id}`).set(await bearer('applicant@sample')).send({ data: { applicant: { name: 'ООО «Ромашка»', inn: '77070' } }, version: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, createdAt: created.body.createdAt });
    expect(saved.body.updatedAt > created.body.updatedAt).toBe(true);
    // A page left open elsewhere saves with the old version: told, not overwritten.
    const stale = await api.http().put(`/api/drafts/${id}`).set(await bearer('applicant@sample')).send({ data: {}, version: 1 });
    expect(stale.status).toBe(409);

    const read = await api.http().get(`/api/drafts/${id}`).set(await bearer('applicant@sample'));
    expect(read.body.data).toEqual({ applicant: { name: 'ООО «Ромашка»', inn: '77070' } });
    const list = await api.http().get('/api/regions/sample/drafts').set(await bearer('applicant@sample'));
    expect(list.body.items.find((d: { id: string }) => d.id === id)).toMatchObject({ service: 'permit', version: 2, updatedAt: saved.body.updatedAt });
  });

  it("is its applicant's alone: staff and other applicants do not see it", async () => {
    const { body } = await create({ applicant: { name: 'Личное' } });
    for (const login of ['officer@sample', 'head@sample', 'applicant@other', 'officer@other']) {
      expect((await api.http().get(`/api/drafts/${body.id}`).set(await bearer(login))).status, login).toBe(404);
      expect((await api.http().put(`/api/drafts/${body.id}`).set(await bearer(login)).send({ data: {}, version: 1 })).status, login).toBe(404);
      expect((await api.http().delete(`/api/drafts/${body.id}`).set(await bearer(login))).status, login).toBe(404);
    }
    expect((await api.http().get('/api/regions/sample/drafts').set(await bearer('officer@sample'))).status).toBe(403);
    expect((await create({}, 'officer@sample')).status).toBe(403);
    expect((await api.http().get(`/api/drafts/${body.id}`)).status).toBe(401);
  });

  it('is gone once filed, and when discarded', async () => {
    const { body: draft } = await create(permitSubmission());
    const filed = await api.http().post('/api/regions/sample/services/permit/applications').set(await bearer('applicant@sample')).send({ submission: permitSubmission(), draft: draft.id });
    expect(filed.status).toBe(201);
    expect((await api.http().get(`/api/drafts/${draft.id}`).set(await bearer('applicant@sample'))).status).toBe(404);

    const { body: other } = await create({});
    expect((await api.http().delete(`/api/drafts/${other.id}`).set(await bearer('applicant@sample'))).status).toBe(204);
    const list = await api.http().get('/api/regions/sample/drafts').set(await bearer('applicant@sample'));
    expect(list.body.items.map((d: { id: string }) => d.id)).not.toContain(other.id);
  });

  it('refuses data that is not a form object, or that carries hostile keys', async () => {
    expect((await create([1, 2])).status).toBe(400);
    const hostile = await api.http().post('/api/regions/sample/services/permit/drafts').set(await bearer('applicant@sample')).set('Content-Type', 'application/json').send('{"data":{"__proto__":{"x":1}}}');
    expect(hostile.status).toBe(422);
  });
});

describe('the sweep', () => {
  it("keeps a draft's uploads past 24 hours, and removes drafts unchanged for DRAFT_RETENTION_DAYS", async () => {
    // 1 March 2025: a draft saved then, with an upload made then, and an upload no draft refers to.
    const clock = new TestClock(new Date('2025-03-01T10:00:00+03:00'));
    const store = memoryStore();
    const put = async (id: string) => {
      const writer = await store.beginUpload(id);
      writer.out.end(Buffer.from('x'));
      await writer.commit(uploadRecord({ id, size: 1, createdAt: clock.now().toISOString() }));
    };
    await put('00000000-0000-4000-8000-000000000001');
    await put('00000000-0000-4000-8000-000000000002');
    await store.saveDraft(draftRecord({ attachments: ['00000000-0000-4000-8000-000000000001'], updatedAt: clock.now().toISOString() }), 0);
    const days = draftRetentionDays({ DRAFT_RETENTION_DAYS: '3' });

    // Two days later: the unfiled upload is past 24 hours and goes; the draft (2 < 3 days) and its upload stay.
    clock.advanceDays(2);
    await sweepRegularly(store, clock, days, pino({ level: 'silent' }))();
    expect(await store.getUpload('00000000-0000-4000-8000-000000000002')).toBeUndefined();
    expect(await store.getUpload('00000000-0000-4000-8000-000000000001')).toBeDefined();
    expect(await store.getDraft('draft-1')).toBeDefined();

    // Four days after its last change the draft expires, and then its upload goes too.
    clock.advanceDays(2);
    await sweepRegularly(store, clock, days, pino({ level: 'silent' }))();
    expect(await store.getDraft('draft-1')).toBeUndefined();
    expect(await store.getUpload('00000000-0000-4000-8000-000000000001')).toBeUndefined();
  });

  it('reads DRAFT_RETENTION_DAYS, 30 by default', () => {
    expect(draftRetentionDays({})).toBe(30);
    expect(draftRetentionDays({ DRAFT_RETENTION_DAYS: '7' })).toBe(7);
    expect(() => draftRetentionDays({ DRAFT_RETENTION_DAYS: 'week' })).toThrow(/DRAFT_RETENTION_DAYS/);
  });
});
