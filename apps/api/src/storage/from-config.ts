import path from 'node:path';
import type { AppConfig } from '../config.js';
import { LocalDiskStorage } from './local-disk.js';
import { S3Storage } from './s3.js';
import type { Storage } from './storage.js';

/** The evidence store the configuration names, where it is (for the start-up lines), and a reachability check. */
export function storageFor(config: AppConfig): { storage: Storage; where: string; check?: () => Promise<void> } {
  if (config.storage.kind === 's3') {
    const s3 = new S3Storage(config.storage.s3);
    return { storage: s3, where: `S3 bucket ${config.storage.s3.bucket} at ${config.storage.s3.endpoint}`, check: () => s3.checkBucket() };
  }
  const root = path.join(config.dataDir, 'attachments');
  return { storage: new LocalDiskStorage(root), where: root };
}
