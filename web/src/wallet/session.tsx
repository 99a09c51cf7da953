// The signed-in consumer: GET /v1/sessions/current says whether there is one (a plain 200 either
// way), then GET /v1/me, loaded once and reloaded after anything that moves money.
// Without a session (401) the wallet sends the person to sign in, and back afterwards.

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { api, ApiFailure } from '../api/client.js';
import type { Me } from '../api/types.js';
import { ErrorState, Loading } from '../ui/components.js';

interface WalletSession {
  readonly me: Me;
  /** Reads the user and balance again. */
  readonly refresh: () => Promise<void>;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<WalletSession | undefined>(undefined);

export function useWalletSession(): WalletSession {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useWalletSession outside RequireSession');
  return session;
}

/** Renders its children for a signed-in user; otherwise sends them to /signin?next=… */
export function RequireSession({ children }: { readonly children: ReactNode }) {
  const location = useLocation();
  const [state, setState] = useState<{ me?: Me; error?: unknown; signedOut?: boolean }>({});
  const load = useCallback(async () => {
    try {
      const status = await api<{ signed_in: boolean }>('GET', '/v1/sessions/current');
      if (!status.signed_in) {
        setState({ signedOut: true });
        return;
      }
      setState({ me: await api<Me>('GET', '/v1/me') });
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 401) setState({ signedOut: true });
      else setState({ error });
    }
  }, []);
  useEffect(() => void load(), [load]);
  const signOut = useCallback(async () => {
    await api('DELETE', '/v1/sessions/current').catch(() => undefined);
    setState({ signedOut: true });
  }, []);
  if (state.signedOut === true) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (state.error !== undefined) return <ErrorState error={state.error} onRetry={() => void load()} />;
  if (state.me === undefined) return <Loading />;
  return <SessionContext.Provider value={{ me: state.me, refresh: load, signOut }}>{children}</SessionContext.Provider>;
}
