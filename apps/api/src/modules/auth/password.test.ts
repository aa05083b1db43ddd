import { describe, expect, it } from 'vitest';
import { newPasswordSchema } from '@fz/domain';
import { temporaryPassword } from './password.js';

describe('temporary passwords', () => {
  it('always meet the password policy and start with a letter (never a formula character in the .xlsx)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const p = temporaryPassword();
      seen.add(p);
      expect(p).toMatch(/^[A-Za-z]/);
      expect(p).toHaveLength(12);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[2-9]/);
      expect(p).toMatch(/[@#%+=?]/);
      expect(newPasswordSchema.safeParse(p).success).toBe(true);
    }
    expect(seen.size).toBe(5000);
  });
});
