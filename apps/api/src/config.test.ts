import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to the embedded database with demo data on port 3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, seedDemo: true });
    expect(c.dataDir.endsWith('.data')).toBe(true);
  });

  it('does not seed demo data into a real PostgreSQL unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'not a url', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      for (const v of ['PORT', 'DATABASE_URL', 'LOG_LEVEL']) expect(msg).toContain(v);
    }
  });

  it('stores evidence on local disk and runs the jobs in-process by default', () => {
    expect(loadConfig({})).toMatchObject({ storage: { kind: 'local' }, jobs: true });
    expect(loadConfig({ JOBS: 'off' }).jobs).toBe(false);
  });

  it('names every S3 variable that STORAGE=s3 is missing', () => {
    try {
      loadConfig({ STORAGE: 's3', S3_BUCKET: 'evidence' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      for (const v of ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) expect(msg).toContain(`${v}: required when STORAGE=s3`);
      expect(msg).not.toContain('S3_BUCKET');
    }
  });

  it('reads a MinIO configuration', () => {
    const c = loadConfig({ STORAGE: 's3', S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'evidence', S3_ACCESS_KEY_ID: 'fz', S3_SECRET_ACCESS_KEY: 'secret' });
    expect(c.storage).toEqual({
      kind: 's3',
      s3: { endpoint: 'http://minio:9000', region: 'us-east-1', bucket: 'evidence', accessKeyId: 'fz', secretAccessKey: 'secret', forcePathStyle: true },
    });
  });
});
