import type { ReactNode } from 'react';
import { Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ITEM_CATEGORIES, ITEM_CATEGORY_LABELS, itemUpdateInput } from '@fz/domain';
import type { ItemCategory } from '@fz/domain';
import { useTRPC } from '../../../app/trpc';
import type { ItemDetail } from '../../../app/trpc';
import { useLang, useT } from '../../../i18n';
import { enumLabel } from '../../../i18n/labels';
import { zodRule } from '../../../shared/zodRule';
import { useItemChange } from './useItemMutation';

export type EditDialog = 'update' | 'assign' | 'delegate' | 'flag' | 'notify';

interface DialogProps {
  item: ItemDetail;
  onClose: () => void;
}

/** A modal with a form whose submit runs one item change; closes when it went through. */
function FormDialog<V extends object>({ title, form, pending, onSubmit, onClose, children, danger }: { title: string; form: ReturnType<typeof Form.useForm<V>>[0]; pending: boolean; onSubmit: (v: V) => Promise<boolean>; onClose: () => void; children: ReactNode; danger?: boolean }) {
  const t = useT();
  return (
    <Modal title={title} open onCancel={onClose} onOk={() => form.submit()} okText={t('common.ok')} okButtonProps={{ danger }} cancelText={t('common.cancel')} confirmLoading={pending} destroyOnHidden>
      <Form<V> form={form} layout="vertical" disabled={pending} onFinish={(v) => void onSubmit(v).then((ok) => ok && onClose())}>
        {children}
      </Form>
    </Modal>
  );
}

const fields = itemUpdateInput.shape;

function UpdateDialog({ item, onClose }: DialogProps) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const [form] = Form.useForm<{ problem: string; requirement: string; category: ItemCategory }>();
  const m = useMutation(trpc.items.update.mutationOptions());
  const run = useItemChange(item.id);
  return (
    <FormDialog
      title={t('edit.updateTitle')}
      form={form}
      pending={m.isPending}
      onClose={onClose}
      onSubmit={(v) => run(() => m.mutateAsync({ id: item.id, version: item.version, ...v }), t('edit.saved'))}
    >
      <Form.Item label={t('item.problem')} name="problem" initialValue={item.problem} rules={[zodRule(fields.problem)]}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item label={t('item.requirement')} name="requirement" initialValue={item.requirement} rules={[zodRule(fields.requirement)]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item label={t('item.category')} name="category" initialValue={item.category}>
        <Select options={ITEM_CATEGORIES.map((c) => ({ value: c, label: enumLabel(ITEM_CATEGORY_LABELS, c, lang) }))} />
      </Form.Item>
    </FormDialog>
  );
}

