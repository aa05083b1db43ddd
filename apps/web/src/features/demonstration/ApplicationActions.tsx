import { useState } from 'react';
import { Button, Form, Input, InputNumber, Modal, Popconfirm, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { APPLICATION_EVENT_LABELS } from '@fz/domain';
import type { ApplicationEvent } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { ApplicationDetail } from '../../app/trpc';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import { useApplicationChange } from './useApplicationChange';

const NEEDS_REASON: readonly ApplicationEvent[] = ['return', 'fail'];
const PRIMARY: readonly ApplicationEvent[] = ['submit', 'startReview', 'completeReview', 'name'];

/** The buttons the server allows now (申报, 初审, 退回, 命名 …) and the owner's evaluation. */
export function ApplicationActions({ app }: { app: ApplicationDetail }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const run = useApplicationChange(app.id);
  const transition = useMutation(trpc.demonstration.applications.transition.mutationOptions());
  const evaluate = useMutation(trpc.demonstration.applications.evaluate.mutationOptions());
  const [asking, setAsking] = useState<ApplicationEvent | 'evaluate' | null>(null);
  const [form] = Form.useForm<{ reason?: string; satisfactionScore?: number; comment?: string }>();
  const label = (e: ApplicationEvent) => enumLabel(APPLICATION_EVENT_LABELS, e, lang);
  const fire = (event: ApplicationEvent, reason?: string) => run(() => transition.mutateAsync({ id: app.id, version: app.version, event, reason: reason ?? null }), t('app.eventDone', { event: label(event) }));

  const submitDialog = async (v: { reason?: string; satisfactionScore?: number; comment?: string }) => {
    const ok =
      asking === 'evaluate'
        ? await run(() => evaluate.mutateAsync({ id: app.id, version: app.version, satisfactionScore: v.satisfactionScore ?? 0, comment: v.comment ?? '' }), t('app.evaluated'))
        : asking
          ? await fire(asking, v.reason)
          : false;
    if (ok) setAsking(null);
  };

  return (
    <Space wrap>
      {app.allowed.events.map((e) =>
        NEEDS_REASON.includes(e) ? (
          <Button key={e} danger onClick={() => setAsking(e)}>
            {label(e)}
          </Button>
        ) : (
          <Popconfirm key={e} title={e === 'submit' ? t('app.submitConfirm') : `${label(e)}?`} okText={label(e)} cancelText={t('common.cancel')} onConfirm={() => fire(e)}>
            <Button type={PRIMARY.includes(e) ? 'primary' : 'default'} loading={transition.isPending}>
              {label(e)}
            </Button>
          </Popconfirm>
        ),
      )}
      {app.allowed.evaluate ? <Button onClick={() => setAsking('evaluate')}>{t('app.evaluate')}</Button> : null}
      <Modal
        open={asking !== null}
        title={asking === 'evaluate' ? t('app.evaluate') : asking ? label(asking) : ''}
        onCancel={() => setAsking(null)}
        onOk={() => form.submit()}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        confirmLoading={transition.isPending || evaluate.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void submitDialog(v)} preserve={false}>
          {asking === 'evaluate' ? (
            <>
              <Form.Item label={t('app.satisfaction')} name="satisfactionScore" rules={[{ required: true, message: '请填写满意度得分' }]} initialValue={app.satisfactionScore ?? undefined}>
                <InputNumber min={0} max={100} step={0.5} precision={1} />
              </Form.Item>
              <Form.Item label={t('app.evaluateComment')} name="comment">
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          ) : (
            <Form.Item label={t('app.reason')} name="reason" rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
