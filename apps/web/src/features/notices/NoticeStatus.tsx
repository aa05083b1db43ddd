import { Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../i18n';

/** Read receipt and reply state of a notice, as tags. */
export function NoticeStatus({ readAt, requiresReply, repliedAt }: { readAt: string | null; requiresReply: boolean; repliedAt: string | null }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      {readAt ? <Tag color="default">{t('notice.readAt', { at: dayjs(readAt).format('MM-DD HH:mm') })}</Tag> : <Tag color="orange">{t('notice.unread')}</Tag>}
      {requiresReply ? repliedAt ? <Tag color="green">{t('notice.replied')}</Tag> : <Tag color="red">{t('notice.awaitReply')}</Tag> : <Tag>{t('notice.noReplyNeeded')}</Tag>}
    </Space>
  );
}
