/**
 * Who is signed in: the token from POST /api/auth/login and its user, kept in sessionStorage so a
 * reload keeps the session and closing the tab ends it. The token is checked with /api/auth/me on start.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isApiError } from '../api/ApiError.ts';
import { login, me } from '../api/endpoints.ts';
import type { User } from '../api/types.ts';

interface Session {
  readonly user: User | null;
  readonly token: string | null;
  signIn(loginName: string, password: string): Promise<User>;
  signOut(): void;
}

const STORAGE_KEY = 'reglament.session';

interface Stored {
  readonly token: string;
  readonly user: User;
}

function readStored(): Stored | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<Stored | null>(readStored);

  const save = useCallback((next: Stored | null) => {
    if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(STORAGE_KEY);
    setStored(next);
  }, []);

  const token = stored?.token ?? null;
  useEffect(() => {
    if (!token) return;
    me(token).catch((e: unknown) => {
      if (isApiError(e) && e.status === 401) save(null);
    });
  }, [token, save]);

  const session = useMemo<Session>(
    () => ({
      user: stored?.user ?? null,
      token,
      async signIn(loginName, password) {
        const result = await login(loginName, password);
        save({ token: result.token, user: result.user });
        return result.user;
      },
      signOut: () => save(null),
    }),
    [stored, token, save],
  );

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The current session; components under SessionProvider only. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
