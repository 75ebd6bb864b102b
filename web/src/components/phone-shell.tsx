import type { ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import { usePreferences } from '../features/preferences/preferences';

/**
 * The volunteer app's frame: one column at most 480px wide, centred on a desktop, with every
 * control at least 44px high so it is easy to tap.
 */
export function PhoneShell({ children, footer }: { children: ReactNode; footer?: ReactNode }) {
  const { largeText } = usePreferences();
  return (
    <ConfigProvider theme={{ token: { controlHeight: largeText ? 52 : 44, controlHeightLG: largeText ? 56 : 48 } }}>
      <div className={`ax-phone${largeText ? ' ax-large' : ''}`} data-testid="phone-shell">
        <main className={`ax-phone-main${footer ? '' : ' ax-no-tabs'}`}>{children}</main>
        {footer}
      </div>
    </ConfigProvider>
  );
}
