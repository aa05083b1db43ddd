import { useState } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import type { ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { I18nProvider, useLang } from '../i18n';
import { TRPCProvider, createApiClient } from './trpc';
import { createQueryClient } from './queryClient';
import { AppRoutes } from './routes';

const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1c4fa0',
    colorLink: '#1c4fa0',
    colorError: '#c8102e',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#0f3470', headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff', bodyBg: '#f3f5f9' },
    Table: { headerBg: '#f5f7fa', cellPaddingBlockSM: 7 },
    Tree: { titleHeight: 28, nodeSelectedBg: '#dce7f8', nodeHoverBg: '#eef3fb' },
  },
};

function Providers() {
  const { lang } = useLang();
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(createApiClient);
  return (
    // autoInsertSpace off: antd would render 登录 as "登 录", which reads oddly and breaks accessible names.
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </TRPCProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Providers />
    </I18nProvider>
  );
}
