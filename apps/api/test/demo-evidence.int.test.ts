import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffEvidence } from '@fz/domain';
import { seedDemoEvidence } from '../src/demo/evidence.js';
import { LocalDiskStorage } from '../src/storage/local-disk.js';
import { demoDatabase } from './helpers.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
const storage = new LocalDiskStorage(mkdtempSync(path.join(tmpdir(), 'fz-demo-evidence-')));

beforeAll(async () => {
  env = await demoDatabase();
});
afterAll(async () => {
  await env.close();
});

describe('demo evidence', () => {
  it('gives every demo item that requested closure one stored PDF, filed before the request', async () => {
    const added = await seedDemoEvidence(env.db, storage);
    const requested = await env.db.selectFrom('item_events').select('item_id').distinct().where('event', '=', 'requestClosure').execute();
    expect(added).toBe(requested.length);
    expect(added).toBeGreaterThan(5);
    const files = await env.db.selectFrom('attachments as a').innerJoin('item_events as e', (j) => j.onRef('e.item_id', '=', 'a.item_id').on('e.event', '=', 'requestClosure')).select(['a.storage_key', 'a.original_name', 'a.created_at', 'e.at']).execute();
    for (const f of files) {
      const bytes = await storage.get(f.storage_key);
      expect(bytes, f.original_name).not.toBeNull();
      expect(sniffEvidence(bytes!, f.original_name)).toBe('pdf');
      expect(new Date(f.created_at).getTime()).toBeLessThan(new Date(f.at).getTime());
    }
    const closedWithout = await env.db
      .selectFrom('rectification_items as i')
      .select('i.id')
      .where('i.status', 'in', ['closed', 'closure_requested'])
      .where((eb) => eb.not(eb.exists(eb.selectFrom('attachments as a').select('a.id').whereRef('a.item_id', '=', 'i.id'))))
      .execute();
    expect(closedWithout).toEqual([]);
  });

  it('adds nothing on a second start', async () => {
    const before = await env.db.selectFrom('attachments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(await seedDemoEvidence(env.db, storage)).toBe(0);
    const after = await env.db.selectFrom('attachments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
