import { useState } from 'react';
import { Alert, App, Descriptions, Form, Input, Modal, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES, decimalSchema, extensionOf, metricReportInput } from '@fz/domain';
import { CSRF_HEADER, useTRPC } from '../../app/trpc';
import { errorCode, errorMessage } from '../../app/errors';
import { useT } from '../../i18n';
import { httpErrorMessage } from '../../shared/download';
import { zodRule } from '../../shared/zodRule';
import { previewFigure } from './figures';
import { HitTag } from './MetricCells';
import type { MetricRow } from './MetricTable';

const EXTENSIONS = Object.values(EVIDENCE_TYPES).flatMap((x) => x.extensions);
const ACCEPT = EXTENSIONS.map((e) => `.${e}`).join(',');
const MB = EVIDENCE_MAX_BYTES / 1024 / 1024;

interface Values {
  numerator: string;
  denominator?: string;
  note?: string;
}

/** 填报: the node's figure for the period (a value, or numerator and denominator), a note, evidence files. */
export function ReportValueModal({ row, nodeId, period, periodLabel, onClose }: { row: MetricRow; nodeId: number; period: string; periodLabel: string; onClose: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const report = useMutation(trpc.metrics.report.mutationOptions());
  const m = row.metric;
  const own = row.own;
  const stored = useQuery(trpc.metrics.getValue.queryOptions({ id: own?.valueId ?? 0 }, { enabled: own !== null }));
  const preview = previewFigure(m, Form.useWatch('numerator', form), Form.useWatch('denominator', form));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.metrics.pathKey() });

  const upload = async (valueId: number) => {
    for (const f of files) {
      if (!f.originFileObj) continue;
      const body = new FormData();
      body.append('file', f.originFileObj, f.name);
      const res = await fetch(`/api/metric-values/${valueId}/files`, { method: 'POST', body, headers: CSRF_HEADER, credentials: 'same-origin' });
      if (!res.ok) throw new Error(t('evidence.failed', { name: f.name, reason: await httpErrorMessage(res, t('common.networkError')) }));
    }
  };

  const submit = async (v: Values) => {
    setSaving(true);
    setFailure(null);
    let saved: { id: number } | null = null;
    try {
      saved = await report.mutateAsync({ metricId: m.id, jurisdictionId: nodeId, period, numerator: v.numerator.trim(), denominator: m.kind === 'count' ? null : (v.denominator ?? '').trim(), note: v.note ?? '', version: own?.version });
      await upload(saved.id);
      void message.success(t('metrics.reportSaved'));
      await refresh();
      onClose();
    } catch (e) {
      if (errorCode(e) === 'CONFLICT') setFailure(t('metrics.conflict'));
      else if (saved) setFailure(t('metrics.filesFailed', { reason: e instanceof Error ? e.message : t('common.networkError') }));
      else setFailure(errorMessage(e, t('common.networkError')));
      await refresh();
    } finally {
      setSaving(false);
    }
  };

  const label = (key: 'metrics.numerator' | 'metrics.denominator', name: string | null) => t(key, { label: name ?? '' });
  return (
    <Modal title={t('metrics.reportTitle', { name: m.name })} open width={600} onCancel={onClose} onOk={() => form.submit()} okText={t('metrics.report')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnHidden>
      <Descriptions size="small" column={2} className="fz-mb">
        <Descriptions.Item label={t('metrics.period')}>{periodLabel}</Descriptions.Item>
        <Descriptions.Item label={t('metrics.target')}>{m.targetText ?? '—'}</Descriptions.Item>
      </Descriptions>
      {failure ? <Alert className="fz-mb" type="error" showIcon title={failure} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={saving}
        onFinish={(v) => void submit(v)}
        initialValues={{ numerator: own && row.value ? row.value.numerator : '', denominator: own && row.value ? (row.value.denominator ?? '') : '', note: own?.note ?? '' }}
      >
        <div className="fz-form-row">
          <Form.Item className="fz-grow" label={m.kind === 'count' ? t('metrics.value.count', { label: m.numeratorLabel ?? m.name, unit: m.unit }) : label('metrics.numerator', m.numeratorLabel)} name="numerator" rules={[zodRule(decimalSchema)]}>
            <Input inputMode="decimal" autoComplete="off" />
          </Form.Item>
          {m.kind !== 'count' ? (
            <Form.Item className="fz-grow" label={label('metrics.denominator', m.denominatorLabel)} name="denominator" rules={[zodRule(decimalSchema)]}>
              <Input inputMode="decimal" autoComplete="off" />
            </Form.Item>
          ) : null}
        </div>
        {preview ? (
          <Alert
            className="fz-mb"
            type={preview.overflow || preview.hit === false ? 'warning' : 'info'}
            title={
              <span data-testid="report-preview">
                {`${t('metrics.preview')}:${preview.text} `}
                <HitTag hit={preview.overflow ? null : preview.hit} />
                {preview.overflow ? t('metrics.overflow') : null}
              </span>
            }
          />
        ) : null}
        <Form.Item label={t('metrics.note')} name="note" rules={[zodRule(metricReportInput.shape.note)]}>
          <Input.TextArea rows={2} maxLength={1000} placeholder={t('metrics.notePlaceholder')} />
        </Form.Item>
        <Form.Item label={t('metrics.files')}>
          {stored.data?.files.length ? (
            <ul className="fz-file-list">
              {stored.data.files.map((f) => (
                <li key={f.id}>
                  <a href={`/api/metric-value-files/${f.id}`} target="_blank" rel="noreferrer">
                    {f.name}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          <Upload.Dragger
            multiple
            accept={ACCEPT}
            fileList={files}
            beforeUpload={(file) => {
              const problem = file.size > EVIDENCE_MAX_BYTES ? t('evidence.tooLarge', { name: file.name, mb: MB }) : !EXTENSIONS.includes(extensionOf(file.name)) ? t('evidence.badType', { name: file.name }) : null;
              if (problem) void message.error(problem);
              return problem ? Upload.LIST_IGNORE : false;
            }}
            onChange={({ fileList }) => setFiles(fileList)}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('evidence.drop')}</p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
    </Modal>
  );
}
