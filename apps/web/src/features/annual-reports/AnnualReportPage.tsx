import { useEffect, useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Form, Skeleton, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTRPC } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useT } from '../../i18n';
import { downloadFile } from '../../shared/download';
import { Unreachable, isUnreachable, positiveId } from '../../shared/Unreachable';
import type { ReportText } from './edit';
import { changedFields } from './edit';
import { ReportActions } from './ReportActions';
import { ReportEditor } from './ReportEditor';
import { ReportSidebar } from './ReportSidebar';
import { ReportStatusTag } from './ReportStatusTag';
import type { ReportDetail } from './useReportChange';
import { useReportChange } from './useReportChange';

/** /annual-reports/:id — the report editor: text, figures, review and publication, Word export. */
export function AnnualReportPage() {
  const t = useT();
  const trpc = useTRPC();
  const id = positiveId(useParams().id);
  const report = useQuery(trpc.annualReports.get.queryOptions({ id: id ?? 0 }, { enabled: id !== null }));
  if (id === null || (report.error && isUnreachable(report.error))) return <Unreachable title="ar.notFoundTitle" tab="annual-reports" />;
  if (report.error) return <Alert type="error" showIcon title={errorMessage(report.error, t('common.networkError'))} />;
  if (!report.data) return <Skeleton active paragraph={{ rows: 14 }} />;
  return <ReportView report={report.data} />;
}

function ReportView({ report }: { report: ReportDetail }) {
  const t = useT();
  const trpc = useTRPC();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportText>();
  const run = useReportChange(report.id);
  const update = useMutation(trpc.annualReports.update.mutationOptions());
  const refresh = useMutation(trpc.annualReports.refreshFigures.mutationOptions());
  // The version the text was edited at: a newer report (saved, refreshed, reloaded) is clean again.
  const [dirtyAt, setDirtyAt] = useState<number | null>(null);
  const dirty = dirtyAt === report.version;
  const readOnly = !report.allowed.update;

  useEffect(() => {
    document.title = `${report.title} - ${t('app.name')}`;
  }, [report.title, t]);
  // Show the stored text whenever a newer version arrives.
  useEffect(() => {
    form.resetFields();
  }, [form, report.version]);

  /** Stores unsaved edits; answers the version to act on next, or null when they could not be saved. */
  const save = async (): Promise<number | null> => {
    if (readOnly) return report.version;
    try {
      await form.validateFields();
    } catch {
      return null;
    }
    const changes = changedFields(report, form.getFieldsValue());
    if (Object.keys(changes).length === 0) return report.version;
    const next = await run(() => update.mutateAsync({ id: report.id, version: report.version, ...changes }), t('ar.saved'));
    return next?.version ?? null;
  };

  const regenerate = async () => {
    const version = await save();
    if (version !== null) await run(() => refresh.mutateAsync({ id: report.id, version }), t('ar.refreshed'));
  };

  const exportDocx = async () => {
    try {
      const name = await downloadFile(`/api/annual-reports/${report.id}/export.docx`, `${report.title}.docx`, t('common.networkError'));
      void message.success(t('ar.exported', { name }));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : t('common.networkError'));
    }
  };

  const onEdit = () => setDirtyAt(Object.keys(changedFields(report, form.getFieldsValue())).length > 0 ? report.version : null);

  return (
    <div className="fz-node">
      <Breadcrumb className="fz-breadcrumb" items={[{ key: 'j', title: <Link to={`/j/${report.jurisdictionId}/annual-reports`}>{report.issuerName}</Link> }, { key: 'r', title: t('tab.annualReports') }]} />
      <div className="fz-node-head">
        <div className="fz-node-title">
          <Typography.Title level={3} className="fz-m-0">
            {report.title}
          </Typography.Title>
          <ReportStatusTag status={report.status} />
          {dirty ? <Tag color="warning">{t('ar.unsaved')}</Tag> : null}
        </div>
        <Space wrap>
          {report.allowed.update ? (
            <Button icon={<SaveOutlined />} type={dirty ? 'primary' : 'default'} loading={update.isPending} onClick={() => void save()}>
              {t('ar.save')}
            </Button>
          ) : null}
          <ReportActions report={report} save={save} />
          <Button icon={<DownloadOutlined />} onClick={() => void exportDocx()}>
            {t('ar.export')}
          </Button>
        </Space>
      </div>
      {report.status === 'returned' && report.returnReason ? <Alert className="fz-mb" type="warning" showIcon title={t('ar.returned', { reason: report.returnReason })} /> : null}
      {report.status === 'published' ? (
        <Alert className="fz-mb" type="success" showIcon title={t('ar.published')} />
      ) : report.status === 'submitted' || report.status === 'accepted' ? (
        <Alert className="fz-mb" type="info" showIcon title={t('ar.frozen')} />
      ) : null}
      <div className="fz-item-grid">
        <Card size="small">
          <ReportEditor form={form} report={report} readOnly={readOnly} refreshing={refresh.isPending} onRefresh={() => void regenerate()} onEdit={onEdit} />
        </Card>
        <ReportSidebar report={report} />
      </div>
    </div>
  );
}
