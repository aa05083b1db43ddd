import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { errorCode, isUnauthorized } from './errors';

/** Prefix of the `auth.me` query key as @trpc/tanstack-react-query builds it. */
export const ME_KEY_PREFIX = [['auth', 'me']] as const;

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { /** Set on the login mutation: its UNAUTHORIZED means a wrong password, not an expired session. */ expectUnauthorized?: boolean };
  }
}

/**
 * UNAUTHORIZED from any call means the session ended (idle timeout, logout elsewhere, password
 * change): re-ask `auth.me`, whose failure makes the router show the login page.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError(error, query) {
        if (isUnauthorized(error) && !isMeKey(query.queryKey)) void client.invalidateQueries({ queryKey: ME_KEY_PREFIX });
      },
    }),
    mutationCache: new MutationCache({
      onError(error, _vars, _ctx, mutation) {
        if (isUnauthorized(error) && !mutation.meta?.expectUnauthorized) void client.invalidateQueries({ queryKey: ME_KEY_PREFIX });
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retrying cannot fix an authorization or input error; it only delays the message.
        retry: (failures, error) => errorCode(error) === undefined && failures < 2,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

function isMeKey(key: readonly unknown[]): boolean {
  const head = key[0];
  return Array.isArray(head) && head[0] === 'auth' && head[1] === 'me';
}
