/** GET /api/regions/:region/config: the region's configuration for the coordinator view. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE, startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi([SAMPLE]);
});
afterAll(() => api?.close());

describe('region configuration', () => {
  it('gives services, forms, dated fees, deadlines, procedures with their transitions, rules and the registry', async () => {
    const res = await api.http().get('/api/regions/sample/config');
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body.services.map((s: { id: string }) => s.id)).toEqual(['permit', 'close']);
    expect(body.forms).toContainEqual({ id: 'permit-application', title: 'Заявление о выдаче разрешения', clause: 'Приложение 1' });
    const fee = body.fees.find((f: { id: string }) => f.id === 'permit');
    expect(fee.values.map((v: { from: string }) => v.from)).toEqual(['2024-02-01', '2025-01-01']);
    const permit = body.procedures.find((p: { id: string }) => p.id === 'permit');
    expect(permit.initial).toBe('registration');
    expect(permit.states.review.on.REVIEW).toEqual([
      { target: 'signingGrant', guard: 'approved' },
      { target: 'signingRefusal', guard: 'rejected' },
    ]);
    expect(body.rules.find((r: { id: string }) => r.id === 'needsSite').clause).toBe('2.2');
    expect(body.registry.attributes.map((a: { id: string }) => a.id)).toEqual(['name', 'inn', 'phone', 'kinds']);
  });

  it('leaves out file contents, template sources and folder paths', async () => {
    const text = JSON.stringify((await api.http().get('/api/regions/sample/config')).body);
    expect(text).not.toContain('{{');
    expect(text).not.toContain(SAMPLE);
    expect(text).not.toContain('"files"');
  });

  it('is public and revalidates with its ETag', async () => {
    const first = await api.http().get('/api/regions/sample/config');
    expect(first.headers.etag).toBeTruthy();
    const again = await api.http().get('/api/regions/sample/config').set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
  });

  it('answers 404 for an unknown region', async () => {
    expect((await api.http().get('/api/regions/atlantis/config')).status).toBe(404);
  });
});