function AssignDialog({ item, onClose }: DialogProps) {
  const t = useT();
  const trpc = useTRPC();
  const [form] = Form.useForm<{ unitId: number }>();
  const units = useQuery(trpc.units.list.queryOptions({ jurisdictionId: item.jurisdictionId, limit: 200 }));
  const m = useMutation(trpc.items.assign.mutationOptions());
  const run = useItemChange(item.id);
  return (
    <FormDialog title={t('edit.assignTitle')} form={form} pending={m.isPending} onClose={onClose} onSubmit={(v) => run(() => m.mutateAsync({ id: item.id, version: item.version, unitId: v.unitId }), t('edit.saved'))}>
      <Form.Item label={t('item.unit')} name="unitId" initialValue={item.responsibleUnitId ?? undefined} rules={[{ required: true, message: t('edit.selectUnit') }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} loading={units.isPending} placeholder={t('edit.selectUnit')} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
      </Form.Item>
    </FormDialog>
  );
}

function DelegateDialog({ item, onClose }: DialogProps) {
  const t = useT();
  const trpc = useTRPC();
  const [form] = Form.useForm<{ townshipId: number; unitId?: number }>();
  const townshipId = Form.useWatch('townshipId', form);
  const townships = useQuery(trpc.jurisdictions.children.queryOptions({ parentId: item.jurisdictionId }));
  const units = useQuery(trpc.units.list.queryOptions({ jurisdictionId: townshipId ?? 0, limit: 200 }, { enabled: !!townshipId }));
  const m = useMutation(trpc.items.delegate.mutationOptions());
  const run = useItemChange(item.id);
  return (
    <FormDialog title={t('edit.delegateTitle')} form={form} pending={m.isPending} onClose={onClose} onSubmit={(v) => run(() => m.mutateAsync({ id: item.id, version: item.version, townshipId: v.townshipId, unitId: v.unitId }), t('edit.saved'))}>
      <Form.Item label={t('edit.township')} name="townshipId" rules={[{ required: true, message: '请选择乡镇(街道)' }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} loading={townships.isPending} options={(townships.data ?? []).map((j) => ({ value: j.id, label: j.name }))} onChange={() => form.setFieldValue('unitId', undefined)} />
      </Form.Item>
      <Form.Item label={t('edit.townshipUnit')} name="unitId" extra={t('edit.townshipUnitHint')}>
        <Select allowClear disabled={!townshipId} loading={units.isFetching} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
      </Form.Item>
    </FormDialog>
  );
}

function FlagDialog({ item, onClose }: DialogProps) {
  const t = useT();
  const trpc = useTRPC();
  const [form] = Form.useForm<{ reason: string }>();
  const m = useMutation(trpc.items.flag.mutationOptions());
  const run = useItemChange(item.id);
  return (
    <FormDialog title={t('edit.flagTitle')} form={form} pending={m.isPending} danger onClose={onClose} onSubmit={(v) => run(() => m.mutateAsync({ id: item.id, version: item.version, flagged: true, reason: v.reason }), t('edit.saved'))}>
      <Form.Item label={t('item.flagReason')} name="reason" rules={[{ required: true, whitespace: true, message: '挂牌督办须填写理由' }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormDialog>
  );
}

function NotifyDialog({ item, onClose }: DialogProps) {
  const t = useT();
  const trpc = useTRPC();
  const [form] = Form.useForm<{ text: string; requiresReply: boolean; replyBy?: Dayjs }>();
  const m = useMutation(trpc.notices.send.mutationOptions());
  const run = useItemChange(item.id);
  return (
    <FormDialog
      title={t('notice.sendTitle')}
      form={form}
      pending={m.isPending}
      onClose={onClose}
      onSubmit={(v) => run(() => m.mutateAsync({ itemId: item.id, text: v.text, requiresReply: v.requiresReply, replyBy: v.requiresReply && v.replyBy ? v.replyBy.format('YYYY-MM-DD') : null }), t('notice.sent'))}
    >
      <Form.Item label={t('notice.to')}>
        <Input value={item.unitName ?? ''} disabled />
      </Form.Item>
      <Form.Item label={t('notice.text')} name="text" rules={[{ required: true, whitespace: true, message: '不能为空' }]}>
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('notice.textPlaceholder')} />
      </Form.Item>
      <div className="fz-form-row">
        <Form.Item name="requiresReply" valuePropName="checked" initialValue={true}>
          <Checkbox>{t('notice.requiresReply')}</Checkbox>
        </Form.Item>
        <Form.Item label={t('notice.replyBy')} name="replyBy">
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
      </div>
    </FormDialog>
  );
}

export function ItemEditDialog({ item, dialog, onClose }: DialogProps & { dialog: EditDialog | null }) {
  switch (dialog) {
    case 'update':
      return <UpdateDialog item={item} onClose={onClose} />;
    case 'assign':
      return <AssignDialog item={item} onClose={onClose} />;
    case 'delegate':
      return <DelegateDialog item={item} onClose={onClose} />;
    case 'flag':
      return <FlagDialog item={item} onClose={onClose} />;
    case 'notify':
      return <NotifyDialog item={item} onClose={onClose} />;
    default:
      return null;
  }
}
