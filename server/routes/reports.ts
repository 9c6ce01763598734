/** The region's reports (roles marked `reports: true` in roles.yaml): computed by the engine from the store. */
import { errors, ref } from '../openapi/schemas.ts';
import { REGION } from './params.ts';
import { defineRoutes } from './types.ts';

export const reportRoutes = defineRoutes([
  {
    method: 'get',
    path: '/regions/:region/reports',
    operationId: 'reports',
    summary: 'Open and overdue cases by step and holder, time spent in each step against its limit, filings and decisions per month',
    tag: 'staff',
    access: 'user',
    params: REGION,
    responses: { 200: { description: 'The reports', schema: ref('Reports') }, ...errors(401, 403, 404) },
    async handle({ deps, res, actor, region }) {
      res.setHeader('Cache-Control', 'private, no-store');
      res.json(await deps.engine.reports(actor!, region!.id));
    },
  },
]);
