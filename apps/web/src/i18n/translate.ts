import type { Dictionary, Lang, MessageKey, Params } from './types';
import { LANGS } from './types';
import { zhCN } from './zh-CN';
import { enUS } from './en-US';

export const DICTIONARIES: Record<Lang, Dictionary> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Replaces `{name}` placeholders; unknown placeholders are left visible so they get noticed. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return format(DICTIONARIES[lang][key], params);
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export const LANG_STORAGE_KEY = 'fz.lang';

/** Stored choice first, zh-CN otherwise: our users are Chinese officials. */
export function initialLang(storage: Pick<Storage, 'getItem'> | undefined): Lang {
  try {
    const stored = storage?.getItem(LANG_STORAGE_KEY);
    return isLang(stored) ? stored : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** For codes from the server (audit actions, field names) that may be newer than this build. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(DICTIONARIES['zh-CN'], key);
}
