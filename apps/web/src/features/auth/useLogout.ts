import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTRPC } from '../../app/trpc';
import type { LoginLocationState } from './session';

/** Ends the session on the server, forgets every cached record, and shows the login page. */
export function useLogout(): () => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      // Even if the server call fails (already expired), the browser side is cleared.
      onSettled() {
        queryClient.clear();
        const state: LoginLocationState = { reason: 'loggedOut' };
        void navigate('/login', { replace: true, state });
      },
    }),
  );
  return () => logout.mutate();
}
