/**
 * What the applicant is told, and the outbox seen from the application: the signed-in user's
 * notifications (their own only) with the unread count the header shows; an application's
 * deliveries (e-mails, paper copies) for whoever may see it; and the region's paper copies still to
 * send, which its staff mark done.
 */
import { errors } from '../openapi/schemas.ts';
import { APPLICATION, REGION } from './params.ts';
import { defineRoutes } from './types.ts';

const notificationSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    applicationId: { type: 'string' },
    number: { type: 'string', description: 'The application number' },
    title: { type: 'string' },
    text: { type: 'string' },
    documentIds: { type: 'array', items: { type: 'string' }, description: 'Documents it delivers (GET /api/documents/{id})' },
    createdAt: { type: 'string', format: 'date-time' },
    read: { type: 'boolean' },
  },
};
const deliverySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    applicationId: { type: 'string' },
    number: { type: 'string' },
    channel: { enum: ['email', 'paper'] },
    to: { type: ['string', 'null'], description: 'The e-mail address, or the postal address of a paper copy (null: handed over in person)' },
    subject: { type: 'string' },
    text: { type: 'string' },
    documentIds: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string', format: 'date-time' },
    status: { enum: ['pending', 'sent', 'done', 'failed'] },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: 'string', format: 'date-time' },
    lastError: { type: ['string', 'null'] },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
    finishedBy: { type: ['string', 'null'] },
  },
};

/** What a client sees of a notification (not whose it is: always the caller's). */
function shown(n: { id: string; applicationId: string; number: string; title: string; text: string; documentIds: readonly string[]; createdAt: string; read: boolean }) {
  const { id, applicationId, number, title, text, documentIds, createdAt, read } = n;
  return { id, applicationId, number, title, text, documentIds, createdAt, read };
}

export const notificationRoutes = defineRoutes([
  {
    method: 'get',
    path: '/notifications',
    operationId: 'listNotifications',
    summary: "The caller's notifications, newest first, with the number unread",
    tag: 'notifications',
    access: 'user',
    query: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } } },
    responses: {
      200: {
        description: 'The notifications',
        schema: { type: 'object', properties: { unread: { type: 'integer' }, items: { type: 'array', items: notificationSchema } } },
      },
      ...errors(400, 401),
    },
    async handle({ deps, res, actor, query }) {
      const { items, unread } = await deps.engine.notifications(actor!, query.limit as number);
      res.setHeader('Cache-Control', 'private, no-store');
      res.json({ unread, items: items.map(shown) });
    },
  },
  {
    method: 'post',
    path: '/notifications/read',
    operationId: 'markNotificationsRead',
    summary: "Mark the caller's notifications read: the ones named, or all",
    tag: 'notifications',
    access: 'user',
    body: {
      type: 'object',
      additionalProperties: false,
      properties: { ids: { type: 'array', maxItems: 500, items: { type: 'string', maxLength: 100 } }, all: { const: true } },
    },
    responses: { 204: { description: 'Marked' }, ...errors(400, 401, 413, 415) },
    async handle({ deps, res, actor, body }) {
      const b = body as { ids?: string[]; all?: true };
      await deps.engine.markNotificationsRead(actor!, b.all ? 'all' : (b.ids ?? []));
      res.status(204).end();
    },
  },
  {
    method: 'get',
    path: '/applications/:id/deliveries',
    operationId: 'applicationDeliveries',
    summary: "An application's e-mails and paper copies with where each stands (for whoever may see the application)",
    tag: 'notifications',
    access: 'user',
    params: APPLICATION,
    responses: { 200: { description: 'The deliveries, oldest first', schema: { type: 'object', properties: { items: { type: 'array', items: deliverySchema } } } }, ...errors(401, 404) },
    async handle({ deps, res, actor, params }) {
      res.setHeader('Cache-Control', 'private, no-store');
      res.json({ items: await deps.engine.deliveries(params.id, actor!) });
    },
  },
  {
    method: 'post',
    path: '/applications/:id/deliveries/:delivery/done',
    operationId: 'completePaperDelivery',
    summary: 'Record that a paper copy was sent or handed over (staff of the region)',
    tag: 'notifications',
    access: 'user',
    params: { ...APPLICATION, delivery: 'Delivery id' },
    responses: { 200: { description: 'The delivery, done', schema: deliverySchema }, ...errors(401, 403, 404, 409) },
    async handle({ deps, res, actor, params }) {
      res.json(await deps.engine.completePaperDelivery(params.id, params.delivery, actor!));
    },
  },
  {
    method: 'get',
    path: '/regions/:region/paper-deliveries',
    operationId: 'paperDeliveries',
    summary: "The region's paper copies still to send or hand over",
    tag: 'staff',
    access: 'staff',
    params: REGION,
    responses: { 200: { description: 'Oldest first', schema: { type: 'object', properties: { items: { type: 'array', items: deliverySchema } } } }, ...errors(401, 403, 404) },
    async handle({ deps, res, actor, region }) {
      res.setHeader('Cache-Control', 'private, no-store');
      res.json({ items: await deps.engine.paperTasks(region!.id, actor!) });
    },
  },
]);
