import { Badge } from 'antd';
import { useT } from '../i18n';

export function StatusTag({ active }: { active: boolean }) {
  const t = useT();
  return <Badge status={active ? 'success' : 'default'} text={active ? t('common.active') : t('common.inactive')} />;
}
