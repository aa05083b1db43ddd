import { useState } from 'react';
import { App, Button, Dropdown, Space } from 'antd';
import { DownOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTRPC } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useT } from '../../i18n';
import { downloadFile } from '../../shared/download';
import { requestKey } from '../../shared/requestKey';
import { ExportsDrawer } from './ExportsDrawer';
import type { LedgerInput } from './LedgerTable';

/**
 * Downloads the ledger as .xlsx with exactly the filters on screen (all rows, not one page); a
 * ledger too large for that goes to 后台导出, whose files wait in 导出记录.
 */
export function ExportButton({ input }: { input: LedgerInput }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const background = useMutation(trpc.ledgerExports.request.mutationOptions());

  const requestBackground = async () => {
    try {
      const filed = await background.mutateAsync({ requestKey: requestKey(), filter: input });
      void message.success(t('exports.filed', { n: filed.totalRows.toLocaleString('zh-CN') }));
      await queryClient.invalidateQueries({ queryKey: trpc.ledgerExports.list.pathKey() });
      setDrawer(true);
    } catch (e) {
      void message.error(errorMessage(e, t('common.networkError')));
    }
  };

  const exportNow = async () => {
    setBusy(true);
    const key = 'ledger-export';
    void message.loading({ key, content: t('ledger.exporting'), duration: 0 });
    try {
      const url = `/api/items/export.xlsx?input=${encodeURIComponent(JSON.stringify(input))}`;
      const name = await downloadFile(url, `整改台账-${dayjs().format('YYYYMMDD')}.xlsx`, t('common.networkError'));
      void message.success({ key, content: t('ledger.exported', { name }) });
    } catch (e) {
      const text = e instanceof Error ? e.message : t('common.networkError');
      message.destroy(key);
      // Too many lines for a direct download: offer the background export with the same filters.
      if (text.includes('后台导出')) modal.confirm({ title: t('exports.tooLargeTitle'), content: text, okText: t('exports.background'), cancelText: t('common.cancel'), onOk: requestBackground });
      else void message.error({ key, content: text });
    } finally {
      setBusy(false);
    }
  };

  const downloadExport = (row: { id: number; fileName: string | null }) =>
    void downloadFile(`/api/ledger-exports/${row.id}/file`, row.fileName ?? '整改台账.xlsx', t('common.networkError')).catch((e: unknown) => void message.error(e instanceof Error ? e.message : t('common.networkError')));

  return (
    <>
      <Space.Compact>
        <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void exportNow()}>
          {t('ledger.export')}
        </Button>
        <Dropdown
          menu={{
            items: [
              { key: 'background', label: t('exports.background'), disabled: background.isPending },
              { key: 'history', label: t('exports.title') },
            ],
            onClick: ({ key }) => (key === 'background' ? void requestBackground() : setDrawer(true)),
          }}
        >
          <Button icon={<DownOutlined />} aria-label={t('exports.more')} />
        </Dropdown>
      </Space.Compact>
      <ExportsDrawer open={drawer} onClose={() => setDrawer(false)} onDownload={downloadExport} />
    </>
  );
}
