/**
 * Turns one RouteDef into its express middleware chain:
 * authenticate -> resolve :region / :service -> access check -> parse JSON (415/413/400) -> check query
 * and body against the route's schemas -> handler. Authentication and access come before the body is
 * read, so an anonymous client cannot make the server parse a megabyte for nothing.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RegionConfig } from '../../engine/api.ts';
import type { ServiceFile } from '../../config/types/generated.ts';
import { actorOf, mayApply, mayReadAudit, mayUseInbox } from '../auth/access.ts';
import type { TokenClaims } from '../auth/tokens.ts';
import { checkSession } from '../auth/sessionCheck.ts';
import type { User } from '../auth/users.ts';
import type { AppDeps } from '../context.ts';
import type { RouteDef } from '../routes/types.ts';
import { HttpError } from './HttpError.ts';
import { jsonBody } from './jsonBody.ts';
import { compileChecker } from './validate.ts';

interface Resolved {
  user: User | null;
  session: TokenClaims | null;
  region: RegionConfig | null;
  service: ServiceFile | null;
}

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;

/**
 * The signed-in user and their session, or null without a token. Every request checks the token's
 * signature and expiry, that its user still exists, that the user's token version has not moved on
 * (password change, revocation) and that its session was not ended (logout): all in memory (auth/sessionCheck.ts).
 */
async function authenticate(deps: AppDeps, req: Request): Promise<{ user: User; session: TokenClaims } | null> {
  const header = req.headers.authorization;
  if (header === undefined) return null;
  const match = BEARER.exec(header);
  if (!match) throw unauthorized('Заголовок Authorization должен иметь вид "Bearer <токен>"', 'invalid_request');
  const session = await deps.tokens.verify(match[1]);
  if (!session) throw unauthorized('Токен недействителен или истёк; войдите снова', 'invalid_token');
  const check = checkSession(deps, session);
  if ('ended' in check) throw unauthorized(check.ended, 'invalid_token');
  return { user: check.user, session };
}

function unauthorized(message: string, error?: string): HttpError {
  const challenge = error ? `Bearer realm="reglament", error="${error}"` : 'Bearer realm="reglament"';
  return new HttpError(401, message, { headers: { 'WWW-Authenticate': challenge } });
}

function resolvePath(deps: AppDeps, params: Record<string, string>): Pick<Resolved, 'region' | 'service'> {
  if (params.region === undefined) return { region: null, service: null };
  const region = deps.engine.region(params.region);
  if (!region) throw new HttpError(404, `Регион ${params.region} не найден`);
  if (params.service === undefined) return { region, service: null };
  const service = region.region.services.includes(params.service) ? region.services[params.service] : undefined;
  if (!service) throw new HttpError(404, `Услуга ${params.service} не найдена в регионе ${region.id}`);
  return { region, service };
}

function checkAccess(route: RouteDef, { user, region, service }: Resolved): void {
  if (route.access === 'public') return;
  if (!user) throw unauthorized('Требуется вход: передайте заголовок Authorization: Bearer <токен> (POST /api/auth/login)');
  if (route.access === 'applicant' && region && !mayApply(user, region, service?.id)) {
    throw new HttpError(403, `Подать это заявление в регионе ${region.id} может только пользователь с ролью заявителя этого региона`);
  }
  if (route.access === 'staff' && region && !mayUseInbox(user, region)) {
    throw new HttpError(403, `Нет доступа к заявлениям региона ${region.id}`);
  }
  if (route.access === 'auditor' && region && !mayReadAudit(user, region)) {
    throw new HttpError(403, `Журнал просмотров региона ${region.id} читает только роль, которой регламент поручает контроль (roles.yaml: audit: true)`);
  }
}

export function routeHandlers(deps: AppDeps, route: RouteDef): RequestHandler[] {
  const checkQuery = route.query ? compileChecker(route.query, 'query') : null;
  const checkBody = route.body ? compileChecker(route.body, 'body') : null;

  const guard = async (req: Request, res: Response, next: NextFunction) => {
    const signedIn = await authenticate(deps, req);
    const resolved: Resolved = { user: signedIn?.user ?? null, session: signedIn?.session ?? null, ...resolvePath(deps, req.params as Record<string, string>) };
    checkAccess(route, resolved);
    res.locals.resolved = resolved;
    next();
  };

  const handle = async (req: Request, res: Response) => {
    const resolved = res.locals.resolved as Resolved;
    await route.handle({
      deps,
      req,
      res,
      user: resolved.user,
      session: resolved.session,
      actor: resolved.user ? actorOf(resolved.user) : null,
      params: req.params as Record<string, string>,
      region: resolved.region,
      service: resolved.service,
      query: checkQuery ? (checkQuery(req.query) as Record<string, unknown>) : {},
      body: checkBody ? checkBody(req.body) : undefined,
    });
  };

  return route.body ? [guard, jsonBody(), handle] : [guard, handle];
}
