import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatDate, formatDateTime } from '../lib/format';
import { currentLang } from './index';

/** Date and number formatters in the page's language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = currentLang(i18n.language);
  const dateTime = useCallback((v: string | Date | null | undefined) => formatDateTime(v, lang), [lang]);
  const date = useCallback((v: string | Date | null | undefined) => formatDate(v, lang), [lang]);
  const count = useCallback((n: number | null | undefined) => formatCount(n, lang), [lang]);
  return { lang, dateTime, date, count };
}
