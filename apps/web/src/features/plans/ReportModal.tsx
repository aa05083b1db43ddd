import { useState } from 'react';
import { Alert, App, Flex, Form, Input, InputNumber, Modal, Slider, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { assignmentReportInput, periodKeyLabel } from '@fz/domain';
import { CSRF_HEADER, useTRPC } from '../../app/trpc';
import type { AssignmentItem } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { httpErrorMessage } from '../../shared/download';
import { zodRule } from '../../shared/zodRule';

/** 报送进展 for one assignment and period: text, percent, then the files once the report exists. */
export function ReportModal({ assignment, onClose }: { assignment: AssignmentItem; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string; percent: number }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const report = useMutation(trpc.assignments.report.mutationOptions());
  const [saving, setSaving] = useState(false);
  const current = assignment.report;

  const submit = async (v: { text: string; percent: number }) => {
    setSaving(true);
    setFailure(null);
    try {
      const saved = await report.mutateAsync({ assignmentId: assignment.id, period: assignment.period.key, text: v.text, percent: v.percent, version: current?.version });
      for (const f of files) {
        if (!f.originFileObj) continue;
        const body = new FormData();
        body.append('file', f.originFileObj, f.name);
        const res = await fetch(`/api/plan-reports/${saved.id}/files`, { method: 'POST', body, headers: CSRF_HEADER, credentials: 'same-origin' });
        if (!res.ok) throw new Error(`${f.name}:${await httpErrorMessage(res, t('common.networkError'))}`);
      }
      void message.success(t('mytasks.reported'));
      await queryClient.invalidateQueries({ queryKey: trpc.assignments.pathKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.plans.grid.pathKey() });
      onClose();
    } catch (e) {
      setFailure(e instanceof Error && !errorMessage(e, '') ? e.message : errorMessage(e, t('common.networkError')));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title={`${t('mytasks.reportTitle')} · ${periodKeyLabel(assignment.period.key, lang)}`} open width={640} onCancel={onClose} onOk={() => form.submit()} okText={t('mytasks.report')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnHidden>
      <Alert className="fz-mb" type="info" title={`${assignment.task.number} ${assignment.task.title}`} description={assignment.task.note || undefined} />
      {failure ? <Alert className="fz-mb" type="error" showIcon title={failure} /> : null}
      <Form form={form} layout="vertical" disabled={saving} onFinish={(v) => void submit(v)} initialValues={{ text: current?.text ?? '', percent: current?.percent ?? assignment.lastReport?.percent ?? 0 }}>
        <Form.Item label={t('mytasks.text')} name="text" rules={[zodRule(assignmentReportInput.shape.text)]}>
          <Input.TextArea rows={5} maxLength={4000} showCount placeholder={t('mytasks.textPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('mytasks.percent')}>
          {/* Drag, or type the exact figure: both edit the same field. */}
          <Flex gap={16} align="center">
            <Form.Item name="percent" noStyle>
              <Slider marks={{ 0: '0', 50: '50', 100: '100' }} style={{ flex: 1 }} />
            </Form.Item>
            <Form.Item name="percent" noStyle>
              <InputNumber min={0} max={100} precision={0} suffix="%" aria-label={t('mytasks.percent')} style={{ width: 96 }} />
            </Form.Item>
          </Flex>
        </Form.Item>
        <Form.Item label={t('mytasks.files')}>
          <Upload.Dragger multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)} accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.doc,.xls">
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
