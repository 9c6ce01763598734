/**
 * Lists of applications in the store's order (overdue first, then by step due date): the staff inbox
 * of a region, and an applicant's own applications there.
 */
import { applicationRead, recordReads } from '../audit/recordReads.ts';
import { todayIn } from '../http/today.ts';
import { errors, ref } from '../openapi/schemas.ts';
import { presentView } from '../present/applicationView.ts';
import { REGION } from './params.ts';
import { defineRoutes } from './types.ts';

const pageQuery = {
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  offset: { type: 'integer', minimum: 0, default: 0 },
} as const;

export const inboxRoutes = defineRoutes([
  {
    method: 'get',
    path: '/regions/:region/inbox',
    operationId: 'inbox',
    summary: "The region's applications for its staff, overdue first, then by due date",
    tag: 'staff',
    access: 'staff',
    params: REGION,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        state: { type: 'string', maxLength: 64, description: 'Only applications in this state' },
        service: { type: 'string', maxLength: 64, description: 'Only applications of this service' },
        overdue: { type: 'boolean', description: 'true: only applications whose current step is overdue today' },
        final: { type: 'boolean', description: 'true: only finished applications; false: only those in progress' },
        ...pageQuery,
      },
    },
    responses: { 200: { description: 'A page of applications', schema: ref('ApplicationPage') }, ...errors(400, 401, 403, 404) },
    async handle({ deps, req, res, user, actor, region, query }) {
      const q = query as { state?: string; service?: string; overdue?: boolean; final?: boolean; limit: number; offset: number };
      const page = await deps.engine.inbox(actor!, {
        region: region!.id,
        ...(q.state ? { state: q.state } : {}),
        ...(q.service ? { service: q.service } : {}),
        ...(q.final !== undefined ? { final: q.final } : {}),
        ...(q.overdue ? { overdueOn: todayIn(region!.region.timezone, deps.clock.now()) } : {}),
        limit: q.limit,
        offset: q.offset,
      });
      // The page carries each application whole (the form data included): each is a read.
      await recordReads(deps, req, user!, 'inbox', page.items.map((v) => applicationRead(v.application)));
      res.setHeader('Cache-Control', 'private, no-store');
      res.json({ items: page.items.map(presentView), total: page.total, limit: q.limit, offset: q.offset });
    },
  },
  {
    method: 'get',
    path: '/regions/:region/my-applications',
    operationId: 'myApplications',
    summary: "The caller's own applications in the region",
    tag: 'applications',
    access: 'applicant',
    params: REGION,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { final: { type: 'boolean', description: 'true: only finished; false: only in progress' }, ...pageQuery },
    },
    responses: { 200: { description: 'A page of applications', schema: ref('ApplicationPage') }, ...errors(400, 401, 403, 404) },
    async handle({ deps, req, res, user, actor, region, query }) {
      const q = query as { final?: boolean; limit: number; offset: number };
      // applicantId is set here too, so a user who is also staff still gets only their own filings.
      const page = await deps.engine.inbox(actor!, {
        region: region!.id,
        applicantId: actor!.userId,
        ...(q.final !== undefined ? { final: q.final } : {}),
        limit: q.limit,
        offset: q.offset,
      });
      await recordReads(deps, req, user!, 'myApplications', page.items.map((v) => applicationRead(v.application)));
      res.setHeader('Cache-Control', 'private, no-store');
      res.json({ items: page.items.map(presentView), total: page.total, limit: q.limit, offset: q.offset });
    },
  },
]);
