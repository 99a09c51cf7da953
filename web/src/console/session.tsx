// The signed-in operator. The session is an HttpOnly cookie the page never sees (api/client.ts);
// the operator's email, role and permissions are kept for this tab (sessionStorage) for the shell,
// and the API checks the session on every call. When a call answers 401 (the session ended or was
// revoked), the console forgets the operator and sends them to sign in again, then back to where
// they were. Signing out ends the session on the server, which also clears the cookie. A tab with
// no profile (a new tab) asks the API whether the browser's cookie is an operator's session
// (GET /v1/operator/session) before it sends anyone to sign in.

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { api, ApiFailure, type RequestOptions } from '../api/client.js';
import { Loading } from '../ui/components.js';
import type { Permission } from './permissions.js';
import type { Operator, OperatorSignIn } from './types.js';

const profileKey = 'zhifu.operator.profile';
const expiredListeners = new Set<() => void>();

/** Calls the API as the signed-in operator; a 401 ends the console's session. */
export async function consoleApi<T>(method: 'GET' | 'POST' | 'DELETE', path: string, options: Omit<RequestOptions, 'operator'> = {}): Promise<T> {
  try {
    return await api<T>(method, path, { ...options, operator: readProfile()?.id ?? true });
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) for (const listener of expiredListeners) listener();
    throw error;
  }
}

function readProfile(): Operator | undefined {
  try {
    const profile = JSON.parse(sessionStorage.getItem(profileKey) ?? 'null') as Operator | null;
    // A profile saved before sign-in answers listed permissions: sign in again.
    return profile !== null && Array.isArray(profile.permissions) ? profile : undefined;
  } catch {
    return undefined;
  }
}

function forget(): void {
  sessionStorage.removeItem(profileKey);
}

interface SessionStatus {
  readonly signed_in: boolean;
  readonly operator: Operator | null;
}

interface ConsoleSession {
  readonly operator: Operator | undefined;
  /** Whether the tab is still asking the API for the browser's session. */
  readonly checking: boolean;
  /** Whether the last session ended by itself (shown on the sign-in page). */
  readonly expired: boolean;
  readonly signIn: (session: OperatorSignIn) => void;
  readonly signOut: () => void;
}

const SessionContext = createContext<ConsoleSession | undefined>(undefined);

export function ConsoleSessionProvider({ children }: { readonly children: ReactNode }) {
  const [operator, setOperator] = useState<Operator | undefined>(readProfile);
  const [checking, setChecking] = useState(operator === undefined);
  const [expired, setExpired] = useState(false);
  useEffect(() => {
    if (!checking) return;
    const controller = new AbortController();
    api<SessionStatus>('GET', '/v1/operator/session', { operator: true, signal: controller.signal }).then(
      (status) => {
        if (status.operator !== null) {
          sessionStorage.setItem(profileKey, JSON.stringify(status.operator));
          setOperator(status.operator);
        }
        setChecking(false);
      },
      () => !controller.signal.aborted && setChecking(false),
    );
    return () => controller.abort();
  }, [checking]);
  useEffect(() => {
    const listener = () => {
      forget();
      setOperator(undefined);
      setExpired(true);
    };
    expiredListeners.add(listener);
    return () => void expiredListeners.delete(listener);
  }, []);
  const signIn = useCallback((session: OperatorSignIn) => {
    // A check of the browser's session still running would answer about the session this one replaced.
    setChecking(false);
    sessionStorage.setItem(profileKey, JSON.stringify(session.operator));
    setOperator(session.operator);
    setExpired(false);
  }, []);
  const signOut = useCallback(() => {
    // The session ends on the server too; the console forgets it whatever the answer.
    void api('DELETE', '/v1/sessions/current', { operator: readProfile()?.id ?? true }).catch(() => undefined);
    forget();
    setChecking(false);
    setOperator(undefined);
    setExpired(false);
  }, []);
  const value = useMemo(() => ({ operator, checking, expired, signIn, signOut }), [operator, checking, expired, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useConsoleSession(): ConsoleSession {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useConsoleSession outside ConsoleSessionProvider');
  return session;
}

/** The signed-in operator, and what their role allows. */
export function useOperator(): { readonly operator: Operator; readonly may: (permission: Permission) => boolean } {
  const { operator } = useConsoleSession();
  if (operator === undefined) throw new Error('useOperator outside RequireOperator');
  return { operator, may: (permission) => operator.permissions.includes(permission) };
}

/** Renders its children for a signed-in operator; otherwise sends them to sign in, and back after. */
export function RequireOperator({ children }: { readonly children: ReactNode }) {
  const { operator, checking, expired } = useConsoleSession();
  const location = useLocation();
  if (operator === undefined && checking) return <Loading />;
  if (operator === undefined) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/console/signin?next=${next}${expired ? '&expired=1' : ''}`} replace />;
  }
  return children;
}
