/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the
 * text exposition format (version 0.0.4). Written here because prom-client is not installed;
 * the calls mirror prom-client's (`inc`, `set`, `observe`) so swapping it in stays local.
 */

export type Labels = Readonly<Record<string, string>>;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Default latency buckets (seconds): 5 ms … 10 s. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function formatNumber(v: number): string {
  if (Number.isFinite(v)) return String(v);
  if (Number.isNaN(v)) return 'NaN';
  return v > 0 ? '+Inf' : '-Inf';
}

function labelText(names: readonly string[], values: readonly string[], extra?: [string, string]): string {
  const pairs = names.map((n, i) => `${n}="${escapeLabel(values[i] ?? '')}"`);
  if (extra) pairs.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

abstract class Metric<S> {
  protected readonly series = new Map<string, { values: string[]; state: S }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {
    if (!NAME.test(name)) throw new Error(`bad metric name: ${name}`);
    for (const l of labelNames) if (!LABEL.test(l) || l === 'le') throw new Error(`bad label name on ${name}: ${l}`);
  }

  abstract readonly type: 'counter' | 'gauge' | 'histogram';
  protected abstract fresh(): S;
  protected abstract lines(labelNames: readonly string[], values: string[], state: S): string[];

  /** The series of these labels, created on first use. Every declared label, and only those. */
  protected at(labels: Labels): S {
    const keys = Object.keys(labels);
    if (keys.length !== this.labelNames.length || !this.labelNames.every((n) => n in labels)) {
      throw new Error(`${this.name} takes labels [${this.labelNames.join(', ')}], got [${keys.join(', ')}]`);
    }
    const values = this.labelNames.map((n) => labels[n] ?? '');
    const key = JSON.stringify(values);
    let s = this.series.get(key);
    if (!s) {
      s = { values, state: this.fresh() };
      this.series.set(key, s);
    }
    return s.state;
  }

  render(): string {
    const out = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`];
    for (const { values, state } of this.series.values()) out.push(...this.lines(this.labelNames, values, state));
    return out.join('\n');
  }
}

export class Counter extends Metric<{ value: number }> {
  readonly type = 'counter';
  protected fresh() {
    return { value: 0 };
  }
  inc(labels: Labels = {}, by = 1): void {
    if (by < 0) throw new Error(`${this.name}: a counter only goes up`);
    this.at(labels).value += by;
  }
  /** The count of these labels so far (0 before the first). */
  get(labels: Labels = {}): number {
    return this.at(labels).value;
  }
  protected lines(names: readonly string[], values: string[], s: { value: number }) {
    return [`${this.name}${labelText(names, values)} ${formatNumber(s.value)}`];
  }
}

/**
 * A value read at scrape time. `replace` swaps in a whole snapshot, so a label set that
 * disappeared (a drained queue state) disappears from the output too. `type: 'counter'` is for
 * totals read from elsewhere (CPU seconds).
 */
export class Gauge extends Metric<{ value: number }> {
  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly type: 'gauge' | 'counter' = 'gauge',
  ) {
    super(name, help, labelNames);
  }
  protected fresh() {
    return { value: 0 };
  }
  set(labels: Labels, value: number): void {
    this.at(labels).value = value;
  }
  replace(entries: Iterable<readonly [Labels, number]>): void {
    this.series.clear();
    for (const [labels, value] of entries) this.set(labels, value);
  }
  protected lines(names: readonly string[], values: string[], s: { value: number }) {
    return [`${this.name}${labelText(names, values)} ${formatNumber(s.value)}`];
  }
}

interface HistogramState {
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram extends Metric<HistogramState> {
  readonly type = 'histogram';
  readonly buckets: readonly number[];

  constructor(name: string, help: string, labelNames: readonly string[], buckets: readonly number[] = LATENCY_BUCKETS) {
    super(name, help, labelNames);
    this.buckets = [...buckets].sort((a, b) => a - b);
  }
  protected fresh(): HistogramState {
    return { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
  }
  observe(labels: Labels, value: number): void {
    const s = this.at(labels);
    // Stored per bucket; made cumulative when rendered.
    const i = this.buckets.findIndex((b) => value <= b);
    if (i >= 0) s.counts[i] = (s.counts[i] ?? 0) + 1;
    s.sum += value;
    s.count += 1;
  }
  protected lines(names: readonly string[], values: string[], s: HistogramState) {
    const out: string[] = [];
    let cumulative = 0;
    this.buckets.forEach((b, i) => {
      cumulative += s.counts[i] ?? 0;
      out.push(`${this.name}_bucket${labelText(names, values, ['le', formatNumber(b)])} ${cumulative}`);
    });
    out.push(`${this.name}_bucket${labelText(names, values, ['le', '+Inf'])} ${s.count}`);
    out.push(`${this.name}_sum${labelText(names, values)} ${formatNumber(s.sum)}`);
    out.push(`${this.name}_count${labelText(names, values)} ${s.count}`);
    return out;
  }
}

type Collect = () => void | Promise<void>;

export class MetricsRegistry {
  private readonly metrics = new Map<string, Counter | Gauge | Histogram>();
  private readonly collectors = new Map<string, Collect>();
  private readonly collectErrors: Counter;

  constructor() {
    this.collectErrors = this.counter('fz_metrics_collect_errors_total', 'Scrapes where a collector failed (the rest of the output is still served)', ['collector']);
  }

  /**
   * Registers the metric, or returns the one already registered under its name when it is the
   * same kind with the same labels (a watcher started again after being stopped).
   */
  private add<M extends Counter | Gauge | Histogram>(m: M): M {
    const existing = this.metrics.get(m.name);
    if (existing === undefined) {
      this.metrics.set(m.name, m);
      return m;
    }
    const same = existing.constructor === m.constructor && existing.type === m.type && existing.labelNames.join() === m.labelNames.join();
    if (!same) throw new Error(`metric ${m.name} registered twice with different definitions`);
    return existing as M;
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.add(new Counter(name, help, labelNames));
  }
  gauge(name: string, help: string, labelNames: readonly string[] = [], type: 'gauge' | 'counter' = 'gauge'): Gauge {
    return this.add(new Gauge(name, help, labelNames, type));
  }
  histogram(name: string, help: string, labelNames: readonly string[] = [], buckets?: readonly number[]): Histogram {
    return this.add(new Histogram(name, help, labelNames, buckets));
  }

  /**
   * Runs `fn` before each scrape (to read pools, queues, counts into gauges). Returns the
   * function that removes it.
   */
  onCollect(name: string, fn: Collect): () => void {
    if (this.collectors.has(name)) throw new Error(`collector registered twice: ${name}`);
    this.collectors.set(name, fn);
    return () => void this.collectors.delete(name);
  }

  /** The exposition text. A failing collector is counted and skipped, never fails the scrape. */
  async render(): Promise<string> {
    await Promise.all(
      [...this.collectors].map(async ([name, fn]) => {
        try {
          await fn();
        } catch {
          this.collectErrors.inc({ collector: name });
        }
      }),
    );
    return `${[...this.metrics.values()].map((m) => m.render()).join('\n')}\n`;
  }
}
