import { useEffect, type ReactNode } from 'react';
import { App as AntdApp, ConfigProvider, theme as antdTheme } from 'antd';
import zhCNLocale from 'antd/es/locale/zh_CN';
import enUSLocale from 'antd/es/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router-dom';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from '../api/query';
import '../i18n';
import { AuthProvider } from '../features/auth/auth-context';
import { PreferencesProvider, usePreferences } from '../features/preferences/preferences';

export const BRAND_COLOR = '#e8443a';

/** The antd theme: the brand's warm red, and bigger type in large-text mode. */
export function themeTokens(largeText: boolean) {
  return {
    colorPrimary: BRAND_COLOR,
    colorLink: '#c8322a',
    borderRadius: 8,
    controlHeight: largeText ? 48 : 32,
    controlHeightLG: largeText ? 56 : 40,
    controlHeightSM: largeText ? 36 : 24,
    ...(largeText
      ? // really large for elders: body 20 px (antd's 14 × 1.43), headings and small print in step
        { fontSize: 20, fontSizeLG: 22, fontSizeSM: 17, fontSizeHeading1: 34, fontSizeHeading2: 30, fontSizeHeading3: 26, fontSizeHeading4: 23, fontSizeHeading5: 21, lineHeight: 1.6 }
      : { fontSize: 14 }),
  };
}

function ThemedApp({ children }: { children: ReactNode }) {
  const { lang, largeText } = usePreferences();
  const { t } = useTranslation();

  useEffect(() => {
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);

  return (
    <ConfigProvider
      locale={lang === 'zh-CN' ? zhCNLocale : enUSLocale}
      theme={{ algorithm: antdTheme.defaultAlgorithm, token: themeTokens(largeText) }}
    >
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}

/** Everything a page may rely on: the query cache, language, theme, antd's message/modal, who is logged in, the router. */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <PreferencesProvider>
        <ThemedApp>
          <AuthProvider>
            <BrowserRouter>{children}</BrowserRouter>
          </AuthProvider>
        </ThemedApp>
      </PreferencesProvider>
    </QueryClientProvider>
  );
}
