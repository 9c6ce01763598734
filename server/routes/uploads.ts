/**
 * Attachments as files: a file is uploaded on its own for one file field (a multipart body, streamed
 * into the store and checked against the field's limits as it arrives), and a filed form refers to it
 * by id. An applicant uploads for a field of the service's application form; an officer for a field of
 * the task form of an action they may take now. A file is read back by its uploader, and once filed,
 * by whoever may see its application; to anyone else it is a 404, like an application.
 */
import type { Request } from 'express';
import { recordReads } from '../audit/recordReads.ts';
import type { AppDeps } from '../context.ts';
import type { UploadRecord, UploadTarget } from '../../engine/api.ts';
import { errors } from '../openapi/schemas.ts';
import { receiveUpload } from '../uploads/receiveUpload.ts';
import { APPLICATION, SERVICE } from './params.ts';
import { defineRoutes, type JsonSchema } from './types.ts';

const uploadSchema = {
  type: 'object',
  required: ['id', 'field', 'name', 'type', 'size', 'sha256', 'createdAt'],
  properties: {
    id: { type: 'string', format: 'uuid', description: 'Upload id a form refers to: { "id": ..., "name": ... } in the file field\'s list' },
    field: { type: 'string', description: 'Dotted data path of the file field' },
    name: { type: 'string', description: 'File name as sent' },
    type: { type: 'string', description: 'Media type sniffed from the content' },
    size: { type: 'integer', description: 'Size in bytes' },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content, hex' },
    createdAt: { type: 'string', format: 'date-time' },
  },
};
const fieldParam = { type: 'string', maxLength: 300, pattern: '^[A-Za-z0-9_.*-]+$', description: 'Dotted data path of the file field, e.g. site.plan or staff.employees.0.documents' };
const multipart: JsonSchema = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: 'The file, with its name (the extension must match the content)' } },
};
const limits =
  "The field's limits apply while the body streams: a file over `maxFileSizeMb` (default 20) is refused with 413 naming the field, " +
  "and a file whose content (sniffed from its first bytes) is not one of the field's `formats` or does not match its extension with 422, before the rest is read. " +
  'With CLAMD_ADDRESS set, the file is scanned by clamd as it arrives: 422 when a virus is found, 503 when clamd cannot scan it.';

async function receive(deps: AppDeps, req: Request, target: UploadTarget, owner: string) {
  const record = await receiveUpload(req, { engine: deps.engine, target, owner, now: deps.clock.now(), scanner: deps.scanner });
  return shown(record);
}

function shown(record: UploadRecord) {
  const { id, field, name, type, size, sha256, createdAt } = record;
  return { id, field, name, type, size, sha256, createdAt };
}

export const uploadRoutes = defineRoutes([
  {
    method: 'post',
    path: '/regions/:region/services/:service/uploads',
    operationId: 'uploadAttachment',
    summary: "Upload one file for a file field of the service's application form (multipart, file part `file`)",
    description: limits,
    tag: 'applications',
    access: 'applicant',
    params: SERVICE,
    query: { type: 'object', additionalProperties: false, required: ['field'], properties: { field: fieldParam } },
    multipart,
    responses: { 201: { description: 'The upload as recorded', schema: uploadSchema }, ...errors(400, 401, 403, 404, 413, 415, 422, 503) },
    async handle({ deps, req, res, actor, region, service, query }) {
      const target = await deps.engine.uploadTarget({ region: region!.id, service: service!.id }, query.field as string, actor!);
      const body = await receive(deps, req, target, actor!.userId);
      res.status(201).location(`/api/uploads/${body.id}`).json(body);
    },
  },
  {
    method: 'post',
    path: '/applications/:id/uploads',
    operationId: 'uploadEventAttachment',
    summary: "Upload one file for a file field of the task form of an action the caller may take now on the application (multipart, file part `file`)",
    description: limits,
    tag: 'applications',
    access: 'user',
    params: APPLICATION,
    query: {
      type: 'object',
      additionalProperties: false,
      required: ['event', 'field'],
      properties: { event: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$', description: 'The action (allowedEvents[].event)' }, field: fieldParam },
    },
    multipart,
    responses: { 201: { description: 'The upload as recorded', schema: uploadSchema }, ...errors(400, 401, 403, 404, 413, 415, 422, 503) },
    async handle({ deps, req, res, actor, params, query }) {
      const target = await deps.engine.uploadTarget({ application: params.id, event: query.event as string }, query.field as string, actor!);
      const body = await receive(deps, req, target, actor!.userId);
      res.status(201).location(`/api/uploads/${body.id}`).json(body);
    },
  },
  {
    method: 'get',
    path: '/uploads/:id',
    operationId: 'downloadUpload',
    summary: 'The content of an uploaded file: for its uploader, and once filed, for whoever may see its application',
    tag: 'applications',
    access: 'user',
    params: { id: 'Upload id' },
    responses: { 200: { description: 'The file, with its sniffed media type' }, ...errors(401, 404) },
    async handle({ deps, req, res, user, actor, params }) {
      const { record, content } = await deps.engine.upload(params.id, actor!);
      // Into the read audit before a byte goes out: who opened which attachment, and when.
      await recordReads(deps, req, user!, 'downloadUpload', [{ kind: 'attachment', id: record.id, region: record.region, applicationId: record.applicationId }]).catch(
        (error: unknown) => {
          content.destroy();
          throw error;
        },
      );
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('Content-Type', record.type);
      res.setHeader('Content-Length', String(record.size));
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(record.name)}`);
      res.setHeader('Digest', `sha-256=${Buffer.from(record.sha256, 'hex').toString('base64')}`);
      // A file is never rendered by the browser as a page of this site.
      res.setHeader('X-Content-Type-Options', 'nosniff');
      content.on('error', (error) => res.destroy(error));
      content.pipe(res);
    },
  },
]);
