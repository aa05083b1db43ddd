import { useState } from 'react';
import { Alert, Button, Space, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { FIGURE_SOURCE_LABELS, periodKeyLabel } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { RouterOutputs } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import { ChildFigures } from './ChildFigures';
import { CoverageCell, HitTag, YoyCell } from './MetricCells';
import { ReportValueModal } from './ReportValueModal';

export type MetricTableData = RouterOutputs['metrics']['table'];
export type MetricRow = MetricTableData['rows'][number];

/** 指标表 of one node and period: figure, target and hit, a year earlier, coverage; children on expanding; 填报 where allowed. */
export function MetricTable({ nodeId, period }: { nodeId: number; period: string }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const q = useQuery(trpc.metrics.table.queryOptions({ jurisdictionId: nodeId, period }));
  // The metric being reported; its row is read from the latest table (a conflict refreshes the version).
  const [reporting, setReporting] = useState<number | null>(null);
  const data = q.data;
  const open = data?.rows.find((r) => r.metric.id === reporting) ?? null;

  const columns: TableColumnsType<MetricRow> = [
    { title: t('metrics.code'), key: 'code', width: 72, render: (_v, r) => <span className="fz-mono">{r.metric.code}</span> },
    {
      title: t('metrics.name'),
      key: 'name',
      minWidth: 220,
      render: (_v, r) => (
        <div>
          <Tooltip title={r.metric.description || undefined}>
            <span className="fz-strong">{r.metric.name}</span>
          </Tooltip>
          <div className="fz-small fz-muted">{[r.metric.groupName, `${t('metrics.owner')}:${r.metric.ownerName}`].filter(Boolean).join(' · ')}</div>
        </div>
      ),
    },
    {
      title: t('metrics.value'),
      key: 'value',
      width: 130,
      align: 'right',
      render: (_v, r) => (
        <div data-testid={`value-${r.metric.code}`}>
          {r.value ? <span className="fz-strong fz-mono">{r.value.text}</span> : <span className="fz-muted">{t('metrics.notReported')}</span>}
          <div className="fz-small fz-muted fz-nowrap">
            {enumLabel(FIGURE_SOURCE_LABELS, r.source, lang)}
            {r.value && r.value.denominator !== null ? ` · ${r.value.numerator}/${r.value.denominator}` : ''}
          </div>
        </div>
      ),
    },
    {
      title: t('metrics.target'),
      key: 'target',
      width: 130,
      render: (_v, r) =>
        r.metric.targetText ? (
          <span className="fz-nowrap" data-testid={`target-${r.metric.code}`}>
            <span className="fz-mono fz-mr-4">{r.metric.targetText}</span>
            <HitTag hit={r.hit} />
          </span>
        ) : (
          <span className="fz-muted">—</span>
        ),
    },
    {
      title: `${t('metrics.previous')} / ${t('metrics.yoy')}`,
      key: 'previous',
      width: 200,
      render: (_v, r) => (
        <div>
          <span className="fz-mono">{r.previous?.text ?? '—'}</span>
          <div className="fz-small">
            <YoyCell yoy={r.yoy} kind={r.metric.kind} unit={r.metric.unit} />
          </div>
        </div>
      ),
    },
    { title: t('metrics.coverage'), key: 'coverage', width: 80, align: 'center', render: (_v, r) => <CoverageCell coverage={r.coverage} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_v, r) => (
        <Space size={6} className="fz-nowrap">
          {r.canReport ? (
            <Tooltip title={r.own ? t('metrics.reportedBy', { name: r.own.reportedByName ?? '', at: dayjs(r.own.updatedAt).format('YYYY-MM-DD HH:mm') }) : undefined}>
              <Button size="small" type={r.own ? 'default' : 'primary'} icon={<EditOutlined />} onClick={() => setReporting(r.metric.id)}>
                {t('metrics.report')}
              </Button>
            </Tooltip>
          ) : null}
          {r.own && r.own.fileCount > 0 ? (
            <Tooltip title={t('metrics.fileCount', { n: r.own.fileCount })}>
              <Tag className="fz-tag-xs" icon={<PaperClipOutlined />}>
                {r.own.fileCount}
              </Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      {q.error ? <Alert className="fz-mb" type="error" showIcon title={errorMessage(q.error, t('common.networkError'))} /> : null}
      <Table<MetricRow>
        size="small"
        rowKey={(r) => r.metric.id}
        columns={columns}
        dataSource={data?.rows ?? []}
        loading={q.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('metrics.empty') }}
        expandable={{
          // Each row's `children` are its subdivisions' figures, shown on expanding, not tree rows.
          childrenColumnName: 'noTreeRows',
          rowExpandable: (r) => r.children.some((c) => c.sourceLevel !== null),
          expandedRowRender: (r) => <ChildFigures row={r} names={data?.children ?? []} period={period} />,
        }}
      />
      {open ? <ReportValueModal row={open} nodeId={nodeId} period={period} periodLabel={periodKeyLabel(period, lang)} onClose={() => setReporting(null)} /> : null}
    </>
  );
}
