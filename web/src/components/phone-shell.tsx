import type { ReactNode } from 'react';
import { App as AntdApp, ConfigProvider } from 'antd';
import { usePreferences } from '../features/preferences/preferences';

/**
 * The volunteer app's frame: one column at most 480px wide, centred on a desktop, with every
 * control — small ones and those in confirm dialogs too — at least 44px high so it is easy
 * to tap. Its own antd App, so `App.useApp()` dialogs inside take these sizes.
 */
export function PhoneShell({ children, footer }: { children: ReactNode; footer?: ReactNode }) {
  const { largeText } = usePreferences();
  const tap = largeText ? 52 : 44;
  return (
    <ConfigProvider theme={{ token: { controlHeight: tap, controlHeightSM: tap, controlHeightLG: tap + 4 } }}>
      <AntdApp>
        <div className={`ax-phone${largeText ? ' ax-large' : ''}`} data-testid="phone-shell">
          <main className={`ax-phone-main${footer ? '' : ' ax-no-tabs'}`}>{children}</main>
          {footer}
        </div>
      </AntdApp>
    </ConfigProvider>
  );
}
