import { register } from 'node:module';
import type { AppConfig } from '../config.js';

/**
 * OpenTelemetry tracing, off unless OTEL_EXPORTER_OTLP_ENDPOINT names an OTLP/HTTP collector.
 * The SDK is not a dependency yet: these packages (the last line for Node 20) must be added to
 * @fz/api before tracing can start; until then a configured endpoint gets a clear message.
 */
export const OTEL_PACKAGES = {
  sdk: '@opentelemetry/sdk-node',
  exporter: '@opentelemetry/exporter-trace-otlp-http',
  http: '@opentelemetry/instrumentation-http',
  pg: '@opentelemetry/instrumentation-pg',
} as const;
/** ESM hook (import-in-the-middle) that lets instrumentations patch `import`ed modules. */
const ESM_HOOK = '@opentelemetry/instrumentation/hook.mjs';

export type TracingState = { state: 'off' } | { state: 'not-installed'; missing: string[] } | { state: 'on'; endpoint: string; stop(): Promise<void> };

type Load = (specifier: string) => Promise<unknown>;
type Ctor = new (options?: Record<string, unknown>) => unknown;
interface Sdk {
  start(): void;
  shutdown(): Promise<void>;
}

const isMissing = (e: unknown) => typeof e === 'object' && e !== null && 'code' in e && (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND');

function ctorOf(mod: unknown, name: string): Ctor {
  const value: unknown = typeof mod === 'object' && mod !== null ? (mod as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'function') throw new Error(`OpenTelemetry: ${name} not found; is the installed version one of those listed in docs/deploy.md?`);
  return value as Ctor;
}

/**
 * Starts tracing before the application's modules load (run as `node --import dist/tracing.js`):
 * spans for incoming HTTP requests and PostgreSQL queries, exported to `<endpoint>/v1/traces`.
 */
export async function startTracing(otel: AppConfig['otel'], defaultServiceName: string, load: Load = (s) => import(s)): Promise<TracingState> {
  if (!otel) return { state: 'off' };
  const names = Object.values(OTEL_PACKAGES);
  const loaded = await Promise.all(names.map((n) => load(n).then((m) => ({ ok: true as const, m }), (e: unknown) => ({ ok: false as const, e }))));
  const missing = names.filter((_, i) => {
    const r = loaded[i];
    if (r && !r.ok && !isMissing(r.e)) throw r.e;
    return !r?.ok;
  });
  if (missing.length > 0) return { state: 'not-installed', missing };
  const [sdkMod, exporterMod, httpMod, pgMod] = loaded.map((r) => (r.ok ? r.m : undefined));
  register(ESM_HOOK, import.meta.url);
  // The SDK also reads OTEL_EXPORTER_OTLP_ENDPOINT for logs and metrics and would ship both
  // there; we export traces only (metrics are Prometheus' /metrics, logs are pino's stdout).
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  const NodeSDK = ctorOf(sdkMod, 'NodeSDK');
  const Exporter = ctorOf(exporterMod, 'OTLPTraceExporter');
  const sdk = new NodeSDK({
    serviceName: otel.serviceName ?? defaultServiceName,
    traceExporter: new Exporter({ url: `${otel.endpoint.replace(/\/$/, '')}/v1/traces` }),
    instrumentations: [new (ctorOf(httpMod, 'HttpInstrumentation'))(), new (ctorOf(pgMod, 'PgInstrumentation'))()],
  }) as Sdk;
  sdk.start();
  return { state: 'on', endpoint: otel.endpoint, stop: () => sdk.shutdown() };
}

/** One line for the start-up log. */
export function describeTracing(t: TracingState): string {
  switch (t.state) {
    case 'off':
      return 'Tracing: off (set OTEL_EXPORTER_OTLP_ENDPOINT to export traces)';
    case 'not-installed':
      return `Tracing: OTEL_EXPORTER_OTLP_ENDPOINT is set but OpenTelemetry is not installed (missing ${t.missing.join(', ')}); tracing is off. See docs/deploy.md.`;
    case 'on':
      return `Tracing: on, exporting to ${t.endpoint}`;
  }
}

const STATE = Symbol.for('fz.tracing');

/** What the preload did, for the entry point's start-up lines (undefined: no preload ran). */
export function tracingState(): TracingState | undefined {
  return (globalThis as Record<symbol, TracingState | undefined>)[STATE];
}
export function rememberTracing(t: TracingState): void {
  (globalThis as Record<symbol, TracingState | undefined>)[STATE] = t;
}
