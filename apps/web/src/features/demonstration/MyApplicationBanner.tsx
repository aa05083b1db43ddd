import { Alert, Button } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { EDITABLE_APPLICATION_STATUSES } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import { useAppAbility } from '../../app/ability';
import { useT } from '../../i18n';

/**
 * On a participant's own page: its demonstration applications still to fill in, with how many
 * indicators are left, and one button to continue. A newcomer needs nothing else to find it.
 */
export function MyApplicationBanner({ jurisdictionId }: { jurisdictionId: number }) {
  const t = useT();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const ability = useAppAbility();
  const canFill = ability.can('save', 'Application');
  const list = useQuery(trpc.demonstration.applications.list.queryOptions({ jurisdictionId, limit: 20 }, { enabled: canFill }));
  const open = (list.data?.items ?? []).filter((a) => a.jurisdictionId === jurisdictionId && EDITABLE_APPLICATION_STATUSES.includes(a.status));
  if (!canFill || open.length === 0) return null;
  return (
    <>
      {open.map((a) => (
        <Alert
          key={a.id}
          className="fz-mb"
          type={a.status === 'returned' ? 'error' : 'warning'}
          showIcon
          data-testid="my-application"
          title={a.status === 'returned' ? t('app.bannerReturned', { campaign: a.campaign.name }) : t('app.banner', { campaign: a.campaign.name, done: a.completed, total: a.total, left: a.total - a.completed })}
          action={
            <Button type="primary" onClick={() => void navigate(`/applications/${a.id}`)}>
              {t('app.bannerGo')}
            </Button>
          }
        />
      ))}
    </>
  );
}
