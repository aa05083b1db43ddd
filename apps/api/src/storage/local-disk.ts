import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Storage, StoredObject } from './storage.js';
import { assertSafeKey, assertSafePrefix, isSafeKey } from './storage.js';

function isMissing(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && (e.code === 'ENOENT' || e.code === 'ENOTDIR');
}

/** Files under one root folder (DATA_DIR/attachments). Writes go to a temporary name first, then rename: no half-written file is ever visible. */
export class LocalDiskStorage implements Storage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    assertSafeKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    if (await this.exists(key)) {
      const now = new Date();
      await utimes(target, now, now);
      return;
    }
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, target);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const s = await stat(this.pathOf(key));
      return s.isFile() ? { key, size: s.size, modifiedAt: s.mtime } : null;
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    assertSafePrefix(prefix);
    // Depth-first over folders; temporary files of writes in flight have no safe key and are skipped.
    const folders = [prefix.replace(/\/$/, '')];
    while (folders.length > 0) {
      const folder = folders.pop()!;
      let entries: Dirent[];
      try {
        entries = await readdir(path.join(this.root, ...folder.split('/').filter(Boolean)), { withFileTypes: true });
      } catch (e) {
        if (isMissing(e)) continue;
        throw e;
      }
      for (const entry of entries) {
        const key = folder === '' ? entry.name : `${folder}/${entry.name}`;
        if (!isSafeKey(key)) continue;
        if (entry.isDirectory()) folders.push(key);
        else if (entry.isFile()) {
          const s = await this.stat(key);
          if (s) yield s;
        }
      }
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
