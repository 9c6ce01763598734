/** The public catalogue over HTTP: regions, services with fee and deadline, compiled forms, quotes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE, startTestApi, type TestApi } from './harness.ts';
import { permitSubmission } from './sampleData.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi([SAMPLE]);
});
afterAll(() => api?.close());

describe('regions', () => {
  it('lists every region served with its services', async () => {
    const res = await api.http().get('/api/regions');
    expect(res.status).toBe(200);
    expect(res.body.regions).toEqual([
      expect.objectContaining({ id: 'sample', title: 'Образцовая область', services: [expect.objectContaining({ id: 'permit' }), expect.objectContaining({ id: 'close' })] }),
    ]);
  });

  it('describes a region: services with the fee in force today and their deadlines', async () => {
    const res = await api.http().get('/api/regions/sample');
    expect(res.status).toBe(200);
    const permit = res.body.services.find((s: { id: string }) => s.id === 'permit');
    expect(permit.title).toBe('Выдача разрешения');
    expect(permit.fee.length).toBe(2);
    expect(permit.fee[0]).toMatchObject({ when: 'needsSite', whenTitle: 'Нужны сведения о площадке' });
    for (const fee of permit.fee) expect(typeof fee.amount).toBe('number');
    expect(permit.deadline.map((d: { deadlineId: string }) => d.deadlineId)).toEqual(['permitSiteTotal', 'permitTotal']);
    expect(permit.deadline[0].workingDays).toBeGreaterThan(0);
    expect(res.body.registry.searchable.map((a: { id: string }) => a.id)).toEqual(['name', 'inn']);
  });

  it('answers 404 with a message for an unknown region', async () => {
    const res = await api.http().get('/api/regions/atlantis');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/atlantis/);
  });
});

describe('forms', () => {
  it('serves the compiled form with a strong ETag, and 304 when the client has it', async () => {
    const res = await api.http().get('/api/regions/sample/services/permit/form').set('Accept-Encoding', 'identity');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['conditions', 'id', 'rules', 'schema', 'title', 'uiSchema']);
    expect(res.body.conditions).toMatchObject({ site: 'needsSite' });
    expect(res.body.rules).toHaveProperty('needsSite');
    const etag = res.headers.etag;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect(res.headers['cache-control']).toMatch(/no-cache/);

    const again = await api.http().get('/api/regions/sample/services/permit/form').set('Accept-Encoding', 'identity').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(etag);
    expect(again.text ?? '').toBe('');

    const stale = await api.http().get('/api/regions/sample/services/permit/form').set('If-None-Match', '"something-else"');
    expect(stale.status).toBe(200);
  });

  it('sends a gzip copy to clients that accept it, under its own ETag', async () => {
    const plain = await api.http().get('/api/regions/sample/services/permit/form').set('Accept-Encoding', 'identity');
    const zipped = await api.http().get('/api/regions/sample/services/permit/form').set('Accept-Encoding', 'gzip, br');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(zipped.body).toEqual(plain.body);
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    const revalidated = await api.http().get('/api/regions/sample/services/permit/form').set('Accept-Encoding', 'gzip').set('If-None-Match', zipped.headers.etag);
    expect(revalidated.status).toBe(304);
  });

  it('serves task forms by id, and 404 for an unknown form or service', async () => {
    expect((await api.http().get('/api/regions/sample/forms/review')).status).toBe(200);
    expect((await api.http().get('/api/regions/sample/forms/nope')).status).toBe(404);
    expect((await api.http().get('/api/regions/sample/services/nope/form')).status).toBe(404);
  });
});

describe('quote', () => {
  it('tells the fee, registration date and expected decision date before filing', async () => {
    const res = await api.http().post('/api/regions/sample/services/permit/quote').send({ submission: permitSubmission() });
    expect(res.status).toBe(200);
    expect(res.body.registeredOn).toBe('2025-03-03');
    expect(res.body.fee.amount).toBeGreaterThan(0);
    expect(res.body.serviceDue.date > '2025-03-03').toBe(true);
  });

  it('follows the submission: another fee when the rule for it holds', async () => {
    const plain = await api.http().post('/api/regions/sample/services/permit/quote').send({ submission: permitSubmission() });
    const withSite = { ...permitSubmission(), works: { kinds: ['site'] } };
    const site = await api.http().post('/api/regions/sample/services/permit/quote').send({ submission: withSite });
    expect(site.body.fee.feeId).not.toBe(plain.body.fee.feeId);
  });
});
