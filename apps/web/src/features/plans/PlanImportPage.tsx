import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Steps, Tabs, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { PLAN_KINDS, PLAN_KIND_LABELS, REPORT_CYCLES, REPORT_CYCLE_LABELS, fullUnitName } from '@fz/domain';
import type { PlanKind, ReportCycle } from '@fz/domain';
import { CSRF_HEADER, useTRPC } from '../../app/trpc';
import type { PlanPreview } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import { httpErrorMessage } from '../../shared/download';
import { useNode } from '../shell/nodeContext';
import { TaskList } from './TaskList';
import { UnitMappingTable } from './UnitMappingTable';
import { requestKey } from '../../shared/requestKey';
import type { Mapping } from './UnitMappingTable';

interface Header {
  title: string;
  kind: PlanKind;
  period: [Dayjs, Dayjs];
  reportCycle: ReportCycle;
}

/** /j/:id/plans/import — a plan's text or file in, its sections, tasks and units checked, a draft out. */
export function PlanImportPage() {
  const t = useT();
  const node = useNode();
  const [preview, setPreview] = useState<PlanPreview | null>(null);
  return (
    <div className="fz-panel">
      <Steps className="fz-mb" size="small" current={preview ? 1 : 0} items={[{ title: t('import.step.source') }, { title: t('import.step.review') }]} />
      {preview ? <Review key={preview.draft.title} preview={preview} onBack={() => setPreview(null)} /> : <Source jurisdictionId={node.id} onPreview={setPreview} />}
    </div>
  );
}

