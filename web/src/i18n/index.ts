import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../lib/format';
import { zhCN, type Messages } from './zh-CN';
import { en } from './en';

export const LANG_STORAGE_KEY = 'aixin.lang';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(LANG_STORAGE_KEY);
    if (v === 'en' || v === 'zh-CN') return v;
  } catch {
    // storage blocked (private mode): fall back to Chinese
  }
  return 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLang(),
  fallbackLng: 'zh-CN',
  supportedLngs: LANGS,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches the language and remembers it on this device. */
export function setLanguage(lang: Lang): void {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // not remembered; still switched for this visit
  }
  void i18n.changeLanguage(lang);
}

export function currentLang(lng: string | undefined): Lang {
  return lng === 'en' ? 'en' : 'zh-CN';
}

export default i18n;
