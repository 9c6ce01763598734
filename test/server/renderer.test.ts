/** The web UI beside the API: assets with a long cache, index.html for the UI's own routes, its own policy. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/createApp.ts';
import { SAMPLE, startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
let dir: string;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  api = await startTestApi([SAMPLE]);
  dir = await mkdtemp(path.join(tmpdir(), 'reglament-ui-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>UI</title><script type="module" src="/assets/app-1234.js"></script>');
  await writeFile(path.join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
  app = createApp({ engine: api.running.engine, users: api.running.users, logger: pino({ level: 'silent' }), tokenSecret: new Uint8Array(32), rendererDir: dir });
});
afterAll(async () => {
  await api?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('web UI', () => {
  it('serves index.html at / and for the UI routes, revalidated on each load', async () => {
    for (const p of ['/', '/regions/sample/inbox', '/applications/123']) {
      const res = await request(app).get(p);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<title>UI</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    }
  });

  it('serves hashed assets with a long cache, and 404 for a missing one', async () => {
    const res = await request(app).get('/assets/app-1234.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/immutable/);
    expect((await request(app).get('/assets/missing.js')).status).toBe(404);
  });

  it('leaves /api to the API: JSON, its strict policy, JSON 404s', async () => {
    const regions = await request(app).get('/api/regions');
    expect(regions.headers['content-security-policy']).toMatch(/default-src 'none'/);
    const missing = await request(app).get('/api/nothing');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/json/);
  });
});
