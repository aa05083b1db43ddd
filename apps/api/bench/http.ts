import autocannon from 'autocannon';
import type { Latency } from './stats.js';
import { summarize } from './stats.js';

export const CONNECTIONS = 32;

/** Three seconds of the same load, unmeasured: connections, plans and caches warm up. */
export async function warmUp(base: string, path: string, cookie: string): Promise<void> {
  await autocannon({ url: base, connections: CONNECTIONS, duration: 3, headers: { cookie }, requests: [{ method: 'GET', path }] });
}

/**
 * GETs `path` over `connections` keep-alive connections for `seconds` with autocannon.
 * autocannon reports no p95, so each response time is recorded here.
 */
export async function hammer(base: string, path: string, cookie: string, seconds: number, connections = CONNECTIONS): Promise<Latency> {
  const headers = { cookie };
  const times: number[] = [];
  let failed = 0;
  const run = autocannon({ url: base, connections, duration: seconds, headers, requests: [{ method: 'GET', path }] });
  run.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) times.push(ms);
    else failed++;
  });
  const result = await run;
  return summarize(times, result.duration, failed + result.errors + result.timeouts);
}

/** A tRPC query as a GET path (no transformer: the input is plain JSON). */
export const queryPath = (procedure: string, input: unknown) => `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
