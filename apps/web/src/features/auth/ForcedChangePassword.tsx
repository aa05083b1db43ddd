import { App, Button, Card, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc';
import { useT } from '../../i18n';
import { LanguageSwitch } from '../../shared/LanguageSwitch';
import { Emblem } from '../../shared/Emblem';
import { useMe } from './session';
import { ChangePasswordForm } from './ChangePasswordForm';
import { useLogout } from './useLogout';

/** Shown instead of the app while the account still has an initial or reset password. */
export function ForcedChangePassword() {
  const t = useT();
  const me = useMe();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const logout = useLogout();

  return (
    <div className="fz-login">
      <div className="fz-login-top">
        <LanguageSwitch onDark />
      </div>
      <main className="fz-login-main">
        <div className="fz-login-brand fz-login-brand-small">
          <Emblem size={40} />
          <div className="fz-login-brand-name">{t('app.name')}</div>
        </div>
        <Card className="fz-login-card fz-forced-card" title={t('auth.forcedTitle')} extra={<Button type="link" onClick={logout}>{t('auth.logout')}</Button>}>
          <Typography.Paragraph type="secondary">{t('auth.forcedHint')}</Typography.Paragraph>
          <Typography.Paragraph>
            {t('auth.signedInAs')}:<Typography.Text strong>{me.user.displayName}</Typography.Text>({me.user.username} · {me.unit.name})
          </Typography.Paragraph>
          <ChangePasswordForm
            onDone={() => {
              void message.success(t('auth.passwordChanged'));
              void queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
            }}
          />
        </Card>
      </main>
    </div>
  );
}
