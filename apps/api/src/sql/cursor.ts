import { AppError } from '@fz/domain';
import { z } from 'zod';

const keySchema = z.array(z.union([z.number(), z.string().max(100)])).min(1).max(4);

/** Keyset cursors are opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(key: Array<number | string>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): Array<number | string> | null {
  if (!cursor) return null;
  try {
    return keySchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('BAD_REQUEST', '分页参数无效,请刷新后重试');
  }
}

export function numberAt(key: Array<number | string>, i: number): number {
  const v = key[i];
  if (typeof v !== 'number') throw new AppError('BAD_REQUEST', '分页参数无效,请刷新后重试');
  return v;
}

/** Escapes LIKE metacharacters so user text matches literally. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
