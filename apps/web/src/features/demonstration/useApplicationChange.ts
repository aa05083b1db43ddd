import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc';
import { errorCode, errorMessage } from '../../app/errors';
import { useT } from '../../i18n';

/** After a change to an application: refresh it and the boards; a stale version reloads and says so. */
export function useApplicationChange(applicationId: number) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.demonstration.applications.get.queryKey({ id: applicationId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.demonstration.applications.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.demonstration.campaigns.pathKey() }),
    ]);
  return async function run(change: () => Promise<unknown>, success: string | null): Promise<boolean> {
    try {
      await change();
      if (success) void message.success(success);
      await refresh();
      return true;
    } catch (e) {
      if (errorCode(e) === 'CONFLICT') {
        void message.warning(t('item.conflict'));
        await refresh();
      } else void message.error(errorMessage(e, t('common.networkError')));
      return false;
    }
  };
}
