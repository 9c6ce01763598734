/** The read audit of a region: who opened which application, document or attachment, and when. */
import { HttpError } from '../http/HttpError.ts';
import { errors } from '../openapi/schemas.ts';
import { REGION } from './params.ts';
import { defineRoutes } from './types.ts';

/** An ISO 8601 instant with its offset. */
const INSTANT = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$';

const readSchema = {
  type: 'object',
  required: ['at', 'region', 'userId', 'roles', 'kind', 'id', 'applicationId', 'action', 'requestId'],
  properties: {
    at: { type: 'string', format: 'date-time', description: 'When it was opened' },
    region: { type: 'string' },
    userId: { type: 'string', description: 'Who opened it' },
    roles: { type: 'array', items: { type: 'string' }, description: 'The roles they held' },
    kind: { enum: ['application', 'document', 'attachment'] },
    id: { type: 'string', description: 'What was opened' },
    applicationId: { type: ['string', 'null'], description: 'The application it belongs to' },
    action: { type: 'string', description: 'How: the API operation (getApplication, inbox, getDocument, downloadUpload, ...)' },
    requestId: { type: 'string', description: 'The request, as the server log names it' },
  },
};

/** Whether an instant matching INSTANT names a real moment (no 30 February, no 25 o'clock). */
function isRealInstant(text: string): boolean {
  const [y, mo, d, h, mi] = text.slice(0, 16).split(/[-T:]/).map(Number);
  const s = text.length > 16 && text[16] === ':' ? Number(text.slice(17, 19)) : 0;
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h < 24 && mi < 60 && s < 60 && !Number.isNaN(Date.parse(text));
}

export const auditRoutes = defineRoutes([
  {
    method: 'get',
    path: '/regions/:region/audit',
    operationId: 'readAudit',
    summary: 'Who opened which application, document or attachment of the region, and when: newest first',
    tag: 'staff',
    access: 'auditor',
    params: REGION,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        application: { type: 'string', maxLength: 200, description: 'Only reads of this application (and its documents)' },
        user: { type: 'string', maxLength: 200, description: 'Only reads by this user' },
        from: { type: 'string', pattern: INSTANT, description: 'Only reads at or after this instant (ISO 8601 with offset, e.g. 2025-03-03T00:00:00+03:00)' },
        to: { type: 'string', pattern: INSTANT, description: 'Only reads before this instant' },
        limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
        offset: { type: 'integer', minimum: 0, default: 0 },
      },
    },
    responses: {
      200: {
        description: 'A page of reads',
        schema: { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: readSchema }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' } } },
      },
      ...errors(400, 401, 403, 404),
    },
    async handle({ deps, res, actor, region, query }) {
      const q = query as { application?: string; user?: string; from?: string; to?: string; limit: number; offset: number };
      for (const name of ['from', 'to'] as const) {
        if (q[name] !== undefined && !isRealInstant(q[name]!)) {
          const message = `${name}: такой даты и времени нет`;
          throw new HttpError(400, message, { errors: [{ path: name, message, keyword: 'format' }] });
        }
      }
      const page = await deps.engine.reads(actor!, {
        region: region!.id,
        ...(q.application ? { applicationId: q.application } : {}),
        ...(q.user ? { userId: q.user } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        limit: q.limit,
        offset: q.offset,
      });
      res.setHeader('Cache-Control', 'private, no-store');
      res.json({ items: page.items, total: page.total, limit: q.limit, offset: q.offset });
    },
  },
]);
