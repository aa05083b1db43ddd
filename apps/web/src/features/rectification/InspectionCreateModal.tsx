import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { INSPECTION_TYPES, INSPECTION_TYPE_LABELS, inspectionCreateInput } from '@fz/domain';
import type { InspectionType } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import { zodRule } from '../../shared/zodRule';
import { JurisdictionPicker } from './JurisdictionPicker';

interface Values {
  type: InspectionType;
  title: string;
  period: [Dayjs, Dayjs];
  team?: string;
  targetIds: number[];
}

const fields = inspectionCreateInput.shape;

/** 新建督察: a supervisor opens an inspection of one or more jurisdictions below their own. */
export function InspectionCreateModal({ open, ownId, onClose, onCreated }: { open: boolean; ownId: number; onClose: () => void; onCreated: (created: { id: number; title: string }) => void }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const create = useMutation(trpc.inspections.create.mutationOptions());

  const submit = async (v: Values) => {
    const input = inspectionCreateInput.safeParse({
      type: v.type,
      title: v.title,
      periodStart: v.period[0].format('YYYY-MM-DD'),
      periodEnd: v.period[1].format('YYYY-MM-DD'),
      team: v.team ?? '',
      targetIds: v.targetIds,
    });
    if (!input.success) return;
    try {
      const created = await create.mutateAsync(input.data);
      await queryClient.invalidateQueries({ queryKey: trpc.inspections.list.pathKey() });
      onCreated(created);
    } catch {
      // Shown in the alert above the form.
    }
  };

  return (
    <Modal
      title={t('insp.createTitle')}
      open={open}
      width={640}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      afterClose={() => create.reset()}
    >
      {create.error ? <Alert className="fz-mb" type="error" showIcon title={errorMessage(create.error, t('common.networkError'))} /> : null}
      <Form<Values> form={form} name="inspection" layout="vertical" disabled={create.isPending} onFinish={(v) => void submit(v)} initialValues={{ type: 'rule_of_law' }}>
        <Form.Item label={t('insp.type')} name="type" required>
          <Select options={INSPECTION_TYPES.map((k) => ({ value: k, label: enumLabel(INSPECTION_TYPE_LABELS, k, lang) }))} />
        </Form.Item>
        <Form.Item label={t('insp.title')} name="title" required rules={[zodRule(fields.title)]}>
          <Input maxLength={100} showCount placeholder={t('insp.titlePlaceholder')} />
        </Form.Item>
        <Form.Item label={t('insp.period')} name="period" required rules={[{ required: true, message: '请选择督察期间' }]}>
          <DatePicker.RangePicker className="fz-w-full" />
        </Form.Item>
        <Form.Item label={t('insp.targets')} name="targetIds" required rules={[zodRule(fields.targetIds, [])]}>
          <JurisdictionPicker excludeId={ownId} placeholder={t('insp.targetsPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('insp.team')} name="team" rules={[zodRule(fields.team)]}>
          <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('insp.teamPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
