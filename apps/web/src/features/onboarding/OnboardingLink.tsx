import { Button } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { subjectIn, useAppAbility } from '../../app/ability';
import { useT } from '../../i18n';

/** 批量导入 in the units and users toolbars, for those the ability lets read the node's imports (its admins and those above). */
export function OnboardingLink({ jurisdictionId }: { jurisdictionId: number }) {
  const t = useT();
  const ability = useAppAbility();
  const navigate = useNavigate();
  if (!ability.can('read', subjectIn('OnboardingImport', jurisdictionId))) return null;
  return (
    <Button icon={<UploadOutlined />} onClick={() => void navigate(`/j/${jurisdictionId}/users/import`)} data-testid="onboarding-open">
      {t('onboarding.open')}
    </Button>
  );
}
