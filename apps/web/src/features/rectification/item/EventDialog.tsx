import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMutation } from '@tanstack/react-query';
import { ITEM_EVENT_LABELS, transitionFor } from '@fz/domain';
import type { ItemEvent } from '@fz/domain';
import { useTRPC } from '../../../app/trpc';
import type { ItemDetail } from '../../../app/trpc';
import { useLang, useT } from '../../../i18n';
import { enumLabel } from '../../../i18n/labels';
import { useItemChange } from './useItemMutation';

interface Values {
  reason?: string;
  note?: string;
  situation?: string;
  newDeadline?: Dayjs;
}

/** Events decided by the supervising level, where an optional review comment (审核意见) belongs. */
const REVIEWS: readonly ItemEvent[] = ['close', 'return', 'approveExtension', 'denyExtension', 'reopen', 'markOngoing'];

/**
 * The dialog of one lifecycle event. Its fields follow the event's requirements in the domain
 * lifecycle (reason, progress note, situation report, new deadline), so the form asks exactly
 * what the server will check.
 */
export function EventDialog({ item, event, onClose }: { item: ItemDetail; event: ItemEvent | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const [form] = Form.useForm<Values>();
  const transition = useMutation(trpc.items.transition.mutationOptions());
  const run = useItemChange(item.id);
  if (!event) return null;
  const requires = transitionFor(event).requires;
  const label = enumLabel(ITEM_EVENT_LABELS, event, lang);
  const required = (msg: string) => [{ required: true, whitespace: true, message: msg }];

  const submit = async (v: Values) => {
    const ok = await run(
      () =>
        transition.mutateAsync({
          id: item.id,
          version: item.version,
          event,
          reason: v.reason?.trim() || null,
          note: v.note?.trim() || null,
          situation: v.situation?.trim() || null,
          newDeadline: v.newDeadline ? v.newDeadline.format('YYYY-MM-DD') : null,
        }),
      t('event.done', { event: label }),
    );
    if (ok) onClose();
  };

  return (
    <Modal
      title={label}
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={label}
      okButtonProps={{ danger: event === 'return' || event === 'denyExtension' }}
      cancelText={t('common.cancel')}
      confirmLoading={transition.isPending}
      destroyOnHidden
    >
      {event === 'requestClosure' ? (
        <Alert
          className="fz-mb"
          type={item.measures && item.evidenceCount > 0 ? 'info' : 'warning'}
          showIcon
          title={t('event.requestClosureHint')}
          description={[!item.measures ? t('event.measuresMissing') : null, item.evidenceCount === 0 ? t('event.evidenceMissing') : null].filter(Boolean).join(';') || undefined}
        />
      ) : null}
      {event === 'close' ? <Alert className="fz-mb" type="info" showIcon title={t('event.closeConfirm')} /> : null}
      {item.pendingExtension && (event === 'approveExtension' || event === 'denyExtension') ? (
        <Alert
          className="fz-mb"
          type="info"
          title={t('item.pendingExtension', { date: item.pendingExtension.newDeadline })}
          description={item.pendingExtension.reason ? t('item.pendingExtensionReason', { reason: item.pendingExtension.reason }) : undefined}
        />
      ) : null}
      <Form<Values> form={form} name={`event-${event}`} layout="vertical" disabled={transition.isPending} onFinish={(v) => void submit(v)}>
        {requires.includes('newDeadline') ? (
          <Form.Item label={t('event.newDeadline')} name="newDeadline" rules={[{ required: true, message: '请选择新的整改时限' }]}>
            <DatePicker disabledDate={(d) => !d.isAfter(dayjs(item.deadline), 'day')} />
          </Form.Item>
        ) : null}
        {requires.includes('reason') ? (
          <Form.Item label={event === 'return' ? t('event.returnReason') : t('event.reason')} name="reason" rules={required('请填写理由')}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        ) : null}
        {requires.includes('situation') ? (
          <Form.Item label={t('event.situation')} name="situation" rules={required('请填写整改情况说明')}>
            <Input.TextArea rows={5} maxLength={4000} showCount placeholder={t('event.situationPlaceholder')} />
          </Form.Item>
        ) : null}
        {requires.includes('note') ? (
          <Form.Item label={t('event.note')} name="note" rules={required('请填写进展情况')}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        ) : REVIEWS.includes(event) ? (
          <Form.Item label={t('event.reviewNote')} name="note">
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
