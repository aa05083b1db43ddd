import { Alert, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTRPC } from '../../app/trpc';
import type { RouterOutputs } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useT } from '../../i18n';

type Job = RouterOutputs['jobs']['failed']['items'][number];
const at = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

/** /system/jobs — 后台任务失败记录: jobs that failed after their last retry, for a province's administrators. */
export function FailedJobsPage() {
  const t = useT();
  const trpc = useTRPC();
  const q = useQuery(trpc.jobs.failed.queryOptions({ limit: 100 }, { refetchInterval: 60_000 }));
  return (
    <div className="fz-node">
      <div className="fz-node-head">
        <Typography.Title level={3} className="fz-m-0">
          {t('jobs.title')}
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('jobs.hint')}</Typography.Paragraph>
      {q.error ? <Alert className="fz-mb" type="error" showIcon title={errorMessage(q.error, t('common.networkError'))} /> : null}
      <Table<Job>
        size="small"
        rowKey="id"
        loading={q.isPending}
        pagination={false}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('jobs.empty') }}
        columns={[
          { title: t('jobs.queue'), key: 'q', width: 160, render: (_v, j) => <Tag>{j.queue}</Tag> },
          { title: t('jobs.failedAt'), key: 'f', width: 170, render: (_v, j) => <span className="fz-mono">{at(j.failedAt)}</span> },
          { title: t('jobs.retries'), key: 'r', width: 80, align: 'right', render: (_v, j) => j.retries },
          { title: t('jobs.error'), key: 'e', render: (_v, j) => <Typography.Text className="fz-small" ellipsis={{ tooltip: j.error }}>{j.error ?? '—'}</Typography.Text> },
          { title: t('jobs.createdAt'), key: 'c', width: 170, render: (_v, j) => <span className="fz-mono fz-small">{at(j.createdAt)}</span> },
        ]}
      />
    </div>
  );
}
