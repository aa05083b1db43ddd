import { Card, List, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ItemDetail } from '../../../app/trpc';
import { subjectIn, useAppAbility } from '../../../app/ability';
import { useT } from '../../../i18n';
import { NoticeActions } from '../../notices/NoticeActions';
import { NoticeStatus } from '../../notices/NoticeStatus';

type Notice = ItemDetail['notices'][number];

/** 督办通知 sent about this item, with the unit's receipt and reply. */
export function NoticesCard({ item }: { item: ItemDetail }) {
  const t = useT();
  const ability = useAppAbility();
  if (item.notices.length === 0) return null;
  return (
    <Card size="small" title={`${t('notice.title')}(${item.notices.length})`} className="fz-mb">
      <List<Notice>
        size="small"
        dataSource={item.notices}
        renderItem={(n) => (
          <List.Item
            actions={ability.can('reply', subjectIn('Notice', item.jurisdictionId, { unitId: n.unitId })) ? [<NoticeActions key="a" notice={n} />] : undefined}
          >
            <List.Item.Meta
              title={
                <span className="fz-small fz-muted">
                  {n.fromName} · {dayjs(n.sentAt).format('YYYY-MM-DD HH:mm')}
                  {n.replyBy ? ` · ${t('notice.replyBy')} ${n.replyBy}` : ''}
                </span>
              }
              description={
                <>
                  <Typography.Paragraph className="fz-prewrap fz-m-0 fz-text">{n.text}</Typography.Paragraph>
                  <NoticeStatus readAt={n.readAt} requiresReply={n.requiresReply} repliedAt={n.repliedAt} />
                  {n.reply ? (
                    <div className="fz-reply">
                      <div className="fz-small fz-muted">{t('notice.repliedBy', { name: n.repliedByName ?? '', at: dayjs(n.repliedAt).format('YYYY-MM-DD HH:mm') })}</div>
                      <Typography.Paragraph className="fz-prewrap fz-m-0">{n.reply}</Typography.Paragraph>
                    </div>
                  ) : null}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
