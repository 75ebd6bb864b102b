import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang, setLanguage } from '../../i18n';
import type { Lang } from '../../lib/format';

export const LARGE_TEXT_STORAGE_KEY = 'aixin.largeText';

interface Preferences {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** Large-text mode for elders: bigger font and controls, remembered on this device. */
  largeText: boolean;
  setLargeText: (on: boolean) => void;
}

const PreferencesContext = createContext<Preferences | null>(null);

function storedLargeText(): boolean {
  try {
    return localStorage.getItem(LARGE_TEXT_STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const lang = currentLang(i18n.language);
  const [largeText, setLargeTextState] = useState(storedLargeText);

  const setLargeText = useCallback((on: boolean) => {
    try {
      localStorage.setItem(LARGE_TEXT_STORAGE_KEY, on ? '1' : '0');
    } catch {
      // not remembered; still on for this visit
    }
    setLargeTextState(on);
  }, []);

  const value = useMemo<Preferences>(() => ({ lang, setLang: setLanguage, largeText, setLargeText }), [lang, largeText, setLargeText]);
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const ctx = useContext(PreferencesContext);
  if (!ctx) throw new Error('usePreferences must be used inside <PreferencesProvider>');
  return ctx;
}
