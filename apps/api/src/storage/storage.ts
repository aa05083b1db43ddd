/**
 * Where evidence files live. Keys are content-addressed (derived from the sha256), so `put`
 * of an existing key never changes its bytes. Local disk by default; an S3-compatible store
 * (MinIO, Ceph, OSS/COS) implements the same calls.
 */
export interface Storage {
  /**
   * Stores the bytes under `key`. When the key exists, its bytes stay and its modification time
   * moves to now: an upload of known content restarts the orphan clean-up's grace period
   * before its row is written.
   */
  put(key: string, data: Uint8Array): Promise<void>;
  /** The file's bytes, or null when the key is unknown. */
  get(key: string): Promise<Buffer | null>;
  exists(key: string): Promise<boolean>;
  /** Size and modification time, or null when the key is unknown. */
  stat(key: string): Promise<StoredObject | null>;
  /** Every object whose key starts with `prefix` ('' or a folder such as 'sha256/'), in no promised order. */
  list(prefix: string): AsyncIterable<StoredObject>;
  /** Removes the key; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

export interface StoredObject {
  key: string;
  size: number;
  modifiedAt: Date;
}

/** The folder of every content-addressed key. */
export const CONTENT_PREFIX = 'sha256/';

const SHA256 = /^[0-9a-f]{64}$/;

/** The storage key of content with this sha256: sha256/ab/cd/abcd…, spread over directories. */
export function contentKey(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return `${CONTENT_PREFIX}${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

const KEY = /^[a-z0-9]+(\/[a-z0-9]+)*$/;

/** Keys are ours (contentKey), but refuse anything that could leave the storage root. */
export function assertSafeKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`unsafe storage key: ${key}`);
}

/** A list prefix is '' or a safe key followed by '/'. */
export function assertSafePrefix(prefix: string): void {
  if (prefix !== '' && !(prefix.endsWith('/') && KEY.test(prefix.slice(0, -1)))) throw new Error(`unsafe storage prefix: ${prefix}`);
}

/** True for a key this application could have written (anything else in a store is left alone). */
export function isSafeKey(key: string): boolean {
  return KEY.test(key);
}