function Source({ jurisdictionId, onPreview }: { jurisdictionId: number; onPreview: (p: PlanPreview) => void }) {
  const t = useT();
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const parse = useMutation(trpc.plans.importPreview.mutationOptions({ onSuccess: onPreview }));

  const upload = async (file: File) => {
    setUploading(true);
    setFileError(null);
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      const res = await fetch(`/api/plans/import-preview?jurisdictionId=${jurisdictionId}`, { method: 'POST', body, headers: CSRF_HEADER, credentials: 'same-origin' });
      if (!res.ok) setFileError(await httpErrorMessage(res, t('common.networkError')));
      else onPreview((await res.json()) as PlanPreview);
    } catch {
      setFileError(t('common.networkError'));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card size="small">
      <Tabs
        items={[
          {
            key: 'paste',
            label: t('import.paste'),
            children: (
              <>
                <Input.TextArea aria-label={t('import.pasteLabel')} rows={14} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('import.pastePlaceholder')} maxLength={200_000} />
                {parse.error ? <Alert className="fz-mt" type="error" showIcon title={errorMessage(parse.error, t('common.networkError'))} /> : null}
                <Button className="fz-mt" type="primary" loading={parse.isPending} disabled={!text.trim()} onClick={() => parse.mutate({ jurisdictionId, text })}>
                  {parse.isPending ? t('import.parsing') : t('import.parse')}
                </Button>
              </>
            ),
          },
          {
            key: 'upload',
            label: t('import.upload'),
            children: (
              <>
                <Upload.Dragger
                  accept=".docx,.txt"
                  multiple={false}
                  showUploadList={false}
                  disabled={uploading}
                  beforeUpload={(file) => {
                    void upload(file);
                    return false;
                  }}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{uploading ? t('import.parsing') : t('evidence.drop')}</p>
                  <p className="ant-upload-hint">{t('import.uploadHint')}</p>
                </Upload.Dragger>
                {fileError ? <Alert className="fz-mt" type="error" showIcon title={fileError} /> : null}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}

function Review({ preview, onBack }: { preview: PlanPreview; onBack: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Header>();
  const [mappings, setMappings] = useState<Record<string, Mapping | undefined>>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // One key per review: a resent save (lost answer, double click) returns the same draft.
  const idempotencyKey = useMemo(() => requestKey(), []);
  const units = useQuery(trpc.units.list.queryOptions({ jurisdictionId: preview.jurisdictionId, limit: 200 }));
  const createUnit = useMutation(trpc.units.create.mutationOptions());
  const createDraft = useMutation(trpc.plans.createDraft.mutationOptions());
  const unmatched = preview.units.filter((u) => u.unitId === null);
  const unresolved = unmatched.filter((u) => mappings[u.name] === undefined).length;

  const save = async (h: Header) => {
    setSaving(true);
    setFailure(null);
    try {
      const unitMappings: Array<{ name: string; unitId: number | null }> = [];
      for (const u of unmatched) {
        const m = mappings[u.name];
        if (m === undefined) continue;
        if (m === 'create') {
          const name = fullUnitName(preview.issuerName, u.name);
          const created = await createUnit.mutateAsync({ jurisdictionId: preview.jurisdictionId, name, shortName: u.name.slice(0, 30), kind: 'department' });
          unitMappings.push({ name: u.name, unitId: created.id });
        } else unitMappings.push({ name: u.name, unitId: m === 'note' ? null : m });
      }
      const plan = await createDraft.mutateAsync({
        ...preview.draft,
        jurisdictionId: preview.jurisdictionId,
        title: h.title,
        kind: h.kind,
        periodStart: h.period[0].format('YYYY-MM-DD'),
        periodEnd: h.period[1].format('YYYY-MM-DD'),
        reportCycle: h.reportCycle,
        unitMappings,
        idempotencyKey,
      });
      void message.success(t('import.saved'));
      await queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
      void navigate(`/plans/${plan.id}`);
    } catch (e) {
      setFailure(errorMessage(e, t('common.networkError')));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Alert
        className="fz-mb"
        type={unresolved ? 'warning' : 'success'}
        showIcon
        title={t('import.recognised', { sections: preview.stats.sections, tasks: preview.stats.tasks, units: preview.units.length, unmatched: preview.stats.unmatchedNames })}
        description={preview.warnings.length ? (
          <details>
            <summary>{`${t('import.warnings')}(${preview.warnings.length})`}</summary>
            <ul className="fz-import-errors">
              {preview.warnings.map((w, i) => (
                <li key={i}>{t('import.warningLine', { line: w.line, message: w.message })}</li>
              ))}
            </ul>
          </details>
        ) : undefined}
      />
      <Card size="small" className="fz-mb">
        <Form<Header>
          form={form}
          layout="vertical"
          disabled={saving}
          onFinish={(h) => void save(h)}
          initialValues={{ title: preview.draft.title, kind: preview.draft.kind, period: [dayjs(preview.draft.periodStart), dayjs(preview.draft.periodEnd)], reportCycle: preview.draft.reportCycle }}
        >
          <div className="fz-form-row">
            <Form.Item label={t('plans.title')} name="title" rules={[{ required: true, whitespace: true, message: '不能为空' }]} className="fz-grow">
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item label={t('plans.kind')} name="kind" className="fz-w-160">
              <Select options={PLAN_KINDS.map((k) => ({ value: k, label: enumLabel(PLAN_KIND_LABELS, k, lang) }))} />
            </Form.Item>
            <Form.Item label={t('plans.period')} name="period" rules={[{ required: true, message: '请选择实施期间' }]}>
              <DatePicker.RangePicker />
            </Form.Item>
            <Form.Item label={t('plans.cycle')} name="reportCycle" className="fz-w-120">
              <Select options={REPORT_CYCLES.map((c) => ({ value: c, label: enumLabel(REPORT_CYCLE_LABELS, c, lang) }))} />
            </Form.Item>
          </div>
        </Form>
      </Card>
      <Card size="small" className="fz-mb" title={t('import.unitsTitle')}>
        <Typography.Paragraph type="secondary">{t('import.unitsHint')}</Typography.Paragraph>
        <UnitMappingTable
          issuerName={preview.issuerName}
          names={preview.units}
          units={units.data?.items ?? []}
          mappings={mappings}
          onChange={(name, m) => setMappings((prev) => ({ ...prev, [name]: m }))}
          onAllToNote={() => setMappings((prev) => Object.fromEntries(unmatched.map((u) => [u.name, prev[u.name] ?? 'note'])))}
        />
      </Card>
      <Card size="small" className="fz-mb" title={`${t('import.tasksTitle')}(${preview.draft.tasks.length})`}>
        <TaskList tasks={preview.draft.tasks} sections={preview.draft.sections} issuerId={preview.jurisdictionId} resolved={(name) => mappings[name] !== undefined} />
      </Card>
      {failure ? <Alert className="fz-mb" type="error" showIcon title={failure} /> : null}
      <Space className="fz-sticky-actions">
        <Button onClick={onBack}>{t('import.back')}</Button>
        <Button type="primary" loading={saving} onClick={() => form.submit()}>
          {t('import.save')}
        </Button>
      </Space>
    </>
  );
}
