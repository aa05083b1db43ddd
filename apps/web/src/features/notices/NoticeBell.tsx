import { Badge, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTRPC } from '../../app/trpc';
import { useAppAbility } from '../../app/ability';
import { useT } from '../../i18n';

/** The header's bell: unread 督办通知 of the caller's unit, refreshed every minute. */
export function NoticeBell() {
  const t = useT();
  const trpc = useTRPC();
  const ability = useAppAbility();
  const canRead = ability.can('reply', 'Notice');
  const inbox = useQuery(trpc.notices.inbox.queryOptions({ unreadOnly: true, limit: 1 }, { enabled: canRead, refetchInterval: 60_000 }));
  if (!canRead) return null;
  const n = inbox.data?.unreadCount ?? 0;
  return (
    <Tooltip title={t('notice.unreadCount', { n })}>
      <Link to="/notices" className="fz-bell" aria-label={`${t('notice.inbox')} ${t('notice.unreadCount', { n })}`}>
        <Badge count={n} size="small" overflowCount={99}>
          <BellOutlined />
        </Badge>
      </Link>
    </Tooltip>
  );
}
