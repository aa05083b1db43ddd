import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';

/** Reading the deployment files under infra/ for the static checks (Docker cannot run here). */

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const INFRA = path.join(ROOT, 'infra');
export const read = (...parts: string[]) => readFileSync(path.join(ROOT, ...parts), 'utf8');
export const filesIn = (dir: string, ext: string) => readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith(ext)).sort();

/** Every YAML document of a file, as plain data; throws on syntax errors and duplicate keys. */
export function yamlDocuments(relPath: string): unknown[] {
  const docs = parseAllDocuments(read(relPath), { uniqueKeys: true, prettyErrors: true });
  if (!Array.isArray(docs)) return [];
  return docs.map((d) => {
    if (d.errors.length > 0) throw new Error(`${relPath}: ${d.errors.map((e) => e.message).join('; ')}`);
    return d.toJS({ maxAliasCount: 100 }) as unknown;
  });
}

/** KEY=VALUE lines (comments and blank lines skipped), as env files and `--from-env-file` read them. */
export function envFile(relPath: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of read(relPath).split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/**
 * Compose's interpolation: `${X}`, `${X:-default}`, `${X:?error}` (fails when unset or empty)
 * and `$$` (a literal dollar for the container's shell).
 */
export function interpolate(value: string, vars: Readonly<Record<string, string>>): string {
  return value.replace(/\$\$|\$\{([A-Z0-9_]+)(?:(:-|:\?)([^}]*))?\}/g, (whole, name: string | undefined, op: string | undefined, arg: string | undefined) => {
    if (whole === '$$') return '$';
    const v = vars[name!];
    if (v !== undefined && v !== '') return v;
    if (op === ':-') return arg ?? '';
    if (op === ':?') throw new Error(`compose would refuse: ${name} unset (${arg})`);
    return '';
  });
}

/** The names a compose file requires (`${X:?…}`). */
export const requiredComposeVariables = (text: string) => [...new Set([...text.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]!))].sort();

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const composeSchema = z.object({
  name: z.string(),
  services: z.record(
    z.string(),
    z.looseObject({
      image: z.string().optional(),
      command: z.union([z.string(), z.array(z.string())]).optional(),
      environment: z.record(z.string(), scalar).optional(),
      restart: z.string().optional(),
      ports: z.array(z.string()).optional(),
      volumes: z.array(z.string()).optional(),
      depends_on: z.record(z.string(), z.object({ condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']) })).optional(),
      healthcheck: z.object({ test: z.array(z.string()).min(2), interval: z.string(), retries: z.number().int() }).optional(),
    }),
  ),
  volumes: z.record(z.string(), z.unknown()),
});

const probe = z.object({ httpGet: z.object({ path: z.string(), port: z.union([z.string(), z.number()]) }) });
const container = z.looseObject({
  name: z.string(),
  image: z.string(),
  command: z.array(z.string()),
  ports: z.array(z.object({ name: z.string(), containerPort: z.number() })).optional(),
  envFrom: z.array(z.object({ configMapRef: z.object({ name: z.string() }).optional(), secretRef: z.object({ name: z.string() }).optional() })),
  livenessProbe: probe.optional(),
  readinessProbe: probe.optional(),
  startupProbe: probe.optional(),
  resources: z.object({ requests: z.object({ cpu: z.string(), memory: z.string() }), limits: z.object({ memory: z.string() }) }),
  securityContext: z.object({ allowPrivilegeEscalation: z.literal(false), readOnlyRootFilesystem: z.literal(true), capabilities: z.object({ drop: z.array(z.string()) }) }),
  volumeMounts: z.array(z.object({ name: z.string(), mountPath: z.string() })).optional(),
});
export const podSpecSchema = z.looseObject({
  securityContext: z.object({ runAsNonRoot: z.literal(true), runAsUser: z.number().int().positive() }).loose(),
  containers: z.array(container).length(1),
  volumes: z.array(z.looseObject({ name: z.string() })).optional(),
});
export type PodSpec = z.infer<typeof podSpecSchema>;

export const manifestSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({ name: z.string(), labels: z.record(z.string(), z.string()).optional() }),
});
export type Manifest = z.infer<typeof manifestSchema> & Record<string, unknown>;

/** The last stage of a Dockerfile: from its last FROM to the end. */
export function finalStage(dockerfile: string): string {
  const at = dockerfile.lastIndexOf('\nFROM ');
  return dockerfile.slice(at + 1);
}

/** The entry names of apps/api/build.mjs (dist/<name>.js). */
export function bundleEntries(): string[] {
  const block = /entryPoints:\s*\{([\s\S]*?)\}/.exec(read('apps/api/build.mjs'))?.[1] ?? '';
  return [...block.matchAll(/^\s*'?([\w-]+)'?:/gm)].map((m) => m[1]!);
}
