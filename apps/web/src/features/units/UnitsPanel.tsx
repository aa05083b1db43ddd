import { useState } from 'react';
import { App, Button, Checkbox, Input, Popconfirm, Space } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { MESSAGES } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { UnitItem } from '../../app/trpc';
import { errorCode, errorMessage } from '../../app/errors';
import { subjectIn, useAppAbility } from '../../app/ability';
import { useLang, useT } from '../../i18n';
import { unitKindLabel } from '../../i18n/labels';
import { KeysetTable } from '../../shared/KeysetTable';
import { StatusTag } from '../../shared/StatusTag';
import { useDebounced } from '../../shared/useDebounced';
import { useNode } from '../shell/nodeContext';
import { OnboardingLink } from '../onboarding/OnboardingLink';
import { UnitFormModal } from './UnitFormModal';

const PAGE_SIZE = 50;

export function UnitsPanel() {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const node = useNode();
  const ability = useAppAbility();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [modal, setModal] = useState<{ open: boolean; editing: UnitItem | null }>({ open: false, editing: null });
  const search = useDebounced(q.trim(), 300);

  const list = useInfiniteQuery(
    trpc.units.list.infiniteQueryOptions(
      { jurisdictionId: node.id, q: search || undefined, includeInactive, limit: PAGE_SIZE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const canCreate = ability.can('create', subjectIn('Unit', node.id));
  const canUpdate = (u: UnitItem) => ability.can('update', subjectIn('Unit', u.jurisdictionId, { unitId: u.id, id: u.id }));

  const toggle = useMutation(
    trpc.units.update.mutationOptions({
      onSuccess: (u) => void message.success(u.isActive ? t('units.enabled') : t('units.disabled')),
      onError: (e) => void message.error(errorMessage(e, t('common.networkError'))),
      onSettled: (_d, e) => {
        if (!e || errorCode(e) === 'CONFLICT') void queryClient.invalidateQueries({ queryKey: trpc.units.list.pathKey() });
      },
    }),
  );

  const columns: TableColumnsType<UnitItem> = [
    { title: t('units.name'), dataIndex: 'name', render: (_v, u) => <span className={u.isActive ? undefined : 'fz-muted'}>{u.name}</span> },
    { title: t('units.shortName'), dataIndex: 'shortName', width: 160 },
    { title: t('units.kind'), dataIndex: 'kind', width: 130, render: (_v, u) => unitKindLabel(u.kind, lang) },
    { title: t('units.sortOrder'), dataIndex: 'sortOrder', width: 90, align: 'right' },
    { title: t('units.userCount'), dataIndex: 'userCount', width: 90, align: 'right' },
    { title: t('common.status'), dataIndex: 'isActive', width: 90, render: (_v, u) => <StatusTag active={u.isActive} /> },
  ];
  if (items.some(canUpdate)) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_v, u) =>
        canUpdate(u) ? (
          <Space size={4}>
            <Button type="link" size="small" onClick={() => setModal({ open: true, editing: u })}>
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={u.isActive ? t('units.disableConfirm', { name: u.name }) : t('units.enableConfirm', { name: u.name })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: u.isActive }}
              onConfirm={() => toggle.mutateAsync({ id: u.id, version: u.version, isActive: !u.isActive }).catch(() => undefined)}
            >
              <Button type="link" size="small" danger={u.isActive}>
                {u.isActive ? t('common.disable') : t('common.enable')}
              </Button>
            </Popconfirm>
          </Space>
        ) : null,
    });
  }

  return (
    <div className="fz-panel">
      <div className="fz-toolbar">
        <Input.Search allowClear className="fz-toolbar-search" placeholder={t('units.searchPlaceholder')} aria-label={t('units.searchPlaceholder')} value={q} onChange={(e) => setQ(e.target.value)} maxLength={50} />
        <Checkbox checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)}>
          {t('common.showInactive')}
        </Checkbox>
        <span className="fz-grow" />
        <OnboardingLink jurisdictionId={node.id} />
        {canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ open: true, editing: null })}>
            {t('units.create')}
          </Button>
        ) : null}
      </div>
      <KeysetTable<UnitItem> query={list} columns={columns} emptyText={t('units.empty')} />
      <UnitFormModal
        jurisdictionId={node.id}
        jurisdictionName={node.name}
        editing={modal.editing}
        open={modal.open}
        onClose={() => setModal((m) => ({ ...m, open: false }))}
        onStale={(msg) => void message.warning(msg || MESSAGES.conflict)}
        onSaved={(msg) => void message.success(msg)}
      />
    </div>
  );
}
