// Bundles the API (and our workspace packages) into dist/: main.js (API + web app), worker.js (job
// worker), migrate.js (migration job), import-divisions.js (division import), create-admin.js (first
// administrator), tracing.js (preload).
// npm dependencies stay external: native (@node-rs/argon2), wasm (pglite) and SQL-carrying
// (pg-boss) packages must load from node_modules, so the image installs production dependencies.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkgs = ['./package.json', '../../packages/db/package.json', '../../packages/domain/package.json'].map((p) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8')));
const external = [...new Set(pkgs.flatMap((p) => Object.keys(p.dependencies ?? {})).filter((d) => !d.startsWith('@fz/')))];

await build({
  entryPoints: {
    main: 'src/main.ts',
    worker: 'src/worker.ts',
    migrate: 'src/migrate.ts',
    tracing: 'src/observability/preload-tracing.ts',
    'import-divisions': '../../packages/db/src/cli/import-divisions.ts',
    'create-admin': 'src/create-admin.ts',
  },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outdir: 'dist',
  sourcemap: true,
  external,
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
