import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN';
import { enUS } from './en-US';
import { format, initialLang, translate } from './translate';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  it('zh-CN and en-US have exactly the same keys', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('every translation uses the same placeholders as its zh-CN source', () => {
    for (const [key, zh] of Object.entries(zhCN)) {
      expect(placeholders(enUS[key as keyof typeof zhCN]), key).toEqual(placeholders(zh));
    }
  });

  it('no translation is empty', () => {
    for (const dict of [zhCN, enUS]) for (const [key, value] of Object.entries(dict)) expect(value.trim(), key).not.toBe('');
  });

  it('the login button reads 登录 and Sign in', () => {
    expect(translate('zh-CN', 'auth.login')).toBe('登录');
    expect(translate('en-US', 'auth.login')).toBe('Sign in');
  });
});

describe('format', () => {
  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(format('已加载 {n} 条', { n: 3 })).toBe('已加载 3 条');
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});

describe('initialLang', () => {
  it('defaults to zh-CN and honours a stored valid choice only', () => {
    expect(initialLang(undefined)).toBe('zh-CN');
    expect(initialLang({ getItem: () => 'en-US' })).toBe('en-US');
    expect(initialLang({ getItem: () => 'fr-FR' })).toBe('zh-CN');
    expect(
      initialLang({
        getItem: () => {
          throw new Error('denied');
        },
      }),
    ).toBe('zh-CN');
  });
});
