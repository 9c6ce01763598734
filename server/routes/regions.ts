/** The public catalogue: regions, their services with fee and deadline summaries. */
import { todayIn } from '../http/today.ts';
import { errors } from '../openapi/schemas.ts';
import { regionDetail, regionListItem } from '../present/regionSummary.ts';
import { REGION } from './params.ts';
import { defineRoutes } from './types.ts';

export const regionRoutes = defineRoutes([
  {
    method: 'get',
    path: '/regions',
    operationId: 'listRegions',
    summary: 'Every region (and platform folder) this server runs, with its services',
    tag: 'catalogue',
    access: 'public',
    responses: { 200: { description: 'The regions', schema: { type: 'object', required: ['regions'], properties: { regions: { type: 'array', items: { type: 'object' } } } } } },
    handle({ deps, res }) {
      res.json({ regions: deps.engine.regions().map(regionListItem) });
    },
  },
  {
    method: 'get',
    path: '/regions/:region',
    operationId: 'getRegion',
    summary: 'A region: authority, roles, registry, and each service with its fee (in force today) and deadline',
    tag: 'catalogue',
    access: 'public',
    params: REGION,
    responses: { 200: { description: 'The region', schema: { type: 'object' } }, ...errors(404) },
    handle({ deps, res, region }) {
      res.json(regionDetail(region!, todayIn(region!.region.timezone, deps.clock.now())));
    },
  },
]);
