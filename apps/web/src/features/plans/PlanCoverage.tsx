import { Alert, Progress, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useT } from '../../i18n';

/** 下级落实: per child jurisdiction, how many of this plan's tasks its own plans link to, and per task who did. */
export function PlanCoverage({ planId }: { planId: number }) {
  const t = useT();
  const trpc = useTRPC();
  const q = useQuery(trpc.plans.coverage.queryOptions({ planId }));
  if (q.error) return <Alert type="error" showIcon title={errorMessage(q.error, t('common.networkError'))} />;
  const names = new Map((q.data?.children ?? []).map((c) => [c.id, c.name]));
  return (
    <>
      <Table
        className="fz-mb"
        size="small"
        rowKey="id"
        loading={q.isPending}
        pagination={false}
        dataSource={q.data?.children ?? []}
        locale={{ emptyText: t('coverage.empty') }}
        columns={[
          { title: t('coverage.child'), key: 'name', width: 200, render: (_v, c) => c.name },
          { title: t('coverage.covered'), key: 'covered', render: (_v, c) => <Progress size="small" percent={c.total ? Math.round((c.covered / c.total) * 100) : 0} format={() => `${c.covered}/${c.total}`} /> },
        ]}
      />
      <Table
        size="small"
        rowKey="taskId"
        pagination={false}
        dataSource={q.data?.tasks ?? []}
        columns={[
          { title: '#', key: 'n', width: 56, render: (_v, r) => <span className="fz-mono">{r.number}</span> },
          { title: t('plan.task'), key: 'title', render: (_v, r) => r.title },
          { title: t('coverage.child'), key: 'by', width: 360, render: (_v, r) => r.coveredBy.map((id) => <Tag key={id} color="green">{names.get(id) ?? id}</Tag>) },
        ]}
      />
    </>
  );
}
