import { CarryOutOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { useT } from '../../i18n';

/** Header link to 我的任务 for anyone whose unit can be handed plan tasks. */
export function MyTasksLink() {
  const t = useT();
  const ability = useAppAbility();
  if (!ability.can('reportProgress', 'PlanAssignment')) return null;
  return (
    <Link to="/tasks" className="fz-header-link">
      <CarryOutOutlined /> {t('mytasks.title')}
    </Link>
  );
}
