import { useState } from 'react';
import { Alert, App, Button, Popconfirm, Select, Space, Table, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { REPORT_STATES, REPORT_STATE_LABELS, periodKeyLabel } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { PlanGrid } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';

type Row = PlanGrid['rows'][number];
type Cell = Row['cells'][number];

/** 落实情况: task × unit for one period, each cell coloured reported / late / missing / pending. */
export function PlanGridView({ planId, canRemind }: { planId: number; canRemind: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [period, setPeriod] = useState<string | undefined>();
  const grid = useQuery(trpc.plans.grid.queryOptions({ planId, period }));
  const remind = useMutation(trpc.plans.remind.mutationOptions());
  if (grid.error) return <Alert type="error" showIcon title={errorMessage(grid.error, t('common.networkError'))} />;
  const g = grid.data;

  const cellOf = (r: Row, unitId: number): Cell | undefined => r.cells.find((c) => c.unitId === unitId);
  const columns: TableColumnsType<Row> = [
    { title: '#', key: 'n', width: 56, fixed: 'left', render: (_v, r) => <span className="fz-mono">{r.number}</span> },
    { title: t('plan.task'), key: 'title', width: 260, fixed: 'left', render: (_v, r) => <span className="fz-clamp-2">{r.title}</span> },
    ...(g?.columns ?? []).map((c) => ({
      title: <span className="fz-grid-head">{c.kind === 'child' ? c.jurisdictionName : c.unitName}</span>,
      key: String(c.unitId),
      width: 92,
      align: 'center' as const,
      render: (_v: unknown, r: Row) => {
        const cell = cellOf(r, c.unitId);
        if (!cell) return null;
        const label = enumLabel(REPORT_STATE_LABELS, cell.state, lang);
        const hint = [c.unitName, label, cell.percent !== null ? `${cell.percent}%` : null, cell.reportedOn, cell.remindedOn ? `${t('mytasks.reminded')} ${cell.remindedOn}` : null].filter(Boolean).join(' · ');
        return (
          <Tooltip title={hint}>
            <span className={`fz-cell fz-cell-${cell.state}`} data-state={cell.state} aria-label={`${r.number} ${c.unitName} ${label}`}>
              {cell.lead ? '★' : ''}
              {cell.percent !== null ? `${cell.percent}%` : label}
            </span>
          </Tooltip>
        );
      },
    })),
  ];

  const doRemind = async () => {
    if (!g) return;
    try {
      const r = await remind.mutateAsync({ planId, period: g.period.key });
      void message.success(r.reminded ? t('grid.reminded', { n: r.reminded }) : t('grid.nothingToRemind'));
      await queryClient.invalidateQueries({ queryKey: trpc.plans.grid.pathKey() });
    } catch (e) {
      void message.error(errorMessage(e, t('common.networkError')));
    }
  };

  return (
    <div>
      <div className="fz-toolbar">
        <span>{t('grid.period')}</span>
        <Select className="fz-filter-w200" aria-label={t('grid.period')} loading={grid.isPending} value={g?.period.key} onChange={setPeriod} options={(g?.periods ?? []).map((p) => ({ value: p.key, label: periodKeyLabel(p.key, lang) }))} />
        {g ? <span className="fz-muted fz-small">{t('grid.totals', { reported: g.totals.reported ?? 0, late: g.totals.late ?? 0, missing: g.totals.missing ?? 0 })}</span> : null}
        <span className="fz-grow" />
        <Space size={6} className="fz-small" aria-label={t('grid.legend')}>
          {REPORT_STATES.map((s) => (
            <span key={s} className={`fz-cell fz-cell-${s}`}>
              {enumLabel(REPORT_STATE_LABELS, s, lang)}
            </span>
          ))}
        </Space>
        {canRemind ? (
          <Popconfirm title={t('grid.remindConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => doRemind()}>
            <Button icon={<BellOutlined />} loading={remind.isPending}>
              {t('grid.remind')}
            </Button>
          </Popconfirm>
        ) : null}
      </div>
      {/* The header stays in view while the 29 rows scroll; -16 undoes .fz-content's top padding, which a sticky offset counts from. */}
      <Table<Row> className="fz-grid" size="small" rowKey="taskId" bordered sticky={{ offsetHeader: -16 }} loading={grid.isPending} columns={columns} dataSource={g?.rows ?? []} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('grid.empty') }} />
    </div>
  );
}
