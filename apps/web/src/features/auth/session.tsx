import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { AbilityProvider } from '@casl/react';
import { abilityFromRules } from '@fz/domain';
import type { AppRule } from '@fz/domain';
import { Navigate, useLocation } from 'react-router';
import { useTRPC } from '../../app/trpc';
import type { Me } from '../../app/trpc';
import { isUnauthorized } from '../../app/errors';
import { FullPageError, FullPageSpin } from '../../shared/FullPage';
import { ForcedChangePassword } from './ForcedChangePassword';

const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside <RequireAuth>. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside RequireAuth');
  return me;
}

export function useMeQuery() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { retry: false, staleTime: 5 * 60_000 }));
}

/** After login: drop whatever the previous session cached, then remember the new user. */
export function useStartSession(): (me: Me) => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (me) => {
    queryClient.removeQueries();
    queryClient.setQueryData(trpc.auth.me.queryKey(), me);
  };
}

/**
 * The rules are CASL raw rules built by `rulesFor` on the server and sent as JSON unchanged.
 * tRPC's JSON-inferred type turns `undefined` inside Mongo operators into `null`, which no rule
 * ever contains, so the cast restores the declared type.
 */
function rulesOf(me: Me | undefined): AppRule[] {
  return (me?.rules ?? []) as AppRule[];
}

export interface LoginLocationState {
  from?: string;
  reason?: 'expired' | 'loggedOut';
}

/**
 * Renders its children only for a signed-in user with a current password, providing the user
 * and their CASL ability. Everyone else goes to the login page.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMeQuery();
  const location = useLocation();
  const ability = useMemo(() => abilityFromRules(rulesOf(me.data)), [me.data]);

  if (me.error && isUnauthorized(me.error)) {
    const state: LoginLocationState = { from: location.pathname + location.search, reason: me.data ? 'expired' : undefined };
    return <Navigate to="/login" replace state={state} />;
  }
  if (me.isPending) return <FullPageSpin />;
  if (!me.data) return <FullPageError error={me.error} onRetry={() => void me.refetch()} />;

  return (
    <MeContext.Provider value={me.data}>
      <AbilityProvider value={ability}>{me.data.user.mustChangePassword ? <ForcedChangePassword /> : children}</AbilityProvider>
    </MeContext.Provider>
  );
}
