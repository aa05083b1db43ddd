import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Removes this run's embedded database (about 40 MB); only ever a fz-e2e-* folder in the temp dir. */
export default function globalTeardown(): void {
  const dir = process.env.FZ_E2E_DATA_DIR;
  if (!dir) return;
  const resolved = path.resolve(dir);
  if (path.dirname(resolved) === path.resolve(os.tmpdir()) && path.basename(resolved).startsWith('fz-e2e-')) {
    fs.rmSync(resolved, { recursive: true, force: true });
  }
}
