/** Latency figures of one measurement, in milliseconds. */
export interface Latency {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summarize(latencies: number[], seconds: number, errors: number): Latency {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    perSecond: Math.round(sorted.length / seconds),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
    errors,
  };
}

/**
 * A closed loop of `workers` concurrent callers for `seconds`: each awaits `call(worker, n)`
 * and immediately makes the next. Latencies of successful calls only; failures are counted.
 */
export async function closedLoop(workers: number, seconds: number, call: (worker: number, n: number) => Promise<void>): Promise<Latency> {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let n = 0; performance.now() < until; n++) {
        const t = performance.now();
        try {
          await call(w, n);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  return summarize(latencies, (performance.now() - started) / 1000, errors);
}
