import { useEffect } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MESSAGES, UNIT_KINDS, UNIT_KIND_LABELS, unitCreateInput, unitUpdateInput } from '@fz/domain';
import type { UnitKind } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { UnitItem } from '../../app/trpc';
import { errorCode, errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { isUnitKind } from '../../i18n/labels';
import { zodRule } from '../../shared/zodRule';

interface Values {
  name: string;
  shortName: string;
  kind: UnitKind;
  sortOrder?: number;
}

const fields = unitCreateInput.shape;

interface Props {
  jurisdictionId: number;
  jurisdictionName: string;
  /** null: create; a unit: edit it. */
  editing: UnitItem | null;
  open: boolean;
  onClose: () => void;
  /** A stale version: the list must be reloaded before editing again. */
  onStale: (message: string) => void;
  onSaved: (message: string) => void;
}

export function UnitFormModal({ jurisdictionId, jurisdictionName, editing, open, onClose, onStale, onSaved }: Props) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) form.setFieldsValue({ name: editing.name, shortName: editing.shortName, kind: isUnitKind(editing.kind) ? editing.kind : 'other', sortOrder: editing.sortOrder });
  }, [open, editing, form]);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.units.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.jurisdictions.get.queryKey({ id: jurisdictionId }) }),
    ]);

  const create = useMutation(trpc.units.create.mutationOptions());
  const update = useMutation(trpc.units.update.mutationOptions());
  const pending = create.isPending || update.isPending;
  const failure = create.error ?? update.error;

  const submit = async (v: Values) => {
    try {
      if (editing) {
        const input = unitUpdateInput.parse({ id: editing.id, version: editing.version, name: v.name, shortName: v.shortName, kind: v.kind, sortOrder: v.sortOrder });
        await update.mutateAsync(input);
        onSaved(t('units.updated'));
      } else {
        const input = unitCreateInput.parse({ jurisdictionId, name: v.name, shortName: v.shortName, kind: v.kind, sortOrder: v.sortOrder });
        await create.mutateAsync(input);
        onSaved(t('units.created'));
      }
      await refresh();
      onClose();
    } catch (e) {
      // A stale version cannot be fixed in this form: reload the list and start again.
      if (errorCode(e) === 'CONFLICT' && errorMessage(e, '') === MESSAGES.conflict) {
        onStale(MESSAGES.conflict);
        await refresh();
        onClose();
      }
    }
  };

  return (
    <Modal
      title={editing ? t('units.editTitle') : t('units.createTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      forceRender
      afterClose={() => {
        create.reset();
        update.reset();
      }}
    >
      {failure && !(errorCode(failure) === 'CONFLICT' && failure.message === MESSAGES.conflict) ? (
        <Alert className="fz-mb" type="error" showIcon title={errorMessage(failure, t('common.networkError'))} />
      ) : null}
      <Form<Values> form={form} name="unit" layout="vertical" disabled={pending} onFinish={(v) => void submit(v)} initialValues={{ kind: 'department', sortOrder: 100 }}>
        <Form.Item label={t('units.in')}>
          <Input value={jurisdictionName} disabled />
        </Form.Item>
        <Form.Item label={t('units.name')} name="name" required rules={[zodRule(fields.name)]}>
          <Input maxLength={60} showCount />
        </Form.Item>
        <div className="fz-form-row">
          <Form.Item label={t('units.shortName')} name="shortName" required rules={[zodRule(fields.shortName)]} className="fz-grow">
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item label={t('units.kind')} name="kind" required rules={[zodRule(fields.kind, undefined)]} className="fz-grow">
            <Select options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k][lang] }))} />
          </Form.Item>
          <Form.Item label={t('units.sortOrder')} name="sortOrder" tooltip={t('units.sortOrderHint')} rules={[zodRule(fields.sortOrder, undefined)]}>
            <InputNumber min={0} max={9999} precision={0} className="fz-w-120" />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
