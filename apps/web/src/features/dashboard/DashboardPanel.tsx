import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { INSPECTION_TYPES, INSPECTION_TYPE_LABELS } from '@fz/domain';
import type { InspectionType } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { RouterOutputs } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import { downloadFile } from '../../shared/download';
import { EChart } from '../../shared/EChart';
import { useNode } from '../shell/nodeContext';
import { lights, ranking, statusByChild, trend } from './charts';

type Dashboard = RouterOutputs['dashboard']['get'];
type ChildRow = Dashboard['children'][number];
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** /j/:id — 督察看板: KPIs, one row per direct child (click to drill down), charts; for any node of the caller's subtree. */
export function DashboardPanel() {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const node = useNode();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [year, setYear] = useState<number | undefined>();
  const [inspectionType, setType] = useState<InspectionType | undefined>();
  const input = { jurisdictionId: node.id, year, inspectionType };
  const q = useQuery(trpc.dashboard.get.queryOptions(input));
  const d = q.data;
  const options = useMemo(() => (d ? { status: statusByChild(d, lang), trend: trend(d, t), lights: lights(d, lang), ranking: ranking(d, t) } : null), [d, lang, t]);

  const columns: TableColumnsType<ChildRow> = [
    { title: t('children.name'), key: 'name', fixed: 'left', width: 150, render: (_v, c) => <Link to={`/j/${c.id}`}>{c.name}</Link>, sorter: (a, b) => a.code.localeCompare(b.code) },
    { title: t('dash.total'), key: 'total', align: 'right', width: 90, render: (_v, c) => c.total, sorter: (a, b) => a.total - b.total, defaultSortOrder: 'descend' },
    { title: t('dash.open'), key: 'open', align: 'right', width: 90, render: (_v, c) => c.open, sorter: (a, b) => a.open - b.open },
    { title: t('dash.closed'), key: 'closed', align: 'right', width: 90, render: (_v, c) => c.closed, sorter: (a, b) => a.closed - b.closed },
    { title: t('dash.overdue'), key: 'overdue', align: 'right', width: 80, render: (_v, c) => (c.overdue ? <span className="fz-text-red">{c.overdue}</span> : 0), sorter: (a, b) => a.overdue - b.overdue },
    { title: t('dash.dueSoon'), key: 'dueSoon', align: 'right', width: 80, render: (_v, c) => c.dueSoon, sorter: (a, b) => a.dueSoon - b.dueSoon },
    { title: t('dash.onTime'), key: 'rate', align: 'right', width: 110, render: (_v, c) => pct(c.onTimeRate), sorter: (a, b) => (a.onTimeRate ?? -1) - (b.onTimeRate ?? -1) },
    { title: t('dash.flagged'), key: 'flagged', align: 'right', width: 90, render: (_v, c) => c.flagged, sorter: (a, b) => a.flagged - b.flagged },
    { title: t('dash.extensions'), key: 'ext', align: 'right', width: 90, render: (_v, c) => c.extensionsPending },
    {
      title: t('dash.demo'),
      key: 'demo',
      align: 'right',
      width: 110,
      render: (_v, c) => (c.demonstration ? <span className={c.demonstration.meetsTarget ? 'fz-ok' : undefined}>{`${c.demonstration.named}/${c.demonstration.total}`}</span> : '—'),
      sorter: (a, b) => (a.demonstration?.percent ?? -1) - (b.demonstration?.percent ?? -1),
    },
  ];

  const exportXlsx = () =>
    void downloadFile(`/api/dashboard/children.xlsx?input=${encodeURIComponent(JSON.stringify(input))}`, `${node.name}-下级对比.xlsx`, t('common.networkError')).catch((e: unknown) =>
      void message.error(e instanceof Error ? e.message : t('common.networkError')),
    );

  return (
    <div className="fz-panel fz-dashboard">
      <div className="fz-toolbar fz-noprint">
        <Select<number | undefined> allowClear className="fz-filter-w160" aria-label={t('dash.year')} placeholder={t('dash.allYears')} value={year} onChange={setYear} options={(d?.years ?? []).map((y) => ({ value: y, label: String(y) }))} />
        <Select allowClear className="fz-filter-w160" aria-label={t('dash.type')} placeholder={t('dash.allTypes')} value={inspectionType} onChange={setType} options={INSPECTION_TYPES.map((k) => ({ value: k, label: enumLabel(INSPECTION_TYPE_LABELS, k, lang) }))} />
        <span className="fz-grow" />
        {d ? <span className="fz-muted fz-small">{t('dash.asOf', { date: d.today })}</span> : null}
        <Space>
          <Button icon={<DownloadOutlined />} onClick={exportXlsx}>
            {t('dash.export')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('dash.print')}
          </Button>
        </Space>
      </div>
      {q.error ? <Alert className="fz-mb" type="error" showIcon title={errorMessage(q.error, t('common.networkError'))} /> : null}
      <div className="fz-kpis fz-mb" data-testid="kpis">
        {(
          [
            ['dash.total', d?.kpis.total],
            ['dash.open', d?.kpis.open],
            ['dash.overdue', d?.kpis.overdue],
            ['dash.onTime', d ? pct(d.kpis.onTimeRate) : undefined],
            ['dash.flagged', d?.kpis.flagged],
            ['dash.extensions', d?.kpis.extensionsPending],
          ] as const
        ).map(([k, v]) => (
          <div key={k} className={`fz-kpi-card${k === 'dash.overdue' && (d?.kpis.overdue ?? 0) > 0 ? ' fz-kpi-alert' : ''}`}>
            <div className="fz-kpi-label">{t(k)}</div>
            <div className="fz-kpi-value">{v ?? '—'}</div>
          </div>
        ))}
        {d?.kpis.demonstration ? (
          <div className="fz-kpi-card fz-kpi-wide" data-testid="kpi-demo">
            <div className="fz-kpi-label">{t('dash.demo')}</div>
            <div className={`fz-kpi-value fz-kpi-text${d.kpis.demonstration.meetsTarget ? ' fz-ok' : ''}`}>{lang === 'zh-CN' ? d.kpis.demonstration.text : d.kpis.demonstration.textEn}</div>
          </div>
        ) : null}
      </div>
      {d && d.children.length ? (
        <Table<ChildRow>
          className="fz-mb"
          size="small"
          rowKey="id"
          loading={q.isFetching}
          columns={columns}
          dataSource={d.children}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(c) => ({ onDoubleClick: () => void navigate(`/j/${c.id}`) })}
          summary={() =>
            d.own ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('dash.own')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{d.own.total}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{d.own.open}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{d.own.closed}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{d.own.overdue}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">{d.own.dueSoon}</Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">{pct(d.own.onTimeRate)}</Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">{d.own.flagged}</Table.Summary.Cell>
                <Table.Summary.Cell index={8} align="right">{d.own.extensionsPending}</Table.Summary.Cell>
                <Table.Summary.Cell index={9} align="right">—</Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      ) : null}
      {options && d && d.kpis.total > 0 ? (
        <div className="fz-charts">
          {d.children.length ? (
            <Card size="small" title={t('dash.byStatus')}>
              <EChart option={options.status} label={t('dash.byStatus')} />
            </Card>
          ) : null}
          <Card size="small" title={t('dash.trend')}>
            <EChart option={options.trend} label={t('dash.trend')} />
          </Card>
          <Card size="small" title={t('dash.lights')}>
            <EChart option={options.lights} label={t('dash.lights')} />
          </Card>
          {d.children.length ? (
            <Card size="small" title={t('dash.ranking')}>
              <EChart option={options.ranking} label={t('dash.ranking')} height={Math.max(200, Math.min(15, d.children.length) * 24 + 40)} />
            </Card>
          ) : null}
        </div>
      ) : d ? (
        <Alert type="info" title={t('dash.empty')} />
      ) : null}
    </div>
  );
}
