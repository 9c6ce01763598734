/**
 * Work assignment: an officer takes a case, the head hands it back or gives it to another officer. The
 * engine checks the roles (roles.yaml `takesCases`, `assignsCases`) and the version; here the user
 * directory supplies names and checks that an assignee may take cases in the application's region.
 */
import { rolesWhere } from '../../engine/access/rolesWhere.ts';
import type { Assignee } from '../../engine/api.ts';
import { worksIn } from '../auth/access.ts';
import { HttpError } from '../http/HttpError.ts';
import { errors, ref } from '../openapi/schemas.ts';
import { presentView } from '../present/applicationView.ts';
import { APPLICATION, REGION } from './params.ts';
import { defineRoutes } from './types.ts';
import { conflictWithFreshState } from './conflict.ts';

export const assignmentRoutes = defineRoutes([
  {
    method: 'post',
    path: '/applications/:id/assignment',
    operationId: 'assignApplication',
    summary: 'Take a case, hand it back, or assign it to an officer; recorded in the history',
    tag: 'staff',
    access: 'user',
    params: APPLICATION,
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['action', 'version'],
      properties: {
        action: { enum: ['take', 'release', 'assign'], description: 'take: the caller takes the case; release: hand it back; assign: give it to `assignee`' },
        assignee: { type: 'string', minLength: 1, maxLength: 200, description: 'With action "assign": the login of a user who takes cases in the region' },
        version: { type: 'integer', minimum: 1, description: 'The application version the caller last saw (optimistic locking)' },
      },
    },
    responses: { 200: { description: 'The application as the caller sees it now', schema: ref('ApplicationView') }, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    async handle({ deps, req, res, actor, user, params, body }) {
      const b = body as { action: 'take' | 'release' | 'assign'; assignee?: string; version: number };
      let assignee: Assignee | null = null;
      if (b.action === 'take') assignee = { userId: user!.login, name: user!.name };
      if (b.action === 'assign') {
        // The engine's view also applies the visibility rules: another region's application is a 404 here.
        const current = await deps.engine.view(params.id, actor!);
        const region = deps.engine.region(current.application.region)!;
        const takers = rolesWhere(region, (r) => r.takesCases === true);
        const target = b.assignee === undefined ? undefined : deps.users.find(b.assignee);
        if (!target || !worksIn(target, region.id) || !target.roles.some((r) => takers.has(r))) {
          throw new HttpError(422, 'Исполнителем можно назначить только сотрудника региона, который берёт заявления в работу', {
            errors: [{ path: 'assignee', message: 'Нет такого исполнителя в регионе', keyword: 'assignee' }],
          });
        }
        assignee = { userId: target.login, name: target.name };
      }
      const view = await conflictWithFreshState(deps, params.id, actor!, () => deps.engine.assign(params.id, actor!, b.action, assignee, b.version));
      const app = view.application;
      await deps.engine.recordReads([{ at: deps.clock.now().toISOString(), region: app.region, userId: actor!.userId, roles: [...actor!.roles], kind: 'application', id: app.id, applicationId: app.id, action: 'assignApplication', requestId: String(req.id ?? '') }]);
      res.json(presentView(view));
    },
  },
  {
    method: 'get',
    path: '/regions/:region/assignees',
    operationId: 'assignees',
    summary: 'The users of the region who take cases (whom a case can be assigned to)',
    tag: 'staff',
    access: 'staff',
    params: REGION,
    responses: { 200: { description: 'Users by name' }, ...errors(401, 403, 404) },
    async handle({ deps, res, region }) {
      const takers = rolesWhere(region!, (r) => r.takesCases === true);
      const people = deps.users
        .all()
        .filter((u) => worksIn(u, region!.id) && u.roles.some((r) => takers.has(r)))
        .map((u) => ({ userId: u.login, name: u.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
      res.setHeader('Cache-Control', 'private, no-store');
      res.json({ items: people });
    },
  },
]);
