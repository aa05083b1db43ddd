import { useEffect } from 'react';
import { Alert, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ROLES, ROLE_LABELS, userCreateInput } from '@fz/domain';
import type { Role } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import type { RouterOutputs } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useLang, useT } from '../../i18n';
import { zodRule } from '../../shared/zodRule';

interface Values {
  username: string;
  displayName: string;
  unitId?: number;
  roles: Role[];
}

const fields = userCreateInput.shape;
type Created = RouterOutputs['users']['create'];

interface Props {
  jurisdictionId: number;
  open: boolean;
  onClose: () => void;
  onCreated: (created: Created) => void;
}

export function UserCreateModal({ jurisdictionId, open, onClose, onCreated }: Props) {
  const t = useT();
  const { lang } = useLang();
  const trpc = useTRPC();
  const [form] = Form.useForm<Values>();
  const units = useQuery(trpc.units.list.queryOptions({ jurisdictionId, limit: 200 }, { enabled: open }));
  const create = useMutation(trpc.users.create.mutationOptions({ onSuccess: onCreated }));

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const unitOptions = (units.data?.items ?? []).filter((u) => u.isActive).map((u) => ({ value: u.id, label: u.name }));

  return (
    <Modal
      title={t('users.createTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      forceRender
      afterClose={() => create.reset()}
    >
      {create.error ? <Alert className="fz-mb" type="error" showIcon title={errorMessage(create.error, t('common.networkError'))} /> : null}
      {units.data && unitOptions.length === 0 ? <Alert className="fz-mb" type="info" showIcon title={t('users.noUnits')} /> : null}
      <Form<Values>
        form={form}
        name="user"
        layout="vertical"
        disabled={create.isPending}
        initialValues={{ roles: ['operator'] }}
        onFinish={(v) => {
          const parsed = userCreateInput.safeParse(v);
          if (parsed.success) create.mutate(parsed.data);
        }}
      >
        <Form.Item label={t('users.username')} name="username" required extra={t('users.usernameHint')} rules={[zodRule(fields.username)]}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('users.displayName')} name="displayName" required rules={[zodRule(fields.displayName)]}>
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('users.unit')} name="unitId" rules={[{ required: true, message: t('users.selectUnit') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('users.selectUnit')}
            options={unitOptions}
            loading={units.isPending}
          />
        </Form.Item>
        <Form.Item label={t('users.roles')} name="roles" required rules={[zodRule(fields.roles, [])]}>
          <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
