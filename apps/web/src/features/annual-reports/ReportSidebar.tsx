import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Skeleton, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { ANNUAL_REPORT_EVENT_LABELS, ANNUAL_REPORT_STATUS_LABELS } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import type { ReportDetail } from './useReportChange';

const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** Beside the editor: who reports to whom, the figures the data would give now, and the history. */
export function ReportSidebar({ report }: { report: ReportDetail }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <div>
      <Card size="small" className="fz-mb" title={t('ar.info')}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('ar.year')}>{report.year}</Descriptions.Item>
          <Descriptions.Item label={t('ar.issuer')}>{report.issuerName}</Descriptions.Item>
          <Descriptions.Item label={t('ar.reviewer')}>{report.reviewerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ar.submittedAt')}>{when(report.submittedAt)}</Descriptions.Item>
          {report.reviewedByName ? <Descriptions.Item label={t('ar.reviewedBy')}>{`${report.reviewedByName} · ${when(report.reviewedAt)}`}</Descriptions.Item> : null}
          {report.issueDate ? <Descriptions.Item label={t('ar.issueDate')}>{report.issueDate}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <FiguresPreview reportId={report.id} />
      <Card size="small" title={t('ar.timeline')}>
        <Timeline
          items={report.events.map((e) => ({
            key: e.id,
            color: e.event === 'return' ? 'red' : e.event === 'publish' || e.event === 'accept' ? 'green' : 'blue',
            content: (
              <div>
                <strong>{e.event === 'create' ? t('ar.event.create') : enumLabel(ANNUAL_REPORT_EVENT_LABELS, e.event, lang)}</strong>{' '}
                {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
                  <span className="fz-small fz-muted">{`${enumLabel(ANNUAL_REPORT_STATUS_LABELS, e.fromStatus, lang)} → ${enumLabel(ANNUAL_REPORT_STATUS_LABELS, e.toStatus, lang)}`}</span>
                ) : null}
                <div className="fz-small fz-muted">{`${when(e.at)} · ${e.actorName ?? ''}${e.actorUnitName ? `(${e.actorUnitName})` : ''}`}</div>
                {e.reason ? <div className="fz-small fz-prewrap">{`${t('ar.reason')}:${e.reason}`}</div> : null}
              </div>
            ),
          }))}
        />
      </Card>
    </div>
  );
}

/** 数据预览: the figures block the data would give now (annualReports.figures), loaded on request. */
function FiguresPreview({ reportId }: { reportId: number }) {
  const t = useT();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const q = useQuery(trpc.annualReports.figures.queryOptions({ id: reportId }, { enabled: open }));
  return (
    <Card size="small" className="fz-mb" title={t('ar.preview')}>
      {!open ? (
        <Button size="small" onClick={() => setOpen(true)}>
          {t('ar.showPreview')}
        </Button>
      ) : q.error ? (
        <Alert type="error" showIcon title={errorMessage(q.error, t('common.networkError'))} />
      ) : !q.data ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : (
        <>
          <div className="fz-small fz-muted fz-mb-8">{t('ar.previewHint')}</div>
          <Typography.Paragraph className="fz-prewrap fz-small" data-testid="figures-preview">
            {q.data.text}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
