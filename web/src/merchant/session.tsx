// The signed-in member and the merchant they act for. GET /v1/sessions/current says whether someone
// is signed in (without a session the dashboard sends them to the wallet's sign-in page and back);
// GET /v1/me/merchants lists their merchants with role and balance. The choice of merchant is
// remembered in this browser; with one merchant there is nothing to choose.

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { api, type List } from '../api/client.js';
import type { User } from '../api/types.js';
import { ErrorState, Loading } from '../ui/components.js';
import { allows, type Permission } from './roles.js';
import type { Membership } from './types.js';

const choiceKey = 'zhifu.merchant';

export interface MerchantSession {
  readonly user: User;
  readonly memberships: readonly Membership[];
  readonly membership: Membership;
  readonly can: (permission: Permission) => boolean;
  /** Acts for another merchant (undefined: shows the choice again). */
  readonly choose: (merchantId: string | undefined) => void;
  /** Reads the merchants (roles and balances) again, after money moved or the team changed. */
  readonly refresh: () => Promise<void>;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<MerchantSession | undefined>(undefined);

export function useMerchantSession(): MerchantSession {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useMerchantSession outside RequireMerchant');
  return session;
}

function savedChoice(): string | null {
  return localStorage.getItem(choiceKey);
}

interface Loaded {
  readonly user: User;
  readonly memberships: Membership[];
}

export interface NoChoice {
  readonly user: User;
  readonly memberships: readonly Membership[];
  readonly choose: (merchantId: string) => void;
  readonly reload: () => Promise<void>;
  readonly signOut: () => Promise<void>;
}

/**
 * Renders `children` for a signed-in member acting for a merchant; `chooser` when there is no
 * merchant to act for yet (none, or several and no choice remembered).
 */
export function RequireMerchant({ children, chooser }: { readonly children: ReactNode; readonly chooser: (state: NoChoice) => ReactNode }) {
  const location = useLocation();
  const [state, setState] = useState<{ loaded?: Loaded; error?: unknown; signedOut?: boolean }>({});
  const [chosen, setChosen] = useState<string | null>(savedChoice);

  const load = useCallback(async () => {
    try {
      const status = await api<{ signed_in: boolean; user: User | null }>('GET', '/v1/sessions/current');
      if (!status.signed_in || status.user === null) {
        setState({ signedOut: true });
        return;
      }
      const page = await api<List<Membership>>('GET', '/v1/me/merchants', { query: { limit: 100 } });
      setState({ loaded: { user: status.user, memberships: page.data } });
    } catch (error) {
      setState((previous) => ({ ...previous, error }));
    }
  }, []);
  useEffect(() => void load(), [load]);

  const choose = useCallback((merchantId: string | undefined) => {
    if (merchantId === undefined) localStorage.removeItem(choiceKey);
    else localStorage.setItem(choiceKey, merchantId);
    setChosen(merchantId ?? null);
  }, []);
  const signOut = useCallback(async () => {
    await api('DELETE', '/v1/sessions/current').catch(() => undefined);
    setState({ signedOut: true });
  }, []);

  if (state.signedOut === true) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (state.loaded === undefined) return state.error === undefined ? <Loading /> : <ErrorState error={state.error} onRetry={() => void load()} />;
  const { user, memberships } = state.loaded;
  const membership = memberships.find((candidate) => candidate.id === chosen) ?? (memberships.length === 1 ? memberships[0] : undefined);
  if (membership === undefined) return chooser({ user, memberships, choose, reload: load, signOut });
  const session: MerchantSession = { user, memberships, membership, can: (permission) => allows(membership.role, permission), choose, refresh: load, signOut };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
