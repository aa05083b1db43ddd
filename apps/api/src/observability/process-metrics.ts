import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MetricsRegistry } from './registry.js';

const watched = new WeakSet<MetricsRegistry>();
const RESOLUTION_MS = 20;

/** Memory, CPU, uptime and event-loop delay of this Node.js process (once per registry). */
export function watchProcess(registry: MetricsRegistry): void {
  if (watched.has(registry)) return;
  watched.add(registry);
  const rss = registry.gauge('process_resident_memory_bytes', 'Resident memory size in bytes');
  const heap = registry.gauge('nodejs_heap_used_bytes', 'V8 heap in use, in bytes');
  const cpu = registry.gauge('process_cpu_seconds_total', 'User and system CPU time spent, in seconds', [], 'counter');
  const start = registry.gauge('process_start_time_seconds', 'Start time of the process since the Unix epoch, in seconds');
  const lag = registry.gauge('nodejs_eventloop_delay_seconds', 'Event-loop delay beyond the 20 ms sampling tick since the previous scrape, by quantile', ['quantile']);
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  const startedAt = Date.now() / 1000 - process.uptime();

  registry.onCollect('process', () => {
    const mem = process.memoryUsage();
    rss.set({}, mem.rss);
    heap.set({}, mem.heapUsed);
    const usage = process.cpuUsage();
    cpu.set({}, (usage.user + usage.system) / 1e6);
    start.set({}, Math.round(startedAt));
    // Samples (ns) are whole intervals between timer ticks: report the delay beyond the tick, and
    // reset so each scrape covers its own interval.
    const beyond = (ns: number) => Math.max(0, ns / 1e9 - RESOLUTION_MS / 1000);
    lag.replace([
      [{ quantile: '0.5' }, beyond(delay.percentile(50))],
      [{ quantile: '0.99' }, beyond(delay.percentile(99))],
      [{ quantile: '1' }, beyond(delay.max)],
    ]);
    delay.reset();
  });
}
