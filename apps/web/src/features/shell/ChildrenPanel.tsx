import { useMemo, useState } from 'react';
import { Alert, Input, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { childLevel } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { JurisdictionChild } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useT } from '../../i18n';
import { LevelTag } from '../../shared/LevelTag';
import { useNode } from './nodeContext';

const PAGE = 20;

/** The subdivisions of the current node; a row opens that subdivision. */
export function ChildrenPanel() {
  const t = useT();
  const trpc = useTRPC();
  const node = useNode();
  const navigate = useNavigate();
  const [filter, setFilter] = useState('');
  const children = useQuery(trpc.jurisdictions.children.queryOptions({ parentId: node.id }, { staleTime: 10 * 60_000 }));

  const rows = useMemo(() => {
    const f = filter.trim();
    const all = children.data ?? [];
    return f ? all.filter((c) => c.name.includes(f) || c.code.startsWith(f)) : all;
  }, [children.data, filter]);

  const columns: TableColumnsType<JurisdictionChild> = [
    { title: t('children.name'), dataIndex: 'name', render: (_v, c) => <Link to={`/j/${c.id}`} onClick={(e) => e.stopPropagation()}>{c.name}</Link> },
    { title: t('children.code'), dataIndex: 'code', width: 140, render: (_v, c) => <span className="fz-mono">{c.code}</span> },
    { title: t('children.level'), dataIndex: 'level', width: 110, render: (_v, c) => <LevelTag level={c.level} small /> },
    {
      title: t('children.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (_v, c) => (c.kind === 'development_zone' ? <Tag color="purple">{t('jkind.development_zone')}</Tag> : <span className="fz-muted">{t('jkind.regular')}</span>),
    },
    // Townships have no subdivisions: the column would only repeat 0.
    ...(childLevel(node.level) === 'township' ? [] : [{ title: t('children.count'), dataIndex: 'childCount', width: 100, align: 'right' as const }]),
    { title: '', key: 'open', width: 48, render: () => <RightOutlined className="fz-muted" aria-hidden /> },
  ];

  if (children.error) return <Alert type="error" showIcon title={errorMessage(children.error, t('common.networkError'))} />;

  return (
    <div className="fz-panel">
      {(children.data?.length ?? 0) > 10 ? (
        <div className="fz-toolbar">
          <Input.Search allowClear placeholder={t('children.filter')} aria-label={t('children.filter')} className="fz-toolbar-search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
      ) : null}
      <Table<JurisdictionChild>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={children.isPending}
        locale={{ emptyText: t('children.empty') }}
        pagination={rows.length > PAGE ? { pageSize: PAGE, showSizeChanger: false, size: 'small' } : false}
        onRow={(c) => ({ onClick: () => void navigate(`/j/${c.id}`), className: 'fz-clickable' })}
      />
    </div>
  );
}
