import { useState } from 'react';
import { Button, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { REPORT_STATE_LABELS, periodKeyLabel } from '@fz/domain';
import type { ReportState } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { AssignmentItem } from '../../app/trpc';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import { KeysetTable } from '../../shared/KeysetTable';
import { ReportModal } from './ReportModal';

const STATE_COLOR: Record<ReportState, string> = { reported: 'green', late: 'orange', missing: 'red', pending: 'default' };

/** /tasks — 我的任务: plan tasks handed to the caller's unit, this period's state, and 报送进展. */
export function AssignmentsPage() {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const [reporting, setReporting] = useState<AssignmentItem | null>(null);
  const list = useInfiniteQuery(trpc.assignments.mine.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));

  const columns: TableColumnsType<AssignmentItem> = [
    {
      title: t('plan.task'),
      key: 'task',
      render: (_v, a) => (
        <>
          <div>
            <span className="fz-mono">{a.task.number}</span> {a.task.title} {a.lead ? <Tag color="blue">{t('mytasks.lead')}</Tag> : null}
          </div>
          {a.task.note ? <div className="fz-small fz-muted">{`${t('plan.note')}:${a.task.note}`}</div> : null}
          {a.coUnits.length ? (
            <div className="fz-small fz-mt-4">
              {t('mytasks.coUnits')}:
              {a.coUnits.map((c) => (
                <Tag key={c.assignmentId} color={STATE_COLOR[c.state]}>
                  {c.unitName} {enumLabel(REPORT_STATE_LABELS, c.state, lang)}
                  {c.report ? ` ${c.report.percent}%` : ''}
                </Tag>
              ))}
            </div>
          ) : null}
        </>
      ),
    },
    { title: t('mytasks.plan'), key: 'plan', width: 220, render: (_v, a) => <Link to={`/plans/${a.plan.id}`}>{a.plan.title}</Link> },
    { title: t('grid.period'), key: 'period', width: 130, render: (_v, a) => <span className="fz-nowrap">{periodKeyLabel(a.period.key, lang)}</span> },
    {
      title: t('mytasks.state'),
      key: 'state',
      width: 120,
      render: (_v, a) => (
        <Space size={2} direction="vertical">
          <Tag color={STATE_COLOR[a.state]}>{enumLabel(REPORT_STATE_LABELS, a.state, lang)}</Tag>
          {a.reminder ? <span className="fz-small fz-text-warn">{`${t('mytasks.reminded')} ${a.reminder.day}`}</span> : null}
        </Space>
      ),
    },
    {
      title: t('mytasks.lastReport'),
      key: 'last',
      width: 220,
      render: (_v, a) =>
        a.lastReport ? (
          <Typography.Paragraph className="fz-m-0 fz-small" ellipsis={{ rows: 2, tooltip: a.lastReport.text }}>
            {`${a.lastReport.reportedOn} · ${a.lastReport.percent}% · ${a.lastReport.text}`}
          </Typography.Paragraph>
        ) : (
          <span className="fz-muted">—</span>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_v, a) => (
        <Button size="small" type={a.state === 'reported' ? 'default' : 'primary'} onClick={() => setReporting(a)}>
          {t('mytasks.report')}
        </Button>
      ),
    },
  ];

  return (
    <div className="fz-node">
      <div className="fz-node-head">
        <Typography.Title level={3} className="fz-m-0">
          {t('mytasks.title')}
        </Typography.Title>
      </div>
      <div className="fz-panel fz-mt">
        <KeysetTable<AssignmentItem> query={list} columns={columns} emptyText={t('mytasks.empty')} />
      </div>
      {reporting ? <ReportModal key={reporting.id} assignment={reporting} onClose={() => setReporting(null)} /> : null}
    </div>
  );
}
