import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useT } from '../../i18n';
import { downloadFile } from '../../shared/download';
import type { LedgerInput } from './LedgerTable';

/** Downloads the ledger as .xlsx with exactly the filters on screen (all rows, not one page). */
export function ExportButton({ input }: { input: LedgerInput }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    const key = 'ledger-export';
    void message.loading({ key, content: t('ledger.exporting'), duration: 0 });
    try {
      const url = `/api/items/export.xlsx?input=${encodeURIComponent(JSON.stringify(input))}`;
      const name = await downloadFile(url, `整改台账-${dayjs().format('YYYYMMDD')}.xlsx`, t('common.networkError'));
      void message.success({ key, content: t('ledger.exported', { name }) });
    } catch (e) {
      void message.error({ key, content: e instanceof Error ? e.message : t('common.networkError') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void onClick()}>
      {t('ledger.export')}
    </Button>
  );
}
