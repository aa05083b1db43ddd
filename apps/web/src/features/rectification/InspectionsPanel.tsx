import { useState } from 'react';
import { App, Button, Progress, Select, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { INSPECTION_STATUS_LABELS, INSPECTION_TYPES, INSPECTION_TYPE_LABELS } from '@fz/domain';
import type { InspectionType } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { InspectionItem } from '../../app/trpc';
import { useAppAbility } from '../../app/ability';
import { useLang, useT } from '../../i18n';
import { enumLabel } from '../../i18n/labels';
import { KeysetTable } from '../../shared/KeysetTable';
import { useMe } from '../auth/session';
import { useNode } from '../shell/nodeContext';
import { InspectionCreateModal } from './InspectionCreateModal';

const PAGE_SIZE = 50;

/** /j/:id/inspections — inspections of this jurisdiction or anything below it, newest first. */
export function InspectionsPanel() {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const node = useNode();
  const me = useMe();
  const ability = useAppAbility();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [type, setType] = useState<InspectionType | undefined>();
  const [creating, setCreating] = useState(false);

  const list = useInfiniteQuery(trpc.inspections.list.infiniteQueryOptions({ jurisdictionId: node.id, type, limit: PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  // A supervisor opens inspections of levels below their own; the dialog offers only those.
  const canCreate = ability.can('create', 'Inspection');

  const columns: TableColumnsType<InspectionItem> = [
    { title: t('insp.title'), dataIndex: 'title', minWidth: 280, render: (_v, r) => <Link to={`/inspections/${r.id}`}>{r.title}</Link> },
    { title: t('insp.type'), dataIndex: 'type', width: 110, render: (_v, r) => enumLabel(INSPECTION_TYPE_LABELS, r.type, lang) },
    { title: t('insp.supervising'), dataIndex: 'supervisingName', width: 110 },
    { title: t('insp.targets'), key: 'targets', width: 180, render: (_v, r) => r.targets.map((x) => <Tag key={x.id}>{x.name}</Tag>) },
    { title: t('insp.period'), key: 'period', width: 200, render: (_v, r) => <span className="fz-mono fz-nowrap">{`${r.periodStart} ~ ${r.periodEnd}`}</span> },
    { title: t('insp.itemCount'), dataIndex: 'itemCount', width: 80, align: 'right' },
    {
      title: t('insp.progress'),
      key: 'progress',
      width: 150,
      render: (_v, r) => (r.itemCount ? <Progress size="small" percent={Math.round((r.closedCount / r.itemCount) * 100)} format={() => `${r.closedCount}/${r.itemCount}`} /> : <span className="fz-muted">—</span>),
    },
    { title: t('insp.overdueCount'), dataIndex: 'overdueCount', width: 70, align: 'right', render: (_v, r) => (r.overdueCount ? <span className="fz-text-red">{r.overdueCount}</span> : 0) },
    { title: t('insp.status'), dataIndex: 'status', width: 100, render: (_v, r) => enumLabel(INSPECTION_STATUS_LABELS, r.status, lang) },
  ];

  return (
    <div className="fz-panel">
      <div className="fz-toolbar">
        <Select
          allowClear
          className="fz-filter-w200"
          placeholder={t('insp.type')}
          aria-label={t('insp.type')}
          value={type}
          onChange={setType}
          options={INSPECTION_TYPES.map((k) => ({ value: k, label: enumLabel(INSPECTION_TYPE_LABELS, k, lang) }))}
        />
        <span className="fz-grow" />
        {canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('insp.create')}
          </Button>
        ) : null}
      </div>
      <KeysetTable<InspectionItem> query={list} columns={columns} emptyText={t('insp.empty')} />
      <InspectionCreateModal
        open={creating}
        ownId={me.jurisdiction.id}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          void message.success(t('insp.created', { title: created.title }));
          void navigate(`/inspections/${created.id}`);
        }}
      />
    </div>
  );
}
