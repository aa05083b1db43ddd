import type { zhCN } from './zh-CN';

export const LANGS = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof LANGS)[number];
export type MessageKey = keyof typeof zhCN;
/** Every language has exactly the zh-CN keys; the compiler rejects a missing or extra key. */
export type Dictionary = Record<MessageKey, string>;
export type Params = Record<string, string | number>;
