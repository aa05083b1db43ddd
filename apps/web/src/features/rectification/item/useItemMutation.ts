import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../../app/trpc';
import { errorCode, errorMessage } from '../../../app/errors';
import { useT } from '../../../i18n';

/**
 * What every change on the item page does after the server answers: refresh the item, its
 * ledgers and notices; on a stale version (CONFLICT) reload and say so instead of overwriting.
 * Returns true when the change went through.
 */
export function useItemChange(itemId: number) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.items.get.queryKey({ id: itemId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.items.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.inspections.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.notices.pathKey() }),
    ]);

  return async function run(change: () => Promise<unknown>, success: string): Promise<boolean> {
    try {
      await change();
      void message.success(success);
      await refresh();
      return true;
    } catch (e) {
      if (errorCode(e) === 'CONFLICT') {
        void message.warning(t('item.conflict'));
        await refresh();
      } else {
        void message.error(errorMessage(e, t('common.networkError')));
      }
      return false;
    }
  };
}
