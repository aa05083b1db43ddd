import { useState } from 'react';
import { Alert, App, Button, Popconfirm, Select, Skeleton, Space, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { SYSTEM_VERSION_STATUS_LABELS } from '@fz/domain';
import { CSRF_HEADER, useTRPC } from '../../app/trpc';
import type { RouterOutputs } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { enumLabel, levelLabel } from '../../i18n/labels';
import { downloadFile } from '../../shared/download';
import { IndicatorModal } from './IndicatorModal';
import type { IndicatorDraft } from './IndicatorModal';
import { Unreachable, isUnreachable, positiveId } from '../../shared/Unreachable';

type Detail = RouterOutputs['demonstration']['systems']['get'];
type TreeNode = Detail['tree'][number];
/** A table row: antd draws an expand button for any `children` array, so leaves get none. */
type Node = Omit<TreeNode, 'children'> & { children?: Node[] };
const rowsOf = (nodes: readonly TreeNode[]): Node[] => nodes.map((n) => ({ ...n, children: n.children.length ? rowsOf(n.children as TreeNode[]) : undefined }));

/** /standards/:id — one version of an indicator system: its tree; a draft is edited, imported, published. */
export function StandardPage() {
  const t = useT();
  const trpc = useTRPC();
  const id = positiveId(useParams().id);
  const q = useQuery(trpc.demonstration.systems.get.queryOptions({ id: id ?? 0 }, { enabled: id !== null }));
  if (id === null || (q.error && isUnreachable(q.error))) return <Unreachable title="std.notFoundTitle" tab="demo" />;
  if (q.error) return <Alert type="error" showIcon title={errorMessage(q.error, t('common.networkError'))} />;
  if (!q.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <StandardView v={q.data} />;
}

function StandardView({ v }: { v: Detail }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<IndicatorDraft | null>(null);
  const publish = useMutation(trpc.demonstration.systems.publish.mutationOptions());
  const newDraft = useMutation(trpc.demonstration.systems.newDraft.mutationOptions());
  const remove = useMutation(trpc.demonstration.systems.deleteIndicator.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.demonstration.systems.pathKey() });
  const run = async (p: Promise<unknown>, ok: string): Promise<boolean> => {
    try {
      await p;
      void message.success(ok);
      return true;
    } catch (e) {
      void message.error(errorMessage(e, t('common.networkError')));
      return false;
    } finally {
      await refresh();
    }
  };

  const importFile = async (file: File) => {
    const body = new FormData();
    body.append('file', file, file.name);
    const res = await fetch(`/api/demonstration/versions/${v.id}/import?version=${v.version}`, { method: 'POST', body, headers: CSRF_HEADER, credentials: 'same-origin' });
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) void message.success(t('std.saved'));
    else {
      const b = (json ?? {}) as { message?: string; error?: { message?: string }; errors?: Array<{ row: number; column?: string; message: string }> };
      const rows = (b.errors ?? []).slice(0, 5).map((e) => `${t('insp.importRow', { row: e.row })}${e.column ? `(${e.column})` : ''}:${e.message}`);
      void message.error({ content: [b.error?.message ?? b.message ?? t('common.networkError'), ...rows].join(';'), duration: 8 });
    }
    await refresh();
  };

  const columns: TableColumnsType<Node> = [
    { title: t('std.code'), key: 'code', width: 110, render: (_v, n) => <span className="fz-mono">{n.code}</span> },
    { title: t('std.indicator'), key: 'name', render: (_v, n) => (n.level === 1 ? <strong>{n.name}</strong> : n.name) },
    { title: t('std.maxScore'), key: 'max', width: 80, align: 'right', render: (_v, n) => (n.leaf ? n.maxScore : <span className="fz-muted">{n.totalMax}</span>) },
    { title: t('std.veto'), key: 'veto', width: 80, render: (_v, n) => (n.veto ? <Tag color="red">{t('std.veto')}</Tag> : null) },
    { title: t('std.guidance'), key: 'g', width: 320, render: (_v, n) => <Typography.Text className="fz-small" ellipsis={{ tooltip: n.guidance }}>{n.guidance}</Typography.Text> },
  ];
  if (v.allowed.edit)
    columns.push({
      title: t('common.actions'),
      key: 'a',
      width: 190,
      render: (_v, n) => (
        <Space size={4}>
          {n.level < 3 ? (
            <Button size="small" type="link" onClick={() => setEditing({ parentId: n.id, code: `${n.code}.`, name: '', maxScore: 1, guidance: '', evidence: '', veto: false, leaf: true })}>
              {t('std.addChild')}
            </Button>
          ) : null}
          <Button size="small" type="link" onClick={() => setEditing({ id: n.id, parentId: n.parentId, code: n.code, name: n.name, maxScore: n.maxScore, guidance: n.guidance ?? '', evidence: n.evidence ?? '', veto: n.veto, leaf: n.leaf })}>
            {t('common.edit')}
          </Button>
          <Popconfirm title={t('std.deleteConfirm', { name: n.name })} okText={t('common.ok')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => run(remove.mutateAsync({ versionId: v.id, version: v.version, id: n.id }), t('std.saved'))}>
            <Button size="small" type="link" danger>
              {t('std.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });

  return (
    <div className="fz-node">
      <div className="fz-node-head">
        <div className="fz-node-title">
          <Typography.Title level={3} className="fz-m-0">
            {v.systemName}
          </Typography.Title>
          <Tag color={v.status === 'published' ? 'green' : 'default'}>{`${t('std.versionNo', { n: v.versionNo })} · ${enumLabel(SYSTEM_VERSION_STATUS_LABELS, v.status, lang)}`}</Tag>
          <Tag>{levelLabel(v.participantLevel, lang)}</Tag>
          <span className="fz-muted fz-small">{`${t('std.maxTotal')} ${v.maxTotal} · ${t('std.passLine')} ${v.passLine} · ${t('std.satisfaction')} ${v.satisfactionPct}`}</span>
        </div>
        <Space wrap>
          <Select size="middle" value={v.id} onChange={(id) => void navigate(`/standards/${id}`)} options={v.versions.map((x) => ({ value: x.id, label: `${t('std.versionNo', { n: x.versionNo })} · ${enumLabel(SYSTEM_VERSION_STATUS_LABELS, x.status, lang)}` }))} />
          <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(`/api/demonstration/versions/${v.id}/export.xlsx`, `${v.systemName}.xlsx`, t('common.networkError')).catch((e: unknown) => void message.error(e instanceof Error ? e.message : t('common.networkError')))}>
            {t('std.export')}
          </Button>
          {v.allowed.edit ? (
            <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => (void importFile(f), false)}>
              <Button icon={<UploadOutlined />} title={t('std.importHint')}>
                {t('std.import')}
              </Button>
            </Upload>
          ) : null}
          {v.allowed.edit ? (
            <Button icon={<PlusOutlined />} onClick={() => setEditing({ parentId: null, code: String(v.tree.length + 1), name: '', maxScore: null, guidance: '', evidence: '', veto: false, leaf: false })}>
              {t('std.addIndicator')}
            </Button>
          ) : null}
          {v.allowed.newDraft ? (
            <Button onClick={() => void newDraft.mutateAsync({ id: v.id }).then((d) => navigate(`/standards/${d.id}`), (e: unknown) => void message.error(errorMessage(e, t('common.networkError'))))}>{t('std.newDraft')}</Button>
          ) : null}
          {v.allowed.publish ? (
            <Popconfirm title={t('std.publishConfirm')} okText={t('std.publish')} cancelText={t('common.cancel')} onConfirm={() => run(publish.mutateAsync({ id: v.id, version: v.version }), t('std.published'))}>
              <Button type="primary">{t('std.publish')}</Button>
            </Popconfirm>
          ) : null}
        </Space>
      </div>
      {v.status === 'draft' && v.problems.length ? <Alert className="fz-mb fz-mt" type="warning" showIcon title={t('std.problems')} description={v.problems.join(';')} /> : null}
      <Table<Node> className="fz-mt" size="small" rowKey="id" columns={columns} dataSource={rowsOf(v.tree)} pagination={false} expandable={{ defaultExpandAllRows: true }} />
      {editing ? <IndicatorModal versionId={v.id} version={v.version} value={editing} onClose={() => setEditing(null)} onSaved={(p) => run(p, t('std.saved'))} /> : null}
    </div>
  );
}
