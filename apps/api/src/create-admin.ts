/**
 * Creates the first administrator of a deployment and prints its one-time password:
 *   node dist/create-admin.js --jurisdiction 37 --username sd-admin --name 张三 --unit 山东省依法治省办 [--roles admin,supervisor]
 * Uses DATABASE_URL (or the embedded database in DATA_DIR). The divisions must be imported first.
 */
import { parseArgs } from 'node:util';
import { createDb } from '@fz/db';
import { ConfigError, loadConfig } from './config.js';
import { BootstrapError, createAdmin } from './ops/create-admin.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { jurisdiction: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string' }, roles: { type: 'string', default: 'admin,supervisor' } },
    strict: true,
  });
  const missing = (['jurisdiction', 'username', 'name', 'unit'] as const).filter((k) => !values[k]);
  if (missing.length > 0) throw new BootstrapError(`missing --${missing.join(', --')}`);
  if (!/^\d{2}(\d{2}){0,2}(\d{3})?$/.test(values.jurisdiction!)) throw new BootstrapError(`--jurisdiction takes a division code such as 37 or 371312 (got ${values.jurisdiction})`);
  const config = loadConfig();
  const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 2 });
  try {
    const created = await createAdmin(handle.db, {
      jurisdictionId: Number(values.jurisdiction),
      username: values.username!,
      displayName: values.name!,
      unitName: values.unit!,
      roles: values.roles.split(',').map((r) => r.trim()),
    });
    console.info(`Created ${values.username} (user ${created.userId}, unit ${created.unitId}). One-time password, to be changed at first login:\n  ${created.initialPassword}`);
  } finally {
    await handle.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError || e instanceof BootstrapError ? e.message : e);
  process.exit(1);
});
