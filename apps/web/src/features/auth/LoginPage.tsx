import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { loginInput } from '@fz/domain';
import { useTRPC } from '../../app/trpc';
import { errorMessage } from '../../app/errors';
import { useT } from '../../i18n';
import { LanguageSwitch } from '../../shared/LanguageSwitch';
import { Emblem } from '../../shared/Emblem';
import { useStartSession } from './session';
import type { LoginLocationState } from './session';

interface LoginValues {
  username: string;
  password: string;
}

/** Only same-app paths are followed after login (never an absolute URL from the state). */
function safeNext(from: string | undefined): string {
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const t = useT();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginLocationState;
  const startSession = useStartSession();
  const [notice, setNotice] = useState(state.reason);

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      meta: { expectUnauthorized: true },
      onSuccess(me) {
        startSession(me);
        void navigate(safeNext(state.from), { replace: true });
      },
    }),
  );

  const onFinish = (values: LoginValues) => {
    setNotice(undefined);
    const parsed = loginInput.safeParse(values);
    if (parsed.success) login.mutate(parsed.data);
  };

  return (
    <div className="fz-login">
      <div className="fz-login-top">
        <LanguageSwitch onDark />
      </div>
      <main className="fz-login-main">
        <div className="fz-login-brand">
          <Emblem size={56} />
          <Typography.Title level={1} className="fz-login-title">
            {t('app.name')}
          </Typography.Title>
          <div className="fz-login-slogan">{t('app.slogan')}</div>
        </div>
        <Card className="fz-login-card" title={t('auth.loginTitle')}>
          {login.error ? <Alert className="fz-mb" type="error" showIcon title={errorMessage(login.error, t('common.networkError'))} /> : null}
          {!login.error && notice ? (
            <Alert className="fz-mb" type={notice === 'expired' ? 'warning' : 'info'} showIcon title={t(notice === 'expired' ? 'auth.sessionExpired' : 'auth.loggedOut')} />
          ) : null}
          <Form<LoginValues> name="login" layout="vertical" requiredMark={false} onFinish={onFinish} disabled={login.isPending} size="large">
            <Form.Item label={t('auth.username')} name="username" rules={[{ required: true, whitespace: true, message: t('auth.usernamePlaceholder') }]}>
              <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" placeholder={t('auth.usernamePlaceholder')} autoFocus maxLength={64} />
            </Form.Item>
            <Form.Item label={t('auth.password')} name="password" rules={[{ required: true, message: t('auth.passwordPlaceholder') }]}>
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" placeholder={t('auth.passwordPlaceholder')} maxLength={128} />
            </Form.Item>
            <Form.Item className="fz-mb-0">
              <Button type="primary" htmlType="submit" block loading={login.isPending}>
                {t('auth.login')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      </main>
      <footer className="fz-login-footer">{t('app.footer')}</footer>
    </div>
  );
}
