import { useState } from 'react';
import { Alert, App, Checkbox, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { METRIC_CYCLES, METRIC_CYCLE_LABELS, METRIC_DIRECTIONS, METRIC_DIRECTION_LABELS, METRIC_KINDS, METRIC_KIND_LABELS, TARGET_OPS, TARGET_OP_LABELS, metricCodeSchema } from '@fz/domain';
import type { Level } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { enumLabel, levelLabel } from '../../i18n/labels';
import { zodRule } from '../../shared/zodRule';
import { definitionInput, definitionValues, emptyDefinition, levelsFrom } from './definition';
import type { DefinitionValues } from './definition';
import type { MetricDefinition } from './MetricDefinitions';

/** 新增/编辑指标: a draft's whole definition; a published one keeps what its figures mean (code, kind, unit, cycle, levels). */
export function MetricFormModal({ nodeId, nodeLevel, metric, onClose }: { nodeId: number; nodeLevel: Level; metric: MetricDefinition | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<DefinitionValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const create = useMutation(trpc.metrics.create.mutationOptions());
  const update = useMutation(trpc.metrics.update.mutationOptions());
  const kind = Form.useWatch('kind', form) ?? metric?.kind ?? 'count';
  const targetOp = Form.useWatch('targetOp', form);
  const frozen = metric?.status === 'published';
  const options = <K extends string>(keys: readonly K[], labels: Record<K, Record<'zh-CN' | 'en-US', string>>) => keys.map((k) => ({ value: k, label: enumLabel(labels, k, lang) }));

  const submit = async (v: DefinitionValues) => {
    setFailure(null);
    const checked = definitionInput(v, nodeId);
    if (!checked.ok) {
      if (checked.field) form.setFields([{ name: checked.field, errors: [checked.message] }]);
      else setFailure(checked.message);
      return;
    }
    try {
      if (metric) await update.mutateAsync({ ...checked.fields, id: metric.id, version: metric.version });
      else await create.mutateAsync({ ...checked.fields, jurisdictionId: nodeId });
      void message.success(t('metrics.def.saved'));
      await queryClient.invalidateQueries({ queryKey: trpc.metrics.pathKey() });
      onClose();
    } catch (e) {
      setFailure(errorMessage(e, t('common.networkError')));
      await queryClient.invalidateQueries({ queryKey: trpc.metrics.pathKey() });
    }
  };

  return (
    <Modal
      title={metric ? t('metrics.def.editTitle') : t('metrics.def.createTitle')}
      open
      width={720}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      {frozen ? <Alert className="fz-mb" type="info" showIcon title={t('metrics.def.frozenHint')} /> : null}
      {failure ? <Alert className="fz-mb" type="error" showIcon title={failure} /> : null}
      <Form<DefinitionValues> form={form} layout="vertical" initialValues={metric ? definitionValues(metric) : emptyDefinition(nodeLevel)} onFinish={(v) => void submit(v)}>
        <div className="fz-form-row">
          <Form.Item className="fz-w-160" required label={t('metrics.code')} name="code" rules={[zodRule(metricCodeSchema)]}>
            <Input disabled={frozen} maxLength={30} autoComplete="off" />
          </Form.Item>
          <Form.Item className="fz-grow" label={t('metrics.name')} name="name" rules={[{ required: true, whitespace: true, message: t('auth.required', { field: t('metrics.name') }) }]}>
            <Input maxLength={60} />
          </Form.Item>
        </div>
        <div className="fz-form-row">
          <Form.Item className="fz-grow" label={t('metrics.def.kind')} name="kind">
            <Select disabled={frozen} options={options(METRIC_KINDS, METRIC_KIND_LABELS)} />
          </Form.Item>
          <Form.Item className="fz-grow" label={t('metrics.unit')} name="unit" tooltip={kind === 'rate' ? t('metrics.def.rateUnit') : undefined}>
            <Input disabled={frozen || kind === 'rate'} placeholder={kind === 'rate' ? '%' : t('metrics.def.unitPlaceholder')} maxLength={10} />
          </Form.Item>
          <Form.Item className="fz-grow" label={t('metrics.cycle')} name="cycle">
            <Select disabled={frozen} options={options(METRIC_CYCLES, METRIC_CYCLE_LABELS)} />
          </Form.Item>
          <Form.Item className="fz-grow" label={t('metrics.def.direction')} name="direction">
            <Select options={options(METRIC_DIRECTIONS, METRIC_DIRECTION_LABELS)} />
          </Form.Item>
        </div>
        <Form.Item label={t('metrics.def.levels')} name="reportingLevels" rules={[{ required: true, type: 'array', min: 1, message: t('metrics.def.levelsRequired') }]}>
          <Checkbox.Group disabled={frozen} options={levelsFrom(nodeLevel).map((l) => ({ value: l, label: levelLabel(l, lang) }))} />
        </Form.Item>
        <div className="fz-form-row">
          <Form.Item className="fz-grow" label={kind === 'count' ? t('metrics.def.valueLabel') : t('metrics.def.numeratorLabel')} name="numeratorLabel">
            <Input maxLength={40} />
          </Form.Item>
          {kind !== 'count' ? (
            <Form.Item className="fz-grow" label={t('metrics.def.denominatorLabel')} name="denominatorLabel">
              <Input maxLength={40} />
            </Form.Item>
          ) : null}
        </div>
        <Form.Item label={t('metrics.def.target')}>
          <Space.Compact>
            <Form.Item noStyle name="targetOp">
              <Select<string> className="fz-w-160" aria-label={t('metrics.def.targetOp')} options={[{ value: 'none', label: t('metrics.def.noTarget') }, ...options(TARGET_OPS, TARGET_OP_LABELS)]} />
            </Form.Item>
            <Form.Item noStyle name="targetValue">
              <Input className="fz-w-160" aria-label={t('metrics.def.targetValue')} disabled={!targetOp || targetOp === 'none'} inputMode="decimal" suffix={kind === 'rate' ? '%' : undefined} />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <div className="fz-form-row">
          <Form.Item className="fz-grow" label={t('metrics.def.group')} name="groupName">
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item label={t('metrics.def.sortOrder')} name="sortOrder">
            <InputNumber min={0} max={9999} precision={0} />
          </Form.Item>
        </div>
        <Form.Item label={t('metrics.def.description')} name="description">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
