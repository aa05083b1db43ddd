/**
 * Where evidence files live. Keys are content-addressed (derived from the sha256), so `put`
 * of an existing key is a no-op and files are never overwritten. Local disk by default; an
 * S3-compatible store (MinIO, Ceph, OSS/COS) implements the same four calls.
 */
export interface Storage {
  put(key: string, data: Uint8Array): Promise<void>;
  /** The file's bytes, or null when the key is unknown. */
  get(key: string): Promise<Buffer | null>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The storage key of content with this sha256: sha256/ab/cd/abcd…, spread over directories. */
export function contentKey(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** Keys are ours (contentKey), but refuse anything that could leave the storage root. */
export function assertSafeKey(key: string): void {
  if (!/^[a-z0-9]+(\/[a-z0-9]+)*$/.test(key)) throw new Error(`unsafe storage key: ${key}`);
}
