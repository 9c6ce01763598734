/** Documents the procedure rendered (notices, orders): HTML under a policy that forbids scripts. */
import { recordReads } from '../audit/recordReads.ts';
import { errors } from '../openapi/schemas.ts';
import { sendDocument } from '../http/security.ts';
import { defineRoutes } from './types.ts';

export const documentRoutes = defineRoutes([
  {
    method: 'get',
    path: '/documents/:id',
    operationId: 'getDocument',
    summary: "A rendered document, for the applicant of its application and the staff of its region",
    tag: 'applications',
    access: 'user',
    params: { id: 'Document id (application.documents[].id)' },
    responses: { 200: { description: 'The document', contentType: 'text/html' }, ...errors(401, 404) },
    async handle({ deps, req, res, user, actor, params }) {
      const doc = await deps.engine.document(params.id, actor);
      await recordReads(deps, req, user!, 'getDocument', [{ kind: 'document', id: doc.id, region: doc.region, applicationId: doc.applicationId }]);
      sendDocument(res, doc.html);
    },
  },
]);
