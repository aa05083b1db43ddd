import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n';
import { CoverageCell, HitTag } from './MetricCells';
import type { MetricRow, MetricTableData } from './MetricTable';

type ChildCell = MetricRow['children'][number];

/** Drill-down: each child's figure for one metric, with a link to that child's indicator table. */
export function ChildFigures({ row, names, period }: { row: MetricRow; names: MetricTableData['children']; period: string }) {
  const t = useT();
  const nameOf = new Map(names.map((c) => [c.id, c.name]));
  // Children where nothing reports this metric (a township for a county metric) have no figure to show.
  const cells = row.children.filter((c) => c.sourceLevel !== null);
  const columns: TableColumnsType<ChildCell> = [
    {
      title: t('metrics.childName'),
      key: 'name',
      width: 200,
      render: (_v, c) => (
        <Link to={`/j/${c.jurisdictionId}/metrics?period=${encodeURIComponent(period)}`} title={t('metrics.drill')}>
          {nameOf.get(c.jurisdictionId) ?? c.jurisdictionId}
        </Link>
      ),
    },
    {
      title: t('metrics.value'),
      key: 'value',
      width: 160,
      align: 'right',
      render: (_v, c) => (c.value ? <span className="fz-mono">{c.value.text}</span> : <span className="fz-muted">{t('metrics.notReported')}</span>),
    },
    { title: t('metrics.target'), key: 'hit', width: 100, render: (_v, c) => <HitTag hit={c.hit} /> },
    { title: t('metrics.coverage'), key: 'coverage', width: 100, align: 'center', render: (_v, c) => <CoverageCell coverage={c.coverage} /> },
  ];
  return (
    <Table<ChildCell>
      className="fz-child-figures"
      size="small"
      rowKey="jurisdictionId"
      columns={columns}
      dataSource={cells}
      pagination={cells.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
      locale={{ emptyText: t('metrics.noChildren') }}
    />
  );
}
