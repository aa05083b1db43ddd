/**
 * Preload for tracing: `node --import ./dist/tracing.js dist/main.js` (the image does this).
 * Runs before the bundle's imports (pg, http) so instrumentations can patch them; does nothing
 * unless OTEL_EXPORTER_OTLP_ENDPOINT is set. A bad configuration is left for the entry point
 * to report with every other variable.
 */
import path from 'node:path';
import { ConfigError, loadConfig } from '../config.js';
import { describeTracing, rememberTracing, startTracing } from './tracing.js';

try {
  const config = loadConfig();
  const entry = path.basename(process.argv[1] ?? 'main.js', '.js');
  const state = await startTracing(config.otel, entry === 'worker' ? 'fz-worker' : 'fz-api');
  rememberTracing(state);
  if (state.state !== 'off') console.info(describeTracing(state));
} catch (e) {
  if (!(e instanceof ConfigError)) console.error(`Tracing could not start: ${e instanceof Error ? e.message : String(e)}`);
}
