/**
 * Attachments as files: an applicant uploads one file for one file field of a service's form (a
 * multipart body, streamed into the upload store and checked against the field's limits as it
 * arrives), and reads back what they uploaded. Someone else's upload is a 404, like an application.
 */
import { recordReads } from '../audit/recordReads.ts';
import { HttpError } from '../http/HttpError.ts';
import { errors } from '../openapi/schemas.ts';
import { findFileField } from '../uploads/findFileField.ts';
import { receiveUpload } from '../uploads/receiveUpload.ts';
import { SERVICE } from './params.ts';
import { defineRoutes } from './types.ts';

const uploadSchema = {
  type: 'object',
  required: ['id', 'field', 'name', 'type', 'size', 'sha256', 'createdAt'],
  properties: {
    id: { type: 'string', format: 'uuid', description: 'Upload id a submission refers to' },
    field: { type: 'string', description: 'Dotted data path of the file field' },
    name: { type: 'string', description: 'File name as sent' },
    type: { type: 'string', description: 'Media type sniffed from the content' },
    size: { type: 'integer', description: 'Size in bytes' },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content, hex' },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

export const uploadRoutes = defineRoutes([
  {
    method: 'post',
    path: '/regions/:region/services/:service/uploads',
    operationId: 'uploadAttachment',
    summary: "Upload one attachment for a file field of the service's form (multipart, file part `file`)",
    description:
      'The field\'s limits apply while the body streams: a file over `maxFileSizeMb` (default 20) is refused with 413 naming the field, ' +
      'and a file whose content (sniffed from its first bytes) is not one of the field\'s `formats` or does not match its extension with 422, before the rest is read.',
    tag: 'applications',
    access: 'applicant',
    params: SERVICE,
    query: {
      type: 'object',
      additionalProperties: false,
      required: ['field'],
      properties: { field: { type: 'string', maxLength: 300, pattern: '^[A-Za-z0-9_.*-]+$', description: 'Dotted data path of the file field, e.g. site.plan' } },
    },
    multipart: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'The file, with its name (the extension must match the content)' } },
    },
    responses: { 201: { description: 'The upload as recorded', schema: uploadSchema }, ...errors(400, 401, 403, 404, 413, 415, 422) },
    async handle({ deps, req, res, user, region, service, query }) {
      if (!deps.uploads) throw new HttpError(404, 'Загрузка файлов на этом сервере не настроена');
      const fieldPath = query.field as string;
      const form = region!.forms[service!.form];
      const field = form ? findFileField(form, fieldPath) : null;
      if (!field) throw new HttpError(404, `В форме услуги нет поля-файла ${fieldPath}`);
      const record = await receiveUpload(req, deps.uploads, { owner: user!.login, region: region!.id, service: service!.id, fieldPath, field }, deps.clock.now());
      const { owner: _owner, region: _region, service: _service, ...shown } = record;
      res.status(201).location(`/api/uploads/${record.id}`).json(shown);
    },
  },
  {
    method: 'get',
    path: '/uploads/:id',
    operationId: 'downloadUpload',
    summary: 'The content of an upload, for the user who uploaded it',
    tag: 'applications',
    access: 'user',
    params: { id: 'Upload id' },
    responses: { 200: { description: 'The file, with its sniffed media type' }, ...errors(401, 404) },
    async handle({ deps, req, res, user, params }) {
      const record = deps.uploads ? await deps.uploads.get(params.id) : null;
      if (!record || record.owner !== user!.login) throw new HttpError(404, `Файл ${params.id} не найден`);
      await recordReads(deps, req, user!, 'downloadUpload', [{ kind: 'attachment', id: record.id, region: record.region, applicationId: null }]);
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('Content-Type', record.type);
      res.setHeader('Content-Length', String(record.size));
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(record.name)}`);
      res.setHeader('Digest', `sha-256=${Buffer.from(record.sha256, 'hex').toString('base64')}`);
      deps.uploads!.open(record.id).pipe(res);
    },
  },
]);
