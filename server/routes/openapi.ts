/** The OpenAPI 3.1 document, built from the same route table as the router. */
import { buildOpenApi } from '../openapi/buildOpenApi.ts';
import { defineRoutes } from './types.ts';

let built: { routes: unknown; doc: unknown } | undefined;

export const openapiRoutes = defineRoutes([
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'openapi',
    summary: 'This document',
    tag: 'meta',
    access: 'public',
    responses: { 200: { description: 'OpenAPI 3.1', schema: { type: 'object' } } },
    handle({ deps, res }) {
      if (built?.routes !== deps.routes) built = { routes: deps.routes, doc: buildOpenApi(deps.routes) };
      res.json(built.doc);
    },
  },
]);
