import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { noticeReplyInput } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useT } from '../../i18n';
import { zodRule } from '../../shared/zodRule';

interface NoticeState {
  id: number;
  readAt: string | null;
  requiresReply: boolean;
  repliedAt: string | null;
}

/** 标为已阅 and 回复 for a notice addressed to the caller's unit. */
export function NoticeActions({ notice }: { notice: NoticeState }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [replying, setReplying] = useState(false);
  const [form] = Form.useForm<{ reply: string }>();
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.notices.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.items.get.pathKey() })]);
  const markRead = useMutation(trpc.notices.markRead.mutationOptions({ onSuccess: refresh, onError: (e) => void message.error(errorMessage(e, t('common.networkError'))) }));
  const reply = useMutation(trpc.notices.reply.mutationOptions());

  const send = async (v: { reply: string }) => {
    try {
      await reply.mutateAsync({ id: notice.id, reply: v.reply });
      void message.success(t('notice.replied'));
      setReplying(false);
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e, t('common.networkError')));
    }
  };

  return (
    <Space size={4}>
      {notice.readAt === null ? (
        <Button size="small" loading={markRead.isPending} onClick={() => markRead.mutate({ id: notice.id })}>
          {t('notice.markRead')}
        </Button>
      ) : null}
      {notice.requiresReply && notice.repliedAt === null ? (
        <Button size="small" type="primary" onClick={() => setReplying(true)}>
          {t('notice.reply')}
        </Button>
      ) : null}
      <Modal title={t('notice.replyTitle')} open={replying} onCancel={() => setReplying(false)} onOk={() => form.submit()} okText={t('notice.reply')} cancelText={t('common.cancel')} confirmLoading={reply.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" disabled={reply.isPending} onFinish={(v) => void send(v)}>
          <Form.Item label={t('notice.replyText')} name="reply" rules={[zodRule(noticeReplyInput.shape.reply)]}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
