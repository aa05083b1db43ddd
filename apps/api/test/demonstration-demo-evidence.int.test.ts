import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffEvidence } from '@fz/domain';
import { seedDemonstrationEvidence } from '../src/demo/demonstration-evidence.js';
import { LocalDiskStorage } from '../src/storage/local-disk.js';
import { demoDatabase } from './helpers.js';

let env: Awaited<ReturnType<typeof demoDatabase>>;
const storage = new LocalDiskStorage(mkdtempSync(path.join(tmpdir(), 'fz-demo-demonstration-')));

beforeAll(async () => {
  env = await demoDatabase();
});
afterAll(async () => {
  await env.close();
});

describe('demo demonstration evidence', () => {
  it('gives the demo’s self-assessed key indicators one stored PDF each, and nothing more on a second start', async () => {
    const added = await seedDemonstrationEvidence(env.db, storage);
    const expected = await env.db
      .selectFrom('assessments as x')
      .innerJoin('indicator_nodes as n', 'n.id', 'x.indicator_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('x.self_score', 'is not', null)
      .where('n.code', 'in', ['1.1', '2.3', '3.5'])
      .executeTakeFirstOrThrow();
    expect(added).toBe(Number(expected.n));
    expect(added).toBeGreaterThan(20);
    const files = await env.db.selectFrom('application_files').select(['storage_key', 'original_name']).execute();
    for (const f of files) expect(sniffEvidence((await storage.get(f.storage_key))!, f.original_name)).toBe('pdf');
    expect(await seedDemonstrationEvidence(env.db, storage)).toBe(0);
  });
});
