import { describe, expect, it } from 'vitest';
import { requestKey } from './requestKey';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request keys', () => {
  it('are UUID v4', () => {
    expect(requestKey()).toMatch(UUID_V4);
  });

  it('are UUID v4 and distinct also where crypto.randomUUID is missing (plain HTTP on an intranet)', () => {
    const own = Object.getOwnPropertyDescriptor(crypto, 'randomUUID');
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      expect(typeof crypto.randomUUID).toBe('undefined');
      const keys = new Set(Array.from({ length: 200 }, () => requestKey()));
      expect(keys.size).toBe(200);
      for (const k of keys) expect(k).toMatch(UUID_V4);
    } finally {
      if (own) Object.defineProperty(crypto, 'randomUUID', own);
      else delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
  });
});
