/**
 * Where the benchmark's data lives: a database of its own on the local PostgreSQL, never a
 * test or production database (`pnpm bench:seed` drops and recreates it).
 */
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fz_bench';

export const SCALES = {
  /** Quick runs while developing: 100k items in Shandong. */
  small: { province: '37', items: 100_000 },
  /** Shandong (16 cities, 136 counties, ~1,800 townships), about 1 million items. */
  province: { province: '37', items: 1_000_000 },
  /** All of China (31 provinces, ~2,850 counties, ~41k townships), about 5 million items. */
  national: { province: null, items: 5_000_000 },
} as const;
export type Scale = keyof typeof SCALES;

export function isScale(s: string): s is Scale {
  return s in SCALES;
}

/** The value after `--name` on the command line. */
export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Progress goes to stderr, so stdout stays the JSON result. */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}
