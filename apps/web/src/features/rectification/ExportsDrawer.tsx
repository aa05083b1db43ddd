import { Alert, Button, Drawer, Progress, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { LEDGER_EXPORT_STATUS_LABELS } from '@fz/domain';
import type { LedgerExportStatus } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { RouterOutputs } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';

type ExportRow = RouterOutputs['ledgerExports']['list']['items'][number];

const STATUS_COLORS: Record<LedgerExportStatus, string> = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error' };

/** 导出记录: the caller's background exports, polled while one is queued or running, each file downloadable for a week. */
export function ExportsDrawer({ open, onClose, onDownload }: { open: boolean; onClose: () => void; onDownload: (row: ExportRow) => void }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const list = useQuery({
    ...trpc.ledgerExports.list.queryOptions({ limit: 20 }),
    enabled: open,
    refetchInterval: (q) => (q.state.data?.items.some((x) => x.status === 'queued' || x.status === 'running') ? 1500 : false),
  });
  const columns: TableColumnsType<ExportRow> = [
    { title: t('exports.requestedAt'), key: 'at', width: 170, render: (_v, r) => <span className="fz-mono fz-nowrap">{dayjs(r.createdAt).format('YYYY-MM-DD HH:mm')}</span> },
    { title: t('exports.rows'), key: 'rows', width: 90, align: 'right', render: (_v, r) => r.totalRows.toLocaleString('zh-CN') },
    {
      title: t('exports.status'),
      key: 'status',
      render: (_v, r) =>
        r.status === 'running' ? (
          <Progress size="small" percent={r.totalRows ? Math.floor((r.processedRows / r.totalRows) * 100) : 0} format={() => `${r.processedRows}/${r.totalRows}`} />
        ) : (
          <Space direction="vertical" size={2}>
            {/* A written file past its week shows as expired; other states as they are. */}
            {r.expired && r.status === 'succeeded' ? <Tag>{t('exports.expired')}</Tag> : <Tag color={STATUS_COLORS[r.status]}>{enumLabel(LEDGER_EXPORT_STATUS_LABELS, r.status, lang)}</Tag>}
            {r.failure ? <Typography.Text type="danger" className="fz-small">{r.failure}</Typography.Text> : null}
          </Space>
        ),
    },
    {
      title: t('common.actions'),
      key: 'file',
      width: 110,
      render: (_v, r) =>
        r.downloadable ? (
          <Button size="small" icon={<DownloadOutlined />} onClick={() => onDownload(r)}>
            {t('exports.download')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Drawer title={t('exports.title')} open={open} onClose={onClose} width={640} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('exports.hint')}</Typography.Paragraph>
      {list.error ? <Alert type="error" showIcon title={errorMessage(list.error, t('common.networkError'))} /> : null}
      <Table<ExportRow> size="small" rowKey="id" loading={list.isPending} columns={columns} dataSource={list.data?.items ?? []} pagination={false} locale={{ emptyText: t('exports.empty') }} />
    </Drawer>
  );
}
