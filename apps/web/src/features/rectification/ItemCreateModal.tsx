import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ITEM_CATEGORIES, ITEM_CATEGORY_LABELS, itemCreateInput } from '@fz/domain';
import type { ItemCategory } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { InspectionDetail } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import { zodRule } from '../../shared/zodRule';

interface Values {
  targetId: number;
  number: string;
  problem: string;
  category: ItemCategory;
  requirement: string;
  responsibleUnitId?: number;
  deadline: Dayjs;
}

const fields = itemCreateInput.shape;

/** 新增反馈问题: one finding of the inspection, issued (交办) to one of its targets. */
export function ItemCreateModal({ inspection, open, onClose, onCreated }: { inspection: InspectionDetail; open: boolean; onClose: () => void; onCreated: (number: string) => void }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const targetId = Form.useWatch('targetId', form);
  const units = useQuery(trpc.units.list.queryOptions({ jurisdictionId: targetId ?? 0, limit: 200 }, { enabled: open && !!targetId }));
  const create = useMutation(trpc.items.create.mutationOptions());

  const submit = async (v: Values) => {
    const input = itemCreateInput.safeParse({ ...v, inspectionId: inspection.id, deadline: v.deadline.format('YYYY-MM-DD') });
    if (!input.success) return;
    try {
      const item = await create.mutateAsync(input.data);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.items.list.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.inspections.pathKey() }),
      ]);
      onCreated(item.number);
      onClose();
    } catch {
      // Shown in the alert above the form.
    }
  };

  return (
    <Modal
      title={t('insp.addItemTitle')}
      open={open}
      width={720}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      afterClose={() => create.reset()}
    >
      {create.error ? <Alert className="fz-mb" type="error" showIcon title={errorMessage(create.error, t('common.networkError'))} /> : null}
      <Form<Values>
        form={form}
        name="item"
        layout="vertical"
        disabled={create.isPending}
        onFinish={(v) => void submit(v)}
        initialValues={{ targetId: inspection.targets.length === 1 ? inspection.targets[0]?.id : undefined, category: 'enforcement' }}
      >
        <div className="fz-form-row">
          <Form.Item label={t('item.target')} name="targetId" required rules={[{ required: true, message: '请选择督察对象' }]} className="fz-grow">
            <Select options={inspection.targets.map((x) => ({ value: x.id, label: x.name }))} onChange={() => form.setFieldValue('responsibleUnitId', undefined)} />
          </Form.Item>
          <Form.Item label={t('item.number')} name="number" required rules={[zodRule(fields.number)]} className="fz-grow">
            <Input maxLength={40} placeholder="2026-001" />
          </Form.Item>
          <Form.Item label={t('item.category')} name="category" required className="fz-grow">
            <Select options={ITEM_CATEGORIES.map((c) => ({ value: c, label: enumLabel(ITEM_CATEGORY_LABELS, c, lang) }))} />
          </Form.Item>
        </div>
        <Form.Item label={t('item.problem')} name="problem" required rules={[zodRule(fields.problem)]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item label={t('item.requirement')} name="requirement" required rules={[zodRule(fields.requirement)]}>
          <Input.TextArea rows={2} maxLength={2000} showCount />
        </Form.Item>
        <div className="fz-form-row">
          <Form.Item label={t('item.unit')} name="responsibleUnitId" className="fz-grow" extra={t('insp.unitHint')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={units.isFetching} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item label={t('item.deadline')} name="deadline" required rules={[{ required: true, message: '请选择整改时限' }]}>
            <DatePicker />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
