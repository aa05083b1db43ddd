import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ancestorIdsOfCode } from '@fz/domain';
import { createTestDatabase, insertFixtureTree } from '@fz/db/testing';
import { cleanOrphans } from '../src/jobs/orphans.js';
import { LocalDiskStorage } from '../src/storage/local-disk.js';
import { S3Storage } from '../src/storage/s3.js';
import type { Storage, StoredObject } from '../src/storage/storage.js';
import { contentKey } from '../src/storage/storage.js';
import { itemWith } from './jobs-fixture.js';
import { inDays } from './rect-helpers.js';
import type { S3Stub } from './s3-stub.js';
import { startS3Stub } from './s3-stub.js';

const DAY_MS = 86_400_000;
const keyOf = (text: string) => contentKey(createHash('sha256').update(text).digest('hex'));

async function all(it: AsyncIterable<StoredObject>): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of it) keys.push(o.key);
  return keys.sort();
}

interface Backend {
  storage: Storage;
  /** Backdates a stored object by `ms`. */
  age(key: string, ms: number): Promise<void>;
  close(): Promise<void>;
}

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let itemId: number;

beforeAll(async () => {
  db = await createTestDatabase({ templateKey: 'jobs-tree', seed: (d) => insertFixtureTree(d, ['37', '3713', '371312']) });
  const unit = await db.db.selectFrom('units').select('id').where('jurisdiction_id', '=', 371312).executeTakeFirstOrThrow();
  itemId = await itemWith(db.db, { code: '371312', unitId: unit.id, deadline: inDays(30) });
});
afterAll(() => db?.close());

function suite(name: string, open: () => Promise<Backend>) {
  describe(`${name} storage`, () => {
    let b: Backend;
    beforeAll(async () => {
      b = await open();
    });
    afterAll(() => b?.close());

    it('stores, reads, describes and deletes by content key', async () => {
      const key = keyOf('证明材料');
      expect(await b.storage.get(key)).toBeNull();
      expect(await b.storage.stat(key)).toBeNull();
      await b.storage.put(key, Buffer.from('证明材料'));
      expect((await b.storage.get(key))?.toString()).toBe('证明材料');
      expect(await b.storage.exists(key)).toBe(true);
      const s = await b.storage.stat(key);
      expect(s).toMatchObject({ key, size: Buffer.byteLength('证明材料') });
      expect(Math.abs(s!.modifiedAt.getTime() - Date.now())).toBeLessThan(5_000);
      await b.storage.delete(key);
      await b.storage.delete(key);
      expect(await b.storage.exists(key)).toBe(false);
    });

    it('keeps the bytes of an existing key on put, and moves its modification time to now', async () => {
      const key = keyOf('same');
      await b.storage.put(key, Buffer.from('same'));
      await b.age(key, 3 * DAY_MS);
      expect((await b.storage.stat(key))!.modifiedAt.getTime()).toBeLessThan(Date.now() - 2 * DAY_MS);
      await b.storage.put(key, Buffer.from('same'));
      expect((await b.storage.stat(key))!.modifiedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect((await b.storage.get(key))?.toString()).toBe('same');
      await b.storage.delete(key);
    });

    it('lists every key under a prefix, page after page', async () => {
      const keys = ['a', 'b', 'c', 'd', 'e'].map(keyOf);
      for (const k of keys) await b.storage.put(k, Buffer.from(k));
      await b.storage.put('other/thing', Buffer.from('x'));
      expect(await all(b.storage.list('sha256/'))).toEqual([...keys].sort());
      expect(await all(b.storage.list(''))).toEqual([...keys, 'other/thing'].sort());
      expect(await all(b.storage.list('nothing/'))).toEqual([]);
      for (const k of [...keys, 'other/thing']) await b.storage.delete(k);
    });

    it('refuses keys and prefixes that could leave its root', async () => {
      await expect(b.storage.put('../etc/passwd', Buffer.from('x'))).rejects.toThrow(/unsafe/);
      await expect(b.storage.get('sha256/../../x')).rejects.toThrow(/unsafe/);
      await expect(all(b.storage.list('../'))).rejects.toThrow(/unsafe/);
    });

    it('cleans orphans older than the grace period and keeps referenced and fresh files', async () => {
      const [used, orphan, fresh, touched] = ['used', 'orphan', 'fresh', 'touched'].map(keyOf) as [string, string, string, string];
      for (const k of [used, orphan, fresh, touched]) await b.storage.put(k, Buffer.from(k));
      await b.storage.put('other/old', Buffer.from('not ours'));
      for (const k of [used, orphan, touched, 'other/old']) await b.age(k, 2 * DAY_MS);
      // A re-upload of known content touches the file before its row is written.
      await b.storage.put(touched, Buffer.from(touched));
      const a = ancestorIdsOfCode('371312');
      const sha = used.split('/').at(-1)!;
      await db.db
        .insertInto('attachments')
        .values({ item_id: itemId, jurisdiction_id: 371312, province_id: a.provinceId!, city_id: a.cityId, county_id: a.countyId, township_id: null, sha256: sha, size_bytes: 4, mime: 'application/pdf', original_name: 'a.pdf', storage_key: used })
        .onConflict((oc) => oc.columns(['item_id', 'sha256']).doNothing())
        .execute();

      const result = await cleanOrphans(db.db, b.storage, { olderThanMs: DAY_MS });
      expect(result).toEqual({ scanned: 4, deleted: 1, referenced: 1, fresh: 2 });
      expect(await b.storage.exists(orphan)).toBe(false);
      for (const k of [used, fresh, touched, 'other/old']) expect(await b.storage.exists(k)).toBe(true);
      // Nothing left to do.
      expect((await cleanOrphans(db.db, b.storage, { olderThanMs: DAY_MS })).deleted).toBe(0);
      // With a shorter grace the fresh orphans go too; the referenced file never does.
      expect((await cleanOrphans(db.db, b.storage, { olderThanMs: 0, now: new Date(Date.now() + 1000) })).deleted).toBe(2);
      expect(await b.storage.exists(used)).toBe(true);
    });
  });
}

suite('local disk', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'fz-storage-'));
  return {
    storage: new LocalDiskStorage(root),
    async age(key, ms) {
      const t = new Date(Date.now() - ms);
      await utimes(path.join(root, ...key.split('/')), t, t);
    },
    close: async () => undefined,
  };
});

