import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { PARTICIPANT_LEVELS, SYSTEM_VERSION_STATUS_LABELS } from '@fz/domain';
import type { ParticipantLevel } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { RouterOutputs } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { subjectIn, useAppAbility } from '../../app/ability';
import { useLang, useT } from '../../i18n';
import { enumLabel, levelLabel } from '../../i18n/labels';

type System = RouterOutputs['demonstration']['systems']['list'][number];

/** 指标体系 of this node and the published ones above it, each with its versions. */
export function StandardsList({ nodeId }: { nodeId: number }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const ability = useAppAbility();
  const list = useQuery(trpc.demonstration.systems.list.queryOptions({ jurisdictionId: nodeId }));
  const [creating, setCreating] = useState(false);
  const canCreate = ability.can('create', subjectIn('IndicatorSystem', nodeId, { status: 'draft' }));
  return (
    <>
      {canCreate ? (
        <div className="fz-toolbar fz-toolbar-end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('std.create')}
          </Button>
        </div>
      ) : null}
      <Table<System>
        size="small"
        rowKey="id"
        loading={list.isPending}
        pagination={false}
        dataSource={list.data ?? []}
        locale={{ emptyText: list.error ? errorMessage(list.error, t('common.networkError')) : t('std.empty') }}
        columns={[
          { title: t('std.name'), key: 'name', render: (_v, s) => s.name },
          { title: t('std.level'), key: 'level', width: 100, render: (_v, s) => levelLabel(s.participantLevel, lang) },
          {
            title: t('std.version'),
            key: 'versions',
            render: (_v, s) =>
              s.versions.map((v) => (
                <Link key={v.id} to={`/standards/${v.id}`} className="fz-mr-4">
                  <Tag color={v.status === 'published' ? 'green' : 'default'}>{`${t('std.versionNo', { n: v.versionNo })} · ${enumLabel(SYSTEM_VERSION_STATUS_LABELS, v.status, lang)} · ${v.indicatorCount}`}</Tag>
                </Link>
              )),
          },
        ]}
      />
      {creating ? <CreateSystemModal systems={list.data ?? []} onClose={() => setCreating(false)} /> : null}
    </>
  );
}

function CreateSystemModal({ systems, onClose }: { systems: System[]; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; participantLevel: ParticipantLevel; passLine: number; satisfactionPct: number; fromVersionId?: number }>();
  const create = useMutation(trpc.demonstration.systems.create.mutationOptions());
  const submit = async (v: { name: string; participantLevel: ParticipantLevel; passLine: number; satisfactionPct: number; fromVersionId?: number }) => {
    try {
      const created = await create.mutateAsync(v);
      await queryClient.invalidateQueries({ queryKey: trpc.demonstration.systems.pathKey() });
      void message.success(t('std.saved'));
      void navigate(`/standards/${created.id}`);
    } catch (e) {
      void message.error(errorMessage(e, t('common.networkError')));
    }
  };
  const published = systems.flatMap((s) => s.versions.filter((v) => v.status === 'published').map((v) => ({ value: v.id, label: `${s.name} · ${t('std.versionNo', { n: v.versionNo })}` })));
  return (
    <Modal title={t('std.create')} open onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ participantLevel: 'township', passLine: 90, satisfactionPct: 15 }}>
        <Form.Item label={t('std.name')} name="name" rules={[{ required: true, whitespace: true, message: '不能为空' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <div className="fz-form-row">
          <Form.Item label={t('std.level')} name="participantLevel" className="fz-grow">
            <Select options={PARTICIPANT_LEVELS.map((l) => ({ value: l, label: levelLabel(l, lang) }))} />
          </Form.Item>
          <Form.Item label={t('std.passLine')} name="passLine">
            <InputNumber min={0} max={100} step={0.5} />
          </Form.Item>
          <Form.Item label={t('std.satisfaction')} name="satisfactionPct">
            <InputNumber min={0} max={100} />
          </Form.Item>
        </div>
        <Form.Item label={t('std.copyFrom')} name="fromVersionId">
          <Select allowClear options={published} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
