import path from 'node:path';
import { z } from 'zod';
import type { S3StorageConfig } from './storage/s3.js';

/** Every environment variable the API reads, validated once at start-up. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  /** Pooled connections per process: replicas × (API pool + worker pool) must stay under max_connections. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** A streaming replica of DATABASE_URL: dashboards read it (same pool size). Unset: everything reads the primary. */
  DATABASE_REPLICA_URL: z.string().url().optional(),
  /** Apply pending migrations at start (`off` where a migration job runs them first; start then refuses a stale schema). */
  MIGRATE: z.enum(['on', 'off']).default('on'),
  DATA_DIR: z.string().default('.data'),
  /** Load demo data (Shandong + demo accounts). Always on for the embedded database. */
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  /** Default: true in production, false elsewhere. */
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  /** Where evidence files go: DATA_DIR/attachments, or an S3-compatible bucket. */
  STORAGE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  /** Background jobs (overdue sweep, reminders, orphan clean-up) in this process. */
  JOBS: z.enum(['on', 'off']).default('on'),
  /** The separate job worker's port for /healthz, /readyz and /metrics. */
  WORKER_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  /** Bearer token that /metrics requires; without it /metrics is not served. */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').max(256).optional(),
  /** OpenTelemetry tracing: off unless an OTLP/HTTP collector is named. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).max(100).optional(),
});

/** The name of every variable the API and the worker read (deployment files are checked against it). */
export const ENV_VARIABLES = Object.keys(envSchema.shape) as ReadonlyArray<keyof z.infer<typeof envSchema>>;

const S3_REQUIRED = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

const configSchema = envSchema.superRefine((e, ctx) => {
  if (e.NODE_ENV === 'production' && e.DATABASE_URL === undefined) {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'required when NODE_ENV=production (the embedded PGlite database is for demos and tests; run a demo with NODE_ENV=development)' });
  }
  if (e.DATABASE_REPLICA_URL !== undefined && e.DATABASE_URL === undefined) {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_REPLICA_URL'], message: 'needs DATABASE_URL (the embedded database has no replica)' });
  }
  if (e.STORAGE !== 's3') return;
  for (const name of S3_REQUIRED) {
    if (e[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'required when STORAGE=s3' });
  }
});

/** Allowed but worth a line in the start-up log. */
function warningsFor(e: z.infer<typeof envSchema>): string[] {
  const warnings: string[] = [];
  if (e.NODE_ENV !== 'production') return warnings;
  // Some intranets (政务外网) serve plain HTTP: an explicit opt-out is honoured, never silent.
  if (e.COOKIE_SECURE === 'false') warnings.push('COOKIE_SECURE=false in production: session cookies travel over plain HTTP. Serve HTTPS and remove it.');
  if (e.SEED_DEMO === 'true') warnings.push('SEED_DEMO=true in production: demo accounts with a published password exist. Only for demonstration servers.');
  if (e.METRICS_TOKEN === undefined) warnings.push('METRICS_TOKEN is not set: /metrics is off.');
  return warnings;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Dashboards read this replica when set. */
  replicaUrl: string | undefined;
  poolMax: number;
  /** Apply pending migrations at start; otherwise refuse to start on a stale schema. */
  migrate: boolean;
  dataDir: string;
  seedDemo: boolean;
  cookieSecure: boolean;
  logLevel: string;
  webDist: string | undefined;
  storage: { kind: 'local' } | { kind: 's3'; s3: S3StorageConfig };
  /** Run the job queue's workers and schedules in this process. */
  jobs: boolean;
  workerPort: number;
  /** /metrics answers only to `Authorization: Bearer <token>`; undefined = not served. */
  metricsToken: string | undefined;
  /** OTLP/HTTP collector for traces; undefined = tracing off. */
  otel: { endpoint: string; serviceName: string | undefined } | undefined;
  /** Accepted but risky settings, for the start-up log. */
  warnings: string[];
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (`X=` in an env file, `${X:-}` in compose) means unset, not an invalid value.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = configSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    replicaUrl: e.DATABASE_REPLICA_URL,
    poolMax: e.DATABASE_POOL_MAX,
    migrate: e.MIGRATE === 'on',
    dataDir: path.resolve(e.DATA_DIR),
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : e.DATABASE_URL === undefined,
    cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : e.NODE_ENV === 'production',
    logLevel: e.LOG_LEVEL,
    webDist: e.WEB_DIST,
    storage:
      e.STORAGE === 's3'
        ? {
            kind: 's3',
            s3: {
              // Present: checked by configSchema.
              endpoint: e.S3_ENDPOINT!,
              region: e.S3_REGION,
              bucket: e.S3_BUCKET!,
              accessKeyId: e.S3_ACCESS_KEY_ID!,
              secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
              forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
            },
          }
        : { kind: 'local' },
    jobs: e.JOBS === 'on',
    workerPort: e.WORKER_PORT,
    metricsToken: e.METRICS_TOKEN,
    otel: e.OTEL_EXPORTER_OTLP_ENDPOINT ? { endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME } : undefined,
    warnings: warningsFor(e),
  };
}
