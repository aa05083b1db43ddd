// Bundles the API (and our workspace packages) into dist/main.js; npm dependencies stay external.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkgs = ['./package.json', '../../packages/db/package.json', '../../packages/domain/package.json'].map((p) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8')));
const external = [...new Set(pkgs.flatMap((p) => Object.keys(p.dependencies ?? {})).filter((d) => !d.startsWith('@fz/')))];

await build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile: 'dist/main.js',
  sourcemap: true,
  external,
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
