/**
 * Whether a verified token's session still holds: its user still exists, the user's token version has
 * not moved on (password change, revocation by an administrator) and the session was not ended
 * (logout). Asked on every request, and again of every open live stream whenever sessions or users
 * change, so a stream ends with its session. All in memory.
 */
import type { SessionRevocations } from './sessionRevocations.ts';
import type { TokenClaims } from './tokens.ts';
import { tokenVersionOf, type User, type UserDirectory } from './users.ts';

/** The session's user, or why the session is over (a Russian message for the 401). */
export type SessionCheck = { readonly user: User } | { readonly ended: string };

export function checkSession(deps: { readonly users: UserDirectory; readonly sessions: SessionRevocations }, session: TokenClaims): SessionCheck {
  const user = deps.users.find(session.login);
  if (!user) return { ended: 'Пользователь токена больше не существует; войдите снова' };
  if (tokenVersionOf(user) !== session.ver) return { ended: 'Сеанс завершён: пароль изменён или доступ отозван; войдите снова' };
  if (deps.sessions.isRevoked(session.sid)) return { ended: 'Сеанс завершён выходом из системы; войдите снова' };
  return { user };
}
