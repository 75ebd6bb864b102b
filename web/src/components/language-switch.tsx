import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../features/preferences/preferences';
import type { Lang } from '../lib/format';

/** 中文 | English; remembered on this device. */
export function LanguageSwitch({ size }: { size?: 'small' | 'middle' | 'large' }) {
  const { t } = useTranslation();
  const { lang, setLang } = usePreferences();
  return (
    <Segmented<Lang>
      data-testid="language-switch"
      size={size}
      value={lang}
      onChange={setLang}
      options={[
        { value: 'zh-CN', label: t('lang.zh') },
        { value: 'en', label: t('lang.en') },
      ]}
    />
  );
}
