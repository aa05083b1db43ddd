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

describe('production configuration', () => {
  const prod = { NODE_ENV: 'production', DATABASE_URL: 'postgres://fz@db/fz', METRICS_TOKEN: 'a-long-enough-token' };

  it('takes a read replica only beside a PostgreSQL primary', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@primary/db', DATABASE_REPLICA_URL: 'postgres://u@replica/db' }).replicaUrl).toBe('postgres://u@replica/db');
    expect(loadConfig({ DATABASE_URL: 'postgres://u@primary/db' }).replicaUrl).toBeUndefined();
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'postgres://u@replica/db' })).toThrow(/DATABASE_REPLICA_URL: needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@primary/db', DATABASE_REPLICA_URL: 'replica' })).toThrow(/DATABASE_REPLICA_URL/);
  });

  it('refuses to start production on the embedded database', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL: required when NODE_ENV=production/);
  });

  it('sends secure cookies in production unless told otherwise, and warns when told', () => {
    expect(loadConfig(prod)).toMatchObject({ cookieSecure: true, warnings: [] });
    const plain = loadConfig({ ...prod, COOKIE_SECURE: 'false' });
    expect(plain.cookieSecure).toBe(false);
    expect(plain.warnings.join('\n')).toContain('COOKIE_SECURE=false');
    expect(loadConfig({}).cookieSecure).toBe(false);
  });

  it('warns about demo accounts and an unprotected metrics endpoint in production', () => {
    const { METRICS_TOKEN: _token, ...noToken } = prod;
    const c = loadConfig({ ...noToken, SEED_DEMO: 'true' });
    expect(c.metricsToken).toBeUndefined();
    expect(c.warnings.join('\n')).toMatch(/SEED_DEMO=true[\s\S]*METRICS_TOKEN is not set/);
  });

  it('refuses a metrics token short enough to guess', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: at least 16 characters/);
  });

  it('reads the worker, pool, migration and tracing switches', () => {
    expect(loadConfig({})).toMatchObject({ migrate: true, poolMax: 10, workerPort: 3001, otel: undefined });
    const c = loadConfig({ MIGRATE: 'off', DATABASE_POOL_MAX: '25', WORKER_PORT: '9100', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SERVICE_NAME: 'fz' });
    expect(c).toMatchObject({ migrate: false, poolMax: 25, workerPort: 9100, otel: { endpoint: 'http://collector:4318', serviceName: 'fz' } });
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});

describe('empty variables', () => {
  it('takes an empty variable as unset, as env files and compose defaults write them', () => {
    const c = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: '', DATABASE_URL: '', PORT: '' });
    expect(c).toMatchObject({ otel: undefined, databaseUrl: undefined, port: 3000 });
  });
});