let stub: S3Stub;
suite('S3 (local stub endpoint)', async () => {
  stub = await startS3Stub();
  const storage = new S3Storage({ endpoint: stub.endpoint, region: stub.region, bucket: stub.bucket, accessKeyId: stub.accessKeyId, secretAccessKey: stub.secretAccessKey, forcePathStyle: true });
  await storage.checkBucket();
  return {
    storage,
    age: async (key, ms) => stub.age(key, ms),
    close: async () => {
      storage.close();
      await stub.close();
    },
  };
});

describe('S3 requests', () => {
  let s3: S3Stub;
  beforeAll(async () => {
    s3 = await startS3Stub();
  });
  afterAll(() => s3?.close());

  const client = (over: Partial<{ secretAccessKey: string; accessKeyId: string; bucket: string }> = {}) =>
    new S3Storage({ endpoint: s3.endpoint, region: s3.region, bucket: over.bucket ?? s3.bucket, accessKeyId: over.accessKeyId ?? s3.accessKeyId, secretAccessKey: over.secretAccessKey ?? s3.secretAccessKey, forcePathStyle: true });

  it('puts the bucket in the path, signs with SigV4 and sends no optional checksums', async () => {
    const key = keyOf('shape');
    await client().put(key, Buffer.from('shape'));
    const put = s3.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/${s3.bucket}/${key}`);
    expect(String(put.headers.authorization)).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${s3.accessKeyId}/\\d{8}/${s3.region}/s3/aws4_request`));
    expect(Object.keys(put.headers).filter((h) => h.startsWith('x-amz-checksum-'))).toEqual([]);
    expect(put.headers['content-length']).toBe('5');
  });

  it('answers missing keys with null and surfaces other failures', async () => {
    expect(await client().get(keyOf('nope'))).toBeNull();
    expect(await client().stat(keyOf('nope'))).toBeNull();
    await expect(client({ accessKeyId: 'SOMEONEELSE' }).put(keyOf('x'), Buffer.from('x'))).rejects.toThrow();
    await expect(client({ bucket: 'missing' }).checkBucket()).rejects.toThrow();
  });
});
