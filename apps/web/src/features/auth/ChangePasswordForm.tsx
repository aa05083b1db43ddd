import { Alert, Button, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { newPasswordSchema } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useT } from '../../i18n';
import { zodRule } from '../../shared/zodRule';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** Shared by the forced first-login page and the voluntary dialog. */
export function ChangePasswordForm({ onDone, onCancel }: { onDone: () => void; onCancel?: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const [form] = Form.useForm<Values>();
  const change = useMutation(trpc.auth.changePassword.mutationOptions({ onSuccess: onDone }));

  return (
    <Form<Values>
      form={form}
      name="change-password"
      layout="vertical"
      disabled={change.isPending}
      onFinish={(v) => change.mutate({ oldPassword: v.oldPassword, newPassword: v.newPassword })}
    >
      {change.error ? <Alert className="fz-mb" type="error" showIcon title={errorMessage(change.error, t('common.networkError'))} /> : null}
      <Form.Item label={t('auth.oldPassword')} name="oldPassword" rules={[{ required: true, message: t('auth.required', { field: t('auth.oldPassword') }) }]}>
        <Input.Password autoComplete="current-password" maxLength={128} />
      </Form.Item>
      <Form.Item label={t('auth.newPassword')} name="newPassword" required extra={t('auth.passwordRule')} rules={[zodRule(newPasswordSchema)]}>
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        label={t('auth.confirmPassword')}
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('auth.required', { field: t('auth.confirmPassword') }) },
          ({ getFieldValue }) => ({
            validator: async (_r, value: unknown) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('auth.passwordMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <div className="fz-form-actions">
        {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('auth.changePassword')}
        </Button>
      </div>
    </Form>
  );
}
