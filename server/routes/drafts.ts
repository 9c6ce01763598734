/**
 * Drafts: an applicant's form saved on the server as they fill it in, so a reload or another device
 * picks it up. A draft is its applicant's alone: to anyone else, staff included, it does not exist
 * (404). Drafts are removed once filed, when discarded, and after DRAFT_RETENTION_DAYS without a change.
 */
import { errors } from '../openapi/schemas.ts';
import { REGION, SERVICE } from './params.ts';
import { defineRoutes } from './types.ts';

const DRAFT = { id: 'Draft id' } as const;
const data = { type: 'object', description: 'The form data as far as it is filled in (not validated until filed)' };
const version = { type: 'integer', minimum: 1, description: 'The draft version last saved (optimistic locking)' };
const draftSchema = {
  type: 'object',
  required: ['id', 'region', 'service', 'data', 'createdAt', 'updatedAt', 'version'],
  properties: {
    id: { type: 'string' },
    region: { type: 'string' },
    service: { type: 'string' },
    data,
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time', description: 'Last change' },
    version: { type: 'integer', description: 'Send it back with the next save' },
  },
};
const summarySchema = {
  type: 'object',
  properties: {
    keptDays: { type: 'integer', description: 'Days a draft is kept after its last change (DRAFT_RETENTION_DAYS)' },
    items: { type: 'array', items: { type: 'object', properties: { id: draftSchema.properties.id, service: draftSchema.properties.service, createdAt: draftSchema.properties.createdAt, updatedAt: draftSchema.properties.updatedAt, version: draftSchema.properties.version } } } },
};

/** What a client sees of a draft: not its applicant id nor the internal list of kept uploads. */
function shown(draft: { id: string; region: string; service: string; data: unknown; createdAt: string; updatedAt: string; version: number }) {
  const { id, region, service, data: d, createdAt, updatedAt, version: v } = draft;
  return { id, region, service, data: d, createdAt, updatedAt, version: v };
}

export const draftRoutes = defineRoutes([
  {
    method: 'get',
    path: '/regions/:region/drafts',
    operationId: 'listDrafts',
    summary: "The caller's drafts in the region, last changed first (without their data)",
    tag: 'drafts',
    access: 'applicant',
    params: REGION,
    responses: { 200: { description: 'The drafts', schema: summarySchema }, ...errors(401, 403, 404) },
    async handle({ deps, res, actor, region }) {
      const drafts = await deps.engine.drafts(region!.id, actor!);
      res.setHeader('Cache-Control', 'private, no-store');
      res.json({ keptDays: deps.draftRetentionDays, items: drafts.map(({ id, service, createdAt, updatedAt, version: v }) => ({ id, service, createdAt, updatedAt, version: v })) });
    },
  },
  {
    method: 'post',
    path: '/regions/:region/services/:service/drafts',
    operationId: 'createDraft',
    summary: 'Start a draft of an application form',
    tag: 'drafts',
    access: 'applicant',
    params: SERVICE,
    body: { type: 'object', additionalProperties: false, required: ['data'], properties: { data } },
    responses: { 201: { description: 'The draft (version 1)', schema: draftSchema }, ...errors(400, 401, 403, 404, 413, 415, 422) },
    async handle({ deps, res, actor, region, service, body }) {
      const draft = await deps.engine.saveDraft(region!.id, service!.id, { data: (body as { data: unknown }).data, version: 0 }, actor!);
      res.status(201).location(`/api/drafts/${draft.id}`).json(shown(draft));
    },
  },
  {
    method: 'get',
    path: '/drafts/:id',
    operationId: 'getDraft',
    summary: 'One of the caller’s drafts, with its data',
    tag: 'drafts',
    access: 'user',
    params: DRAFT,
    responses: { 200: { description: 'The draft', schema: draftSchema }, ...errors(401, 404) },
    async handle({ deps, res, actor, params }) {
      res.setHeader('Cache-Control', 'private, no-store');
      res.json(shown(await deps.engine.draft(params.id, actor!)));
    },
  },
  {
    method: 'put',
    path: '/drafts/:id',
    operationId: 'saveDraft',
    summary: 'Save the form data of one of the caller’s drafts, with the version last saved',
    tag: 'drafts',
    access: 'user',
    params: DRAFT,
    body: { type: 'object', additionalProperties: false, required: ['data', 'version'], properties: { data, version } },
    responses: { 200: { description: 'The draft as saved', schema: draftSchema }, ...errors(400, 401, 404, 409, 413, 415, 422) },
    async handle({ deps, res, actor, params, body }) {
      const b = body as { data: unknown; version: number };
      const earlier = await deps.engine.draft(params.id, actor!);
      res.json(shown(await deps.engine.saveDraft(earlier.region, earlier.service, { id: earlier.id, data: b.data, version: b.version }, actor!)));
    },
  },
  {
    method: 'delete',
    path: '/drafts/:id',
    operationId: 'deleteDraft',
    summary: 'Discard one of the caller’s drafts (uploads it kept are then removed after 24 hours)',
    tag: 'drafts',
    access: 'user',
    params: DRAFT,
    responses: { 204: { description: 'Discarded' }, ...errors(401, 404) },
    async handle({ deps, res, actor, params }) {
      await deps.engine.deleteDraft(params.id, actor!);
      res.status(204).end();
    },
  },
]);
