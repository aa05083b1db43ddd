import { useState } from 'react';
import { Checkbox, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTRPC } from '../../app/trpc';
import type { NoticeItem } from '../../app/trpc';
import { useT } from '../../i18n';
import { KeysetTable } from '../../shared/KeysetTable';
import { NoticeActions } from './NoticeActions';
import { NoticeStatus } from './NoticeStatus';

const PAGE_SIZE = 50;

/** /notices — 督办通知 addressed to the caller's unit, newest first, unread highlighted. */
export function NoticesPage() {
  const t = useT();
  const trpc = useTRPC();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useInfiniteQuery(trpc.notices.inbox.infiniteQueryOptions({ unreadOnly, limit: PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  const unread = list.data?.pages[0]?.unreadCount ?? 0;

  const columns: TableColumnsType<NoticeItem> = [
    { title: t('notice.sentAt'), dataIndex: 'sentAt', width: 150, render: (_v, n) => <span className="fz-mono fz-nowrap">{dayjs(n.sentAt).format('YYYY-MM-DD HH:mm')}</span> },
    { title: t('notice.from'), dataIndex: 'fromName', width: 120 },
    {
      title: t('notice.text'),
      dataIndex: 'text',
      minWidth: 320,
      render: (_v, n) => (
        <>
          <Typography.Paragraph className={`fz-m-0 fz-prewrap${n.readAt ? '' : ' fz-strong'}`}>{n.text}</Typography.Paragraph>
          {n.reply ? <div className="fz-reply fz-small">{n.reply}</div> : null}
        </>
      ),
    },
    {
      title: t('notice.item'),
      key: 'item',
      width: 240,
      render: (_v, n) => (
        <Link to={`/items/${n.itemId}`}>
          <span className="fz-mono">{n.itemNumber ?? ''}</span>
          <Typography.Paragraph className="fz-m-0 fz-small" ellipsis={{ rows: 2, tooltip: n.itemProblem }}>
            {n.itemProblem ?? t('notice.openItem')}
          </Typography.Paragraph>
        </Link>
      ),
    },
    { title: t('notice.replyBy'), dataIndex: 'replyBy', width: 110, className: 'fz-nowrap', render: (_v, n) => <span className="fz-mono">{n.replyBy ?? '—'}</span> },
    { title: t('common.status'), key: 'status', width: 170, render: (_v, n) => <NoticeStatus readAt={n.readAt} requiresReply={n.requiresReply} repliedAt={n.repliedAt} /> },
    { title: t('common.actions'), key: 'actions', width: 170, render: (_v, n) => <NoticeActions notice={n} /> },
  ];

  return (
    <div className="fz-node">
      <div className="fz-node-head">
        <div className="fz-node-title">
          <Typography.Title level={3} className="fz-m-0">
            {t('notice.inbox')}
          </Typography.Title>
          <span className="fz-muted">{t('notice.unreadCount', { n: unread })}</span>
        </div>
      </div>
      <div className="fz-panel">
        <div className="fz-toolbar">
          <Checkbox checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)}>
            {t('notice.unreadOnly')}
          </Checkbox>
        </div>
        <KeysetTable<NoticeItem> query={list} columns={columns} rowClassName={(n) => (n.readAt ? '' : 'fz-row-unread')} emptyText={t('notice.empty')} />
      </div>
    </div>
  );
}
