import type { ZodType } from 'zod';

/**
 * An antd Form rule that validates one field with the same zod schema the server uses, so the
 * form shows the server's wording before anything is sent. An untouched field (undefined) is
 * checked as `empty`: '' for text, so "不能为空" shows instead of a type error.
 */
export function zodRule(schema: ZodType, empty: unknown = '') {
  return {
    validator: async (_rule: unknown, value: unknown) => {
      const result = schema.safeParse(value === undefined || value === null ? empty : value);
      if (!result.success) throw new Error(result.error.issues[0]?.message);
    },
  };
}
