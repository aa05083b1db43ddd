import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc';
import type { RouterOutputs } from '../../app/trpc';
import { errorCode, errorMessage } from '../../app/errors';
import { useT } from '../../i18n';

export type ReportDetail = RouterOutputs['annualReports']['get'];

/**
 * Runs a change to a report (save, refresh, an event): the answer replaces the cached report at
 * once (so the next change carries the new version) and the lists refresh; a stale version reloads
 * the report and says so. Resolves to the new report, or null when the change failed.
 */
export function useReportChange(reportId: number) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const key = trpc.annualReports.get.queryKey({ id: reportId });
  return async function run(change: () => Promise<ReportDetail>, success: string | null): Promise<ReportDetail | null> {
    try {
      const next = await change();
      queryClient.setQueryData(key, next);
      if (success) void message.success(success);
      void queryClient.invalidateQueries({ queryKey: trpc.annualReports.list.pathKey() });
      return next;
    } catch (e) {
      if (errorCode(e) === 'CONFLICT') {
        void message.warning(t('ar.conflict'));
        await queryClient.invalidateQueries({ queryKey: key });
      } else void message.error(errorMessage(e, t('common.networkError')));
      return null;
    }
  };
}
