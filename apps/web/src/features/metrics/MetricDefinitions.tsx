import { useState } from 'react';
import { Alert, App, Button, Popconfirm, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { METRIC_CYCLE_LABELS, METRIC_KIND_LABELS, METRIC_STATUS_LABELS } from '@fz/domain';
import type { Level } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { RouterOutputs } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { enumLabel, levelLabel } from '../../i18n/labels';
import { MetricFormModal } from './MetricFormModal';

export type MetricDefinition = RouterOutputs['metrics']['list']['items'][number];

/** 指标定义: what this node defines for its levels below, drafts included; create, edit, publish (印发). */
export function MetricDefinitions({ nodeId, nodeLevel }: { nodeId: number; nodeLevel: Level }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery(trpc.metrics.list.queryOptions({ jurisdictionId: nodeId, scope: 'own' }));
  const publish = useMutation(trpc.metrics.publish.mutationOptions());
  const [editing, setEditing] = useState<MetricDefinition | 'new' | null>(null);

  const doPublish = async (m: MetricDefinition) => {
    try {
      await publish.mutateAsync({ id: m.id, version: m.version });
      void message.success(t('metrics.def.published'));
    } catch (e) {
      void message.error(errorMessage(e, t('common.networkError')));
    } finally {
      await queryClient.invalidateQueries({ queryKey: trpc.metrics.pathKey() });
    }
  };

  const columns: TableColumnsType<MetricDefinition> = [
    { title: t('metrics.code'), dataIndex: 'code', width: 90, render: (_v, m) => <span className="fz-mono">{m.code}</span> },
    { title: t('metrics.name'), dataIndex: 'name', minWidth: 220, render: (_v, m) => <span className="fz-strong">{m.name}</span> },
    { title: t('metrics.def.kind'), dataIndex: 'kind', width: 90, render: (_v, m) => enumLabel(METRIC_KIND_LABELS, m.kind, lang) },
    { title: t('metrics.unit'), dataIndex: 'unit', width: 70, render: (_v, m) => m.unit || '—' },
    { title: t('metrics.target'), key: 'target', width: 100, render: (_v, m) => <span className="fz-mono">{m.targetText ?? '—'}</span> },
    { title: t('metrics.cycle'), dataIndex: 'cycle', width: 90, render: (_v, m) => enumLabel(METRIC_CYCLE_LABELS, m.cycle, lang) },
    { title: t('metrics.def.levels'), key: 'levels', width: 130, render: (_v, m) => m.reportingLevels.map((l) => levelLabel(l, lang)).join(lang === 'zh-CN' ? '、' : ', ') },
    { title: t('metrics.def.group'), dataIndex: 'groupName', width: 140 },
    { title: t('metrics.def.status'), dataIndex: 'status', width: 90, render: (_v, m) => <Tag color={m.status === 'published' ? 'green' : 'default'}>{enumLabel(METRIC_STATUS_LABELS, m.status, lang)}</Tag> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_v, m) => (
        <Space size={4}>
          {m.allowed.update ? (
            <Button size="small" type="link" onClick={() => setEditing(m)}>
              {t('common.edit')}
            </Button>
          ) : null}
          {m.allowed.publish ? (
            <Popconfirm title={`${t('metrics.def.publish')} ${m.code}`} description={<div className="fz-confirm-text">{t('metrics.def.publishConfirm')}</div>} okText={t('metrics.def.publish')} cancelText={t('common.cancel')} onConfirm={() => doPublish(m)}>
              <Button size="small" type="link" icon={<SendOutlined />} loading={publish.isPending && publish.variables?.id === m.id}>
                {t('metrics.def.publish')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <div className="fz-toolbar">
        <Alert className="fz-grow" type="info" showIcon title={t('metrics.def.hint')} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('metrics.def.create')}
        </Button>
      </div>
      {list.error ? <Alert className="fz-mb" type="error" showIcon title={errorMessage(list.error, t('common.networkError'))} /> : null}
      <Table<MetricDefinition>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('metrics.def.empty') }}
      />
      {editing !== null ? <MetricFormModal nodeId={nodeId} nodeLevel={nodeLevel} metric={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
