/** GET /api/openapi.json describes exactly the routes the router serves: built from one table, checked both ways. */
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/createApp.ts';
import { SAMPLE, startTestApi, type TestApi } from './harness.ts';

let api: TestApi;
let doc: { openapi: string; paths: Record<string, Record<string, { operationId: string; parameters: { name: string; in: string }[]; responses: object; security?: unknown[] }>> };
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  api = await startTestApi([SAMPLE]);
  doc = (await api.http().get('/api/openapi.json')).body;
  app = createApp({ engine: api.running.engine, users: api.running.users, logger: pino({ level: 'silent' }), tokenSecret: new Uint8Array(32) });
});
afterAll(() => api?.close());

/** "METHOD /path/{param}" of every route registered on the express router. */
function expressRoutes(): string[] {
  const stack = (app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
  return stack
    .filter((layer) => layer.route)
    .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`))
    .sort();
}

const documented = () => Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1', () => {
    expect(doc.openapi).toBe('3.1.0');
  });

  it('lists every route the router serves under /api, and no other; outside it only the operations routes', () => {
    const api = expressRoutes().filter((r) => r.split(' ')[1].startsWith('/api/'));
    expect(api.length).toBeGreaterThan(10);
    expect(documented()).toEqual(api);
    // Probes and metrics are for operators, documented in the README's "Running in production".
    expect(expressRoutes().filter((r) => !api.includes(r))).toEqual(['GET /healthz', 'GET /metrics', 'GET /readyz']);
  });

  it('declares every path parameter, a unique operationId and responses for each operation', () => {
    const ids = new Set<string>();
    for (const [p, ops] of Object.entries(doc.paths)) {
      const inPath = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const op of Object.values(ops)) {
        expect(op.parameters.filter((x) => x.in === 'path').map((x) => x.name).sort()).toEqual(inPath);
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
      }
    }
  });

  it('marks which operations need a token', () => {
    expect(doc.paths['/api/regions'].get.security).toEqual([]);
    expect(doc.paths['/api/applications/{id}'].get.security).toEqual([{ bearerAuth: [] }]);
  });

  it('resolves every $ref inside the document', () => {
    const text = JSON.stringify(doc);
    for (const [, name] of text.matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)) {
      expect((doc as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas).toHaveProperty(name);
    }
  });

  it('is served to anyone', async () => {
    expect((await request(app).get('/api/openapi.json')).status).toBe(200);
  });
});
