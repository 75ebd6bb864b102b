import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../lib/format';
import { zhCN, type Messages } from './zh-CN';

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

// Chinese is in the entry; English (a hundred kilobytes of strings) is fetched only by those who chose it
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  partialBundledLanguages: true,
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  supportedLngs: LANGS,
  interpolation: { escapeValue: false },
  returnNull: false,
});

async function load(lang: Lang): Promise<void> {
  if (lang !== 'en' || i18n.hasResourceBundle('en', 'translation')) return;
  const { en } = await import('./en');
  i18n.addResourceBundle('en', 'translation', en, true, true);
}

async function use(lang: Lang): Promise<void> {
  try {
    await load(lang);
  } catch {
    // the English strings could not be fetched (offline): stay in Chinese rather than show keys
    return;
  }
  await i18n.changeLanguage(lang);
}

/** Settles once the language remembered on this device is loaded: the app renders after it. */
export const i18nReady: Promise<void> = use(storedLang());

/** Switches the language (fetching its strings the first time) and remembers it on this device. */
export function setLanguage(lang: Lang): void {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // not remembered; still switched for this visit
  }
  void use(lang);
}

export function currentLang(lng: string | undefined): Lang {
  return lng === 'en' ? 'en' : 'zh-CN';
}

export default i18n;
