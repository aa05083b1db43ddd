import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { config as zodConfig } from 'zod';
import zodZhCN from 'zod/v4/locales/zh-CN.js';
import zodEn from 'zod/v4/locales/en.js';
import type { Lang, MessageKey, Params } from './types';
import { LANG_STORAGE_KEY, initialLang, translate } from './translate';

export type { Lang, MessageKey } from './types';
export { LANGS } from './types';
export { isMessageKey } from './translate';

export type TFunction = (key: MessageKey, params?: Params) => string;

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: TFunction;
}

const I18nContext = createContext<I18nValue | null>(null);

function browserStorage(): Storage | undefined {
  return typeof window === 'undefined' ? undefined : window.localStorage;
}

/** Dates and zod's built-in messages follow the UI language (our own schema messages are zh-CN). */
function applyLibraryLocales(lang: Lang): void {
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  zodConfig(lang === 'zh-CN' ? zodZhCN() : zodEn());
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const first = initialLang(browserStorage());
    applyLibraryLocales(first);
    return first;
  });

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      browserStorage()?.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // Private mode or a full quota: the choice then lasts for this tab only.
    }
    applyLibraryLocales(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18nValue>(() => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('I18nProvider is missing');
  return value;
}

export function useT(): TFunction {
  return useI18n().t;
}

export function useLang(): Pick<I18nValue, 'lang' | 'setLang'> {
  const { lang, setLang } = useI18n();
  return { lang, setLang };
}
