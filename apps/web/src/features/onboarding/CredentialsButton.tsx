import { useState } from 'react';
import { Alert, App, Button, Popconfirm } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc';
import type { RouterOutputs } from '../../app/trpc';
import { useT } from '../../i18n';
import { downloadCredentials } from './api';

/**
 * The initial passwords of a succeeded import, handed over once (like PasswordReveal shows a
 * temporary password once): the server deletes them as it sends the file. Only the uploader
 * sees the button; everyone else is told why not.
 */
export function CredentialsButton({ view }: { view: RouterOutputs['onboarding']['get'] }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  if (!view.mine) return <Alert className="fz-onboarding-credentials" type="info" showIcon title={t('onboarding.credentials.notMine')} />;
  if (!view.credentials) return <Alert className="fz-onboarding-credentials" type="info" showIcon title={t('onboarding.credentials.gone')} />;

  const take = async () => {
    setBusy(true);
    try {
      await downloadCredentials(view.id, t('common.networkError'));
      void message.success(t('onboarding.credentials.done'));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : t('common.networkError'));
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: trpc.onboarding.get.queryKey({ id: view.id }) });
    }
  };

  return (
    <div className="fz-onboarding-credentials">
      <Alert className="fz-mb" type="warning" showIcon title={t('onboarding.credentials.hint', { time: dayjs(view.credentials.expiresAt).format('YYYY-MM-DD HH:mm') })} />
      <Popconfirm title={t('onboarding.credentials.confirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => take()}>
        <Button type="primary" icon={<KeyOutlined />} loading={busy}>
          {t('onboarding.credentials.download')}
        </Button>
      </Popconfirm>
    </div>
  );
}
