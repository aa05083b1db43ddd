import path from 'node:path';
import { z } from 'zod';
import type { S3StorageConfig } from './storage/s3.js';

/** Every environment variable the API reads, validated once at start-up. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('.data'),
  /** Load demo data (Shandong + demo accounts). Always on for the embedded database. */
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
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
});

const S3_REQUIRED = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

const configSchema = envSchema.superRefine((e, ctx) => {
  if (e.STORAGE !== 's3') return;
  for (const name of S3_REQUIRED) {
    if (e[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'required when STORAGE=s3' });
  }
});

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  seedDemo: boolean;
  cookieSecure: boolean;
  logLevel: string;
  webDist: string | undefined;
  storage: { kind: 'local' } | { kind: 's3'; s3: S3StorageConfig };
  /** Run the job queue's workers and schedules in this process. */
  jobs: boolean;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = configSchema.safeParse(env);
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
    dataDir: path.resolve(e.DATA_DIR),
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : e.DATABASE_URL === undefined,
    cookieSecure: e.COOKIE_SECURE === 'true',
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
  };
}
