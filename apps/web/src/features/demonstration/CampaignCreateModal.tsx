import { useState } from 'react';
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useT } from '../../i18n';
import { JurisdictionPicker } from '../rectification/JurisdictionPicker';

interface Values {
  name: string;
  year: number;
  versionId: number;
  deadlines: [Dayjs, Dayjs];
  numerator: number;
  denominator: number;
  who: 'all' | 'selected';
  participantIds?: number[];
  vetoFails: boolean;
}

/** 新建创建活动: a published indicator system, deadlines, the target share and who takes part. */
export function CampaignCreateModal({ nodeId, onClose, onCreated }: { nodeId: number; onClose: () => void; onCreated: (id: number) => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const who = Form.useWatch('who', form);
  const [failure, setFailure] = useState<string | null>(null);
  const systems = useQuery(trpc.demonstration.systems.list.queryOptions({ jurisdictionId: nodeId }));
  const create = useMutation(trpc.demonstration.campaigns.create.mutationOptions());
  const published = (systems.data ?? []).flatMap((s) => s.versions.filter((v) => v.status === 'published').map((v) => ({ value: v.id, label: `${s.name} · ${t('std.versionNo', { n: v.versionNo })}` })));

  const submit = async (v: Values) => {
    setFailure(null);
    try {
      const c = await create.mutateAsync({
        name: v.name,
        year: v.year,
        versionId: v.versionId,
        submitDeadline: v.deadlines[0].format('YYYY-MM-DD'),
        reviewDeadline: v.deadlines[1].format('YYYY-MM-DD'),
        target: { numerator: v.numerator, denominator: v.denominator },
        vetoFails: v.vetoFails,
        participantIds: v.who === 'selected' ? v.participantIds : undefined,
      });
      await queryClient.invalidateQueries({ queryKey: trpc.demonstration.campaigns.pathKey() });
      onCreated(c.id);
    } catch (e) {
      setFailure(errorMessage(e, t('common.networkError')));
    }
  };

  return (
    <Modal title={t('camp.create')} open width={680} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={create.isPending} destroyOnHidden>
      {failure ? <Alert className="fz-mb" type="error" showIcon title={failure} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ year: dayjs().year(), numerator: 2, denominator: 3, who: 'all', vetoFails: true }}>
        <Form.Item label={t('camp.name')} name="name" rules={[{ required: true, whitespace: true, message: '不能为空' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <div className="fz-form-row">
          <Form.Item label={t('demo.year')} name="year">
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item label={t('camp.system')} name="versionId" rules={[{ required: true, message: '请选择指标体系' }]} className="fz-grow">
            <Select loading={systems.isPending} options={published} />
          </Form.Item>
        </div>
        <div className="fz-form-row">
          <Form.Item label={t('camp.deadlines')} name="deadlines" rules={[{ required: true, message: '请选择截止日期' }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item label={t('camp.target')} extra={t('camp.targetHint')}>
            <Space.Compact>
              <Form.Item name="numerator" noStyle>
                <InputNumber min={1} max={100} />
              </Form.Item>
              <span className="fz-frac">/</span>
              <Form.Item name="denominator" noStyle>
                <InputNumber min={1} max={100} />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        </div>
        <Form.Item label={t('camp.participants')} name="who">
          <Radio.Group options={[{ value: 'all', label: t('camp.allEligible') }, { value: 'selected', label: t('camp.selected') }]} />
        </Form.Item>
        {who === 'selected' ? (
          <Form.Item name="participantIds" rules={[{ required: true, message: '请选择参与单位' }]}>
            <JurisdictionPicker excludeId={nodeId} placeholder={t('insp.targetsPlaceholder')} />
          </Form.Item>
        ) : null}
        <Form.Item name="vetoFails" valuePropName="checked">
          <Checkbox>{t('camp.vetoFails')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
