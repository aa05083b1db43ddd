import { Button, Card, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ONBOARDING_RUNNING } from '@fz/domain';
import type { OnboardingStatus } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { RouterOutputs } from '../../app/trpc';
import { useLang, useT } from '../../i18n';
import { KeysetTable } from '../../shared/KeysetTable';

type ImportItem = RouterOutputs['onboarding']['list']['items'][number];

export const STATUS_COLOR: Record<OnboardingStatus, string> = { queued: 'default', validating: 'processing', importing: 'processing', succeeded: 'success', failed: 'error' };

/** The imports of a jurisdiction, newest first; refreshed while one of them runs. */
export function ImportHistory({ jurisdictionId, selected, onSelect }: { jurisdictionId: number; selected: number | null; onSelect: (id: number) => void }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.onboarding.list.infiniteQueryOptions(
      { jurisdictionId, limit: 20 },
      {
        getNextPageParam: (last) => last.nextCursor ?? undefined,
        refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((i) => ONBOARDING_RUNNING.includes(i.status))) ? 3_000 : false),
      },
    ),
  );
  const columns: TableColumnsType<ImportItem> = [
    { title: t('onboarding.time'), dataIndex: 'createdAt', width: 150, render: (_v, i) => dayjs(i.createdAt).format('YYYY-MM-DD HH:mm') },
    { title: t('onboarding.file'), dataIndex: 'fileName', ellipsis: true },
    { title: t('onboarding.uploader'), dataIndex: 'uploadedByName', width: 140 },
    { title: t('onboarding.rows'), dataIndex: 'totalRows', width: 90, align: 'right', render: (_v, i) => (i.status === 'queued' ? '—' : i.totalRows.toLocaleString(lang)) },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (_v, i) => <Tag color={STATUS_COLOR[i.status]}>{t(`onboarding.status.${i.status}`)}</Tag> },
    {
      title: t('onboarding.result'),
      key: 'result',
      width: 200,
      render: (_v, i) => (i.status === 'succeeded' ? t('onboarding.created', { units: i.unitsCreated, users: i.usersCreated }) : i.status === 'failed' ? (i.failure ?? t('onboarding.failedRows', { n: i.errorCount })) : ''),
      ellipsis: true,
    },
    {
      title: t('common.actions'),
      key: 'view',
      width: 80,
      render: (_v, i) => (
        <Button type="link" size="small" disabled={i.id === selected} onClick={() => onSelect(i.id)}>
          {t('onboarding.view')}
        </Button>
      ),
    },
  ];
  return (
    <Card title={t('onboarding.history')} size="small">
      <KeysetTable<ImportItem> query={list} columns={columns} emptyText={t('onboarding.historyEmpty')} rowClassName={(i) => (i.id === selected ? 'fz-row-selected' : '')} />
    </Card>
  );
}
