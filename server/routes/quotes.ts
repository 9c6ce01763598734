/** What an applicant is told before submitting: registration date, fee, expected decision date. */
import { errors, ref } from '../openapi/schemas.ts';
import { SERVICE } from './params.ts';
import { defineRoutes } from './types.ts';

export const quoteRoutes = defineRoutes([
  {
    method: 'post',
    path: '/regions/:region/services/:service/quote',
    operationId: 'quote',
    summary: 'Fee, registration date and expected decision date for a (draft) submission received now',
    tag: 'applications',
    access: 'public',
    params: SERVICE,
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['submission'],
      properties: { submission: { type: 'object', description: 'The form data as filled in so far' } },
    },
    responses: { 200: { description: 'The quote', schema: ref('Quote') }, ...errors(400, 404, 413, 415, 422) },
    handle({ deps, res, region, service, body }) {
      const { submission } = body as { submission: Record<string, unknown> };
      res.json(deps.engine.quote(region!.id, service!.id, submission, deps.clock.now()));
    },
  },
]);
