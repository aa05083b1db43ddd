import { useState } from 'react';
import { Avatar, Dropdown } from 'antd';
import type { MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, WarningOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { useT } from '../../i18n';
import { useMe } from '../auth/session';
import { useLogout } from '../auth/useLogout';
import { ChangePasswordModal } from '../auth/ChangePasswordModal';

export function UserMenu() {
  const t = useT();
  const me = useMe();
  const logout = useLogout();
  const [changing, setChanging] = useState(false);
  const navigate = useNavigate();
  const ability = useAppAbility();

  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <span className="fz-usermenu-who">
          {me.user.username} · {me.unit.name}
        </span>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword'), onClick: () => setChanging(true) },
    ...(ability.can('read', 'JobQueue') ? [{ key: 'jobs', icon: <WarningOutlined />, label: t('jobs.menu'), onClick: () => void navigate('/system/jobs') }] : []),
    { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), danger: true, onClick: logout },
  ];

  return (
    <>
      <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
        <button type="button" className="fz-usermenu" aria-label={`${t('shell.userMenu')}: ${me.user.displayName}`}>
          <Avatar size={28} className="fz-avatar">
            {me.user.displayName.slice(0, 1)}
          </Avatar>
          <span className="fz-usermenu-text">
            <span className="fz-usermenu-name">{me.user.displayName}</span>
            <span className="fz-usermenu-unit">{me.unit.name}</span>
          </span>
          <DownOutlined className="fz-usermenu-caret" />
        </button>
      </Dropdown>
      <ChangePasswordModal open={changing} onClose={() => setChanging(false)} />
    </>
  );
}
