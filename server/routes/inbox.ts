/**
 * Lists of applications: the staff inbox of a region (rows with what identifies each case and its due
 * dates, a view, filters, search and sort), and an applicant's own applications there.
 */
import { INBOX_SORTS, type InboxRequest } from '../../engine/api.ts';
import { MAX_QUERY_LENGTH } from '../../engine/inbox/searchText.ts';
import { applicationRead, recordReads } from '../audit/recordReads.ts';
import { errors, ref } from '../openapi/schemas.ts';
import { presentView } from '../present/applicationView.ts';
import { REGION } from './params.ts';
import { defineRoutes } from './types.ts';

const pageQuery = {
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  offset: { type: 'integer', minimum: 0, maximum: 100_000, default: 0 },
} as const;

export const inboxRoutes = defineRoutes([
  {
    method: 'get',
    path: '/regions/:region/inbox',
    operationId: 'inbox',
    summary: "The region's cases for its staff: by default the steps the caller's roles act on, overdue first",
    description:
      'Each row is a summary (number, applicant with ИНН/ОГРН, service, step, due dates with overdue flags and working days late, holder, received), never the submission or the history.',
    tag: 'staff',
    access: 'staff',
    params: REGION,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        view: {
          enum: ['role', 'mine', 'all'],
          default: 'role',
          description: 'role: open cases at the steps your roles act on; mine: those you hold («Мои задачи»); all: every case of the region',
        },
        q: { type: 'string', maxLength: MAX_QUERY_LENGTH, description: 'Words to find in the number, applicant name, ИНН/ОГРН or licence number (case- and ё/е-insensitive, part of a word is enough)' },
        sort: { enum: [...INBOX_SORTS], default: 'stepDue', description: 'Column to sort by' },
        dir: { enum: ['asc', 'desc'], default: 'asc' },
        state: { type: 'string', maxLength: 64, description: 'Only applications in this state' },
        service: { type: 'string', maxLength: 64, description: 'Only applications of this service' },
        overdue: { type: 'boolean', description: 'true: only applications whose current step is overdue today' },
        final: { type: 'boolean', description: 'With view=all: true only finished applications, false only those in progress' },
        ...pageQuery,
      },
    },
    responses: { 200: { description: 'A page of inbox rows', schema: ref('InboxPage') }, ...errors(400, 401, 403, 404) },
    async handle({ deps, req, res, user, actor, region, query }) {
      const q = query as { view: InboxRequest['view']; q?: string; sort: InboxRequest['sort']; dir: 'asc' | 'desc'; state?: string; service?: string; overdue?: boolean; final?: boolean; limit: number; offset: number };
      const page = await deps.engine.inboxRows(actor!, {
        region: region!.id,
        view: q.view,
        ...(q.q ? { text: q.q } : {}),
        ...(q.state ? { state: q.state } : {}),
        ...(q.service ? { service: q.service } : {}),
        ...(q.final !== undefined ? { final: q.final } : {}),
        ...(q.overdue ? { overdue: true } : {}),
        sort: q.sort,
        direction: q.dir,
        limit: q.limit,
        offset: q.offset,
      });
      // The read audit: who saw which cases listed, before they are shown.
      await recordReads(deps, req, user!, 'inbox', page.items.map((row) => ({ kind: 'application', id: row.id, region: region!.id, applicationId: row.id })));
      res.setHeader('Cache-Control', 'private, no-store');
      res.json({ items: page.items, total: page.total, totalExact: page.totalExact, limit: q.limit, offset: q.offset });
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
