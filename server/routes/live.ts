/** Live updates of a region's applications (server-sent events), scoped as the inbox and "my applications" are. */
import type { RegionConfig } from '../../engine/api.ts';
import { mayApply, mayUseInbox, worksIn } from '../auth/access.ts';
import { checkSession } from '../auth/sessionCheck.ts';
import type { User } from '../auth/users.ts';
import { HttpError } from '../http/HttpError.ts';
import { errors } from '../openapi/schemas.ts';
import { REGION } from './params.ts';
import { defineRoutes } from './types.ts';

export const liveRoutes = defineRoutes([
  {
    method: 'get',
    path: '/regions/:region/events',
    operationId: 'regionEvents',
    summary: 'A stream (text/event-stream) of changes to the applications the caller may see in the region',
    description:
      'Each change is an `application` event whose data is `{"id": <application id>, "version": <new version>}`; staff get every application of the region, an applicant only their own. The stream ends when the token it was opened with expires, and at once when its session ends (logout, a new password, revocation) or its user loses access to the region. Reconnecting with `Last-Event-ID` replays what was missed, or sends a `reset` event when that is no longer known (reload everything).',
    tag: 'applications',
    access: 'user',
    params: REGION,
    responses: { 200: { description: 'An event stream', contentType: 'text/event-stream' }, ...errors(401, 403, 404) },
    async handle({ deps, req, res, user, session, region }) {
      const staff = mayUseInbox(user!, region!);
      if (!staff && !mayFollowOwn(user!, region!)) throw new HttpError(403, `Нет доступа к заявлениям региона ${region!.id}`);
      await deps.live.ready();
      const last = req.headers['last-event-id'];
      const ttlMs = session!.expiresAtMs - deps.clock.now().getTime();
      const regionId = region!.id;
      // Asked again when sessions or users change: the stream ends with its session, or when its user
      // no longer sees what it was opened to tell (staff: the whole region; an applicant: their own).
      const stillAllowed = () => {
        const check = checkSession(deps, session!);
        const current = deps.engine.region(regionId);
        if ('ended' in check || !current) return false;
        return staff ? mayUseInbox(check.user, current) : mayFollowOwn(check.user, current);
      };
      deps.live.open({ region: regionId, applicantId: staff ? null : user!.login, res, ttlMs, stillAllowed }, typeof last === 'string' && last !== '' ? last.slice(0, 200) : undefined);
    },
  },
]);

/** An applicant of the region follows the applications they filed there. */
const mayFollowOwn = (user: User, region: RegionConfig): boolean => worksIn(user, region.id) && mayApply(user, region);
