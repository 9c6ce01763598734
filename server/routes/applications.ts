/**
 * Applications: filing one, reading it, and moving it through its procedure. The engine enforces who
 * may see an application (its applicant, staff of its region: others get 404) and who may send which
 * event (the roles the procedure lists: others get 403); these handlers only pass the caller along.
 */
import type { ApplicationView } from '../../engine/api.ts';
import { applicationRead, recordReads } from '../audit/recordReads.ts';
import { HttpError } from '../http/HttpError.ts';
import { claimOf, keyedWrite, sendStored, withIdempotency } from '../http/idempotency.ts';
import { errors, ref } from '../openapi/schemas.ts';
import { presentView } from '../present/applicationView.ts';
import { withdrawalEvent } from '../procedure/withdrawalEvent.ts';
import { APPLICATION, SERVICE } from './params.ts';
import { conflictWithFreshState } from './conflict.ts';
import { defineRoutes } from './types.ts';

const version = { type: 'integer', minimum: 1, description: 'The application version the caller last saw (optimistic locking)' };
const payload = { type: 'object', description: "Data of the event's task form (allowedEvents[].payloadForm)" };
const viewResponse = { description: 'The application as the caller sees it now', schema: ref('ApplicationView') };
/** The answer to a step, as sent and as kept for its Idempotency-Key. */
const ok = (view: ApplicationView) => ({ status: 200, body: JSON.stringify(presentView(view)) });

export const applicationRoutes = defineRoutes([
  {
    method: 'post',
    path: '/regions/:region/services/:service/applications',
    operationId: 'submitApplication',
    summary: 'File an application: registered at once, with its fee and due dates',
    tag: 'applications',
    access: 'applicant',
    params: SERVICE,
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['submission'],
      properties: {
        submission: { type: 'object', description: 'The application form data (GET .../form)' },
        draft: { type: 'string', maxLength: 100, description: 'The id of the caller’s draft this was filled in as: removed once the application is filed' },
      },
    },
    responses: { 201: viewResponse, ...errors(400, 401, 403, 404, 413, 415, 422) },
    idempotent: true,
    async handle({ deps, req, res, actor, region, service, body }) {
      const { submission, draft } = body as { submission: Record<string, unknown>; draft?: string };
      const claim = claimOf(deps, req, actor!.userId, body);
      const respond = (view: ApplicationView) => ({ status: 201, body: JSON.stringify(presentView(view)), location: `/api/applications/${encodeURIComponent(view.application.id)}` });
      await withIdempotency(deps, res, claim, async () => {
        const view = await deps.engine.startApplication(region!.id, service!.id, submission, actor!, deps.clock.now(), {
          ...keyedWrite(claim, respond),
          ...(draft === undefined ? {} : { draftId: draft }),
        });
        deps.metrics.filed(region!.id, service!.id);
        sendStored(res, respond(view));
      });
    },
  },
  {
    method: 'get',
    path: '/applications/:id',
    operationId: 'getApplication',
    summary: 'An application: state, current step with its due date and overdue flag, history, documents, and the events the caller may send',
    tag: 'applications',
    access: 'user',
    params: APPLICATION,
    responses: { 200: viewResponse, ...errors(401, 404) },
    async handle({ deps, req, res, user, actor, params }) {
      const view = await deps.engine.view(params.id, actor!);
      await recordReads(deps, req, user!, 'getApplication', [applicationRead(view.application)]);
      res.setHeader('Cache-Control', 'private, no-store');
      res.json(presentView(view));
    },
  },
  {
    method: 'post',
    path: '/applications/:id/events',
    operationId: 'sendEvent',
    summary: 'Take a step of the procedure (an event), with its task-form data and the version last seen',
    tag: 'applications',
    access: 'user',
    params: APPLICATION,
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['event', 'version'],
      properties: { event: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$', description: 'Event name from allowedEvents' }, payload, version },
    },
    responses: { 200: viewResponse, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    idempotent: true,
    async handle({ deps, req, res, actor, params, body }) {
      const b = body as { event: string; payload?: unknown; version: number };
      const claim = claimOf(deps, req, actor!.userId, body);
      await withIdempotency(deps, res, claim, async () => {
        const view = await conflictWithFreshState(deps, params.id, actor!, () => deps.engine.send(params.id, b.event, b.payload ?? {}, actor!, b.version, keyedWrite(claim, ok)));
        deps.metrics.stepped(view.application.region, view.application.service, b.event);
        sendStored(res, ok(view));
      });
    },
  },
  {
    method: 'post',
    path: '/applications/:id/withdraw',
    operationId: 'withdrawApplication',
    summary: "Withdraw one's own application: sends the procedure's withdrawal event (a root-level event the applicant may send)",
    tag: 'applications',
    access: 'user',
    params: APPLICATION,
    body: { type: 'object', additionalProperties: false, required: ['version'], properties: { version, payload } },
    responses: { 200: viewResponse, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    idempotent: true,
    async handle({ deps, req, res, actor, params, body }) {
      const b = body as { payload?: unknown; version: number };
      const claim = claimOf(deps, req, actor!.userId, body);
      await withIdempotency(deps, res, claim, async () => {
        // view() also applies the visibility rules: someone else's application is a 404 here.
        const view = await deps.engine.view(params.id, actor!);
        const event = withdrawalEvent(deps.engine.region(view.application.region), view, actor!);
        if (!event) throw new HttpError(403, 'Ваша роль не может отозвать это заявление');
        const after = await deps.engine.send(params.id, event, b.payload ?? {}, actor!, b.version, keyedWrite(claim, ok));
        deps.metrics.stepped(after.application.region, after.application.service, event);
        sendStored(res, ok(after));
      });
    },
  },
]);
