import { useState } from 'react';
import { App, Button, Checkbox, Input, Popconfirm, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { ROLES } from '@fz/domain';
import type { Role } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { UserItem } from '../../app/trpc';
import { errorCode, errorMessage } from '../../app/errors';
import { subjectIn, useAppAbility } from '../../app/ability';
import { useLang, useT } from '../../i18n';
import { roleLabel } from '../../i18n/labels';
import { KeysetTable } from '../../shared/KeysetTable';
import { StatusTag } from '../../shared/StatusTag';
import { useDebounced } from '../../shared/useDebounced';
import { useMe } from '../auth/session';
import { useNode } from '../shell/nodeContext';
import { OnboardingLink } from '../onboarding/OnboardingLink';
import { UserCreateModal } from './UserCreateModal';
import { PasswordRevealModal } from './PasswordReveal';
import type { RevealedPassword } from './PasswordReveal';

const PAGE_SIZE = 50;

/** Roles in their defined order (督察, 管理员, 填报 …), not alphabetical by code. */
function sortRoles(roles: readonly Role[]): Role[] {
  return [...roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
}

export function UsersPanel() {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const node = useNode();
  const me = useMe();
  const ability = useAppAbility();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<RevealedPassword | null>(null);
  const search = useDebounced(q.trim(), 300);

  const list = useInfiniteQuery(
    trpc.users.list.infiniteQueryOptions(
      { jurisdictionId: node.id, q: search || undefined, includeInactive, limit: PAGE_SIZE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const reload = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.pathKey() });

  // Users listed here belong to this node (the list filters on it).
  const record = (u: UserItem) => subjectIn('User', node.id, { id: u.id, unitId: u.unitId });
  const canCreate = ability.can('create', subjectIn('User', node.id));
  const canDeactivate = (u: UserItem) => u.isActive && u.id !== me.user.id && ability.can('deactivate', record(u));
  const canReset = (u: UserItem) => u.isActive && ability.can('resetPassword', record(u));

  const deactivate = useMutation(
    trpc.users.deactivate.mutationOptions({
      onSuccess: () => void message.success(t('users.deactivated')),
      onError: (e) => void message.error(errorMessage(e, t('common.networkError'))),
      onSettled: (_d, e) => {
        if (!e || errorCode(e) === 'CONFLICT') void reload();
      },
    }),
  );
  const reset = useMutation(
    trpc.users.resetPassword.mutationOptions({
      onError: (e) => void message.error(errorMessage(e, t('common.networkError'))),
    }),
  );

  const columns: TableColumnsType<UserItem> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      width: 160,
      render: (_v, u) => (
        <Space size={4}>
          <span className="fz-mono">{u.username}</span>
          {u.isDemo ? <Tag className="fz-tag-xs">{t('users.demo')}</Tag> : null}
          {u.id === me.user.id ? <Tag color="blue" className="fz-tag-xs">{t('users.self')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 200 },
    { title: t('users.unit'), dataIndex: 'unitName' },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (_v, u) => (
        <Space size={[4, 4]} wrap>
          {sortRoles(u.roles).map((r) => (
            <Tag key={r} color={r === 'admin' ? 'gold' : r === 'supervisor' ? 'geekblue' : undefined}>
              {roleLabel(r, lang)}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('common.status'), dataIndex: 'isActive', width: 90, render: (_v, u) => <StatusTag active={u.isActive} /> },
  ];
  if (items.some((u) => canReset(u) || canDeactivate(u))) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_v, u) => (
        <Space size={4}>
          {canReset(u) ? (
            <Popconfirm
              title={t('users.resetConfirm', { name: u.displayName })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                reset
                  .mutateAsync({ id: u.id })
                  .then((r) => setRevealed({ title: t('users.resetTitle'), username: u.username, displayName: u.displayName, password: r.temporaryPassword }))
                  .catch(() => undefined)
              }
            >
              <Button type="link" size="small">
                {t('users.resetPassword')}
              </Button>
            </Popconfirm>
          ) : null}
          {canDeactivate(u) ? (
            <Popconfirm
              title={t('users.deactivateConfirm', { name: u.displayName })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => deactivate.mutateAsync({ id: u.id, version: u.version }).catch(() => undefined)}
            >
              <Button type="link" size="small" danger>
                {t('users.deactivate')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    });
  }

  return (
    <div className="fz-panel">
      <div className="fz-toolbar">
        <Input.Search allowClear className="fz-toolbar-search" placeholder={t('users.searchPlaceholder')} aria-label={t('users.searchPlaceholder')} value={q} onChange={(e) => setQ(e.target.value)} maxLength={50} />
        <Checkbox checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)}>
          {t('common.showInactive')}
        </Checkbox>
        <span className="fz-grow" />
        <OnboardingLink jurisdictionId={node.id} />
        {canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('users.create')}
          </Button>
        ) : null}
      </div>
      <KeysetTable<UserItem> query={list} columns={columns} emptyText={t('users.empty')} />
      <UserCreateModal
        jurisdictionId={node.id}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          void reload();
          void queryClient.invalidateQueries({ queryKey: trpc.units.list.pathKey() });
          setRevealed({ title: t('users.createdTitle'), username: created.user.username, displayName: created.user.displayName, password: created.initialPassword });
        }}
      />
      <PasswordRevealModal value={revealed} onClose={() => setRevealed(null)} />
    </div>
  );
}
