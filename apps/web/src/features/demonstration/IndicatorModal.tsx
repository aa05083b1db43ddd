import { Checkbox, Form, Input, InputNumber, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc';
import { useT } from '../../i18n';

export interface IndicatorDraft {
  id?: number;
  parentId: number | null;
  code: string;
  name: string;
  maxScore: number | null;
  guidance: string;
  evidence: string;
  veto: boolean;
  leaf: boolean;
}

/** Adds or edits one indicator of a draft version; the draft's version guards against a stale save. */
export function IndicatorModal({ versionId, version, value, onClose, onSaved }: { versionId: number; version: number; value: IndicatorDraft; onClose: () => void; onSaved: (p: Promise<unknown>) => Promise<boolean> }) {
  const t = useT();
  const trpc = useTRPC();
  const [form] = Form.useForm<IndicatorDraft>();
  const save = useMutation(trpc.demonstration.systems.saveIndicator.mutationOptions());
  return (
    <Modal title={value.id ? t('std.editIndicator') : t('std.addIndicator')} open onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.isPending} destroyOnHidden width={640}>
      <Form<IndicatorDraft>
        form={form}
        layout="vertical"
        initialValues={value}
        onFinish={(v) =>
          void onSaved(save.mutateAsync({ versionId, version, id: value.id, parentId: value.parentId, code: v.code, name: v.name, maxScore: value.leaf ? v.maxScore : null, guidance: v.guidance || null, evidence: v.evidence || null, veto: v.veto })).then((ok) => ok && onClose())
        }
      >
        <div className="fz-form-row">
          <Form.Item label={t('std.code')} name="code" rules={[{ required: true, whitespace: true, message: '不能为空' }]} className="fz-w-120">
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item label={t('std.indicator')} name="name" rules={[{ required: true, whitespace: true, message: '不能为空' }]} className="fz-grow">
            <Input maxLength={200} />
          </Form.Item>
          {value.leaf ? (
            <Form.Item label={t('std.maxScore')} name="maxScore" rules={[{ required: true, message: '请填写分值' }]}>
              <InputNumber min={0} max={100} step={0.5} />
            </Form.Item>
          ) : null}
        </div>
        <Form.Item label={t('std.guidance')} name="guidance">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('std.evidence')} name="evidence">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="veto" valuePropName="checked">
          <Checkbox>{t('std.veto')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
