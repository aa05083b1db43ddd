import { describe, expect, it } from 'vitest';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { ENV_VARIABLES, loadConfig } from '../src/config.js';
import {
  bundleEntries,
  composeSchema,
  envFile,
  filesIn,
  finalStage,
  interpolate,
  manifestSchema,
  podSpecSchema,
  read,
  requiredComposeVariables,
  yamlDocuments,
} from './infra-files.js';
import type { Manifest, PodSpec } from './infra-files.js';

const DEFAULTS = loadConfig({});
const KNOWN = new Set<string>(ENV_VARIABLES);
const dockerfile = read('infra/Dockerfile');
const runtime = finalStage(dockerfile);
const imageUid = Number(/^USER (\d+):\d+$/m.exec(runtime)?.[1]);
/** `node --import ./dist/tracing.js dist/<entry>.js`: the preload, then a bundle entry. */
const entryOf = (command: readonly string[]) => /^dist\/([\w-]+)\.js$/.exec(command.at(-1) ?? '')?.[1];
const stringEnv = (env: Record<string, unknown>) => Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));

describe('the container image (infra/Dockerfile)', () => {
  it('builds on Node 20 with the lockfile and the pinned pnpm', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20\.\d+-bookworm-slim$/m);
    for (const from of dockerfile.match(/^FROM .*/gm) ?? []) expect(from).toMatch(/^FROM (\$\{NODE_IMAGE\}|base) AS \w/);
    const pnpm = (JSON.parse(read('package.json')) as { packageManager: string }).packageManager;
    expect(dockerfile).toContain(`npm install -g ${pnpm}`);
    expect(dockerfile).toMatch(/pnpm install --frozen-lockfile\n/);
    expect(dockerfile).toMatch(/pnpm install --frozen-lockfile --prod --filter @fz\/api\n/);
  });

  it('runs as a numeric non-root user with production dependencies only', () => {
    expect(imageUid).toBeGreaterThan(0);
    expect(runtime).toMatch(/^FROM \$\{NODE_IMAGE\} AS runtime/);
    // node_modules come from the --prod stage; the build stage gives only built output.
    for (const copy of runtime.match(/^COPY --from=\S+ \S+/gm) ?? []) {
      if (copy.includes('node_modules')) expect(copy).toMatch(/^COPY --from=prod-deps /);
      else expect(copy).toMatch(/^COPY --from=build \/src\/(apps\/api\/(dist|package\.json)|apps\/web\/dist|NOTICE)$/);
    }
    expect(runtime).not.toMatch(/pnpm|npm install/);
  });

  it('exposes the ports the configuration defaults to and starts the API bundle', () => {
    expect(runtime).toContain(`EXPOSE ${DEFAULTS.port} ${DEFAULTS.workerPort}`);
    expect(runtime).toContain(`ENV NODE_ENV=production PORT=${DEFAULTS.port} WORKER_PORT=${DEFAULTS.workerPort}`);
    expect(runtime).toContain('CMD ["node", "--import", "./dist/tracing.js", "dist/main.js"]');
  });

  it('keeps native, wasm and SQL-carrying packages external to the bundle, as production dependencies', () => {
    const pkg = JSON.parse(read('apps/api/package.json')) as { dependencies: Record<string, string> };
    for (const name of ['@node-rs/argon2', '@electric-sql/pglite', 'pg-boss', 'pg']) expect(pkg.dependencies).toHaveProperty(name);
    expect(read('apps/api/build.mjs')).toMatch(/const external = \[\.\.\.new Set\(pkgs\.flatMap\(\(p\) => Object\.keys\(p\.dependencies/);
    expect(bundleEntries()).toEqual(expect.arrayContaining(['main', 'worker', 'migrate', 'tracing', 'import-divisions', 'create-admin']));
  });

  it('leaves secrets, dependencies and build output out of the build context', () => {
    const ignored = read('infra/Dockerfile.dockerignore').split('\n');
    for (const p of ['**/node_modules', '**/dist', '**/.data', '.git', '.env', '.env.*']) expect(ignored).toContain(p);
  });
});

describe('the single-server compose file (infra/compose)', () => {
  const text = read('infra/compose/compose.yaml');
  const [raw] = yamlDocuments('infra/compose/compose.yaml');
  const compose = composeSchema.parse(raw);
  const example = envFile('infra/compose/env.example');
  const service = (name: string) => {
    const s = compose.services[name];
    if (!s) throw new Error(`compose has no service ${name}`);
    return s;
  };
  const appEnv = (name: string) => Object.fromEntries(Object.entries(stringEnv(service(name).environment ?? {})).map(([k, v]) => [k, interpolate(v, example)]));

  it('runs PostgreSQL, an S3 store, the migration, the API and the worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'postgres', 's3', 's3-init', 'worker']);
    expect(service('postgres').image).toMatch(/^postgres:15/);
  });

  it('names every required variable in env.example', () => {
    expect(requiredComposeVariables(text).filter((v) => !(v in example))).toEqual([]);
  });

  it('gives every long-running service a health check, and keeps data on named volumes', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      if (s.restart === 'unless-stopped') expect([name, s.healthcheck?.test[0]]).toEqual([name, 'CMD']);
      for (const v of s.volumes ?? []) {
        const source = v.split(':')[0]!;
        if (!source.startsWith('.')) expect(compose.volumes).toHaveProperty(source);
      }
    }
    expect(service('postgres').volumes).toContain('pg-data:/var/lib/postgresql/data');
    expect(service('s3').volumes).toContain('s3-data:/data');
  });

  it('passes the API, the worker and the migration a valid production configuration', () => {
    for (const name of ['migrate', 'api', 'worker']) {
      const env = appEnv(name);
      expect(Object.keys(env).filter((k) => !KNOWN.has(k))).toEqual([]);
      const c = loadConfig(env);
      expect(c).toMatchObject({ env: 'production', storage: { kind: 's3' }, cookieSecure: true, jobs: false, migrate: false, warnings: [] });
      expect(c.databaseUrl).toMatch(/^postgres:\/\/fz_owner:[^@]+@postgres:5432\/fz$/);
    }
  });

  it('starts each process from a bundle entry, the API and worker after a successful migration', () => {
    const entries = bundleEntries();
    const image = service('api').image;
    for (const [name, entry] of [['migrate', 'migrate'], ['api', 'main'], ['worker', 'worker']] as const) {
      const s = service(name);
      expect(s.image).toBe(image);
      const command = s.command as string[];
      expect(command.slice(0, 3)).toEqual(['node', '--import', './dist/tracing.js']);
      expect(entries).toContain(entryOf(command));
      expect(entryOf(command)).toBe(entry);
    }
    expect(service('migrate').depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const name of ['api', 'worker']) expect(service(name).depends_on).toMatchObject({ migrate: { condition: 'service_completed_successfully' } });
  });

  it('probes readiness on the ports the configuration uses', () => {
    const c = loadConfig(appEnv('api'));
    expect(service('api').healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${c.port}/readyz`);
    expect(service('worker').healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${c.workerPort}/readyz`);
    expect(service('api').ports?.[0]).toMatch(new RegExp(`:${c.port}$`));
  });

  it('creates an application owner that is no superuser and owns the database the URL names', () => {
    const init = read('infra/compose/initdb/10-fz-roles.sh');
    expect(init).toMatch(/create role fz_owner login nosuperuser nocreatedb nocreaterole nobypassrls/);
    expect(init).toMatch(/create role fz_app nologin nosuperuser nobypassrls/);
    expect(init).toMatch(/create role fz_jobs nologin nosuperuser nobypassrls/);
    expect(init).toContain('grant fz_app, fz_jobs to fz_owner');
    expect(init).toContain('create database fz owner fz_owner');
  });
});

const MODELS: Record<string, { validate(data: unknown): void }> = {
  'apps/v1/Deployment': { validate: (d) => new Deployment(d as Deployment).validate() },
  'autoscaling/v2/HorizontalPodAutoscaler': { validate: (d) => new HorizontalPodAutoscaler(d as HorizontalPodAutoscaler).validate() },
  'batch/v1/Job': { validate: (d) => new Job(d as Job).validate() },
  'networking.k8s.io/v1/Ingress': { validate: (d) => new Ingress(d as Ingress).validate() },
  'policy/v1/PodDisruptionBudget': { validate: (d) => new PodDisruptionBudget(d as PodDisruptionBudget).validate() },
  'v1/ConfigMap': { validate: (d) => new ConfigMap(d as ConfigMap).validate() },
  'v1/Namespace': { validate: (d) => new Namespace(d as Namespace).validate() },
  'v1/Service': { validate: (d) => new Service(d as Service).validate() },
};

describe('the Kubernetes manifests (infra/k8s)', () => {
  const files = filesIn('infra/k8s', '.yaml').filter((f) => f !== 'kustomization.yaml');
  const manifests: Manifest[] = files.flatMap((f) => yamlDocuments(`infra/k8s/${f}`).map((d) => manifestSchema.parse(d) as Manifest));
  const find = (kind: string, name: string) => {
    const m = manifests.find((x) => x.kind === kind && x.metadata.name === name);
    if (!m) throw new Error(`no ${kind} ${name}`);
    return m;
  };
  const podOf = (m: Manifest): { spec: PodSpec; labels: Record<string, string> } => {
    const template = (m.spec as { template: { metadata: { labels: Record<string, string> }; spec: unknown } }).template;
    return { spec: podSpecSchema.parse(template.spec), labels: template.metadata.labels };
  };
  const workloads = manifests.filter((m) => m.kind === 'Deployment' || m.kind === 'Job');
  const config = find('ConfigMap', 'fz-config').data as Record<string, string>;
  const secretKeys = envFile('infra/k8s/secrets.example.env');
  const settings = loadConfig({ ...config, ...secretKeys });

  it('validates every manifest against the Kubernetes API schemas', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(9);
    for (const m of manifests) {
      const model = MODELS[`${m.apiVersion}/${m.kind}`];
      expect(model, `no schema model for ${m.apiVersion} ${m.kind}`).toBeDefined();
      expect(() => model!.validate(m), `${m.kind} ${m.metadata.name}`).not.toThrow();
    }
  });

  it('lists every manifest in the kustomization, and pins one image for every workload', () => {
    const [k] = yamlDocuments('infra/k8s/kustomization.yaml') as Array<{ resources: string[]; images: Array<{ name: string; newTag: string }> }>;
    expect([...k!.resources].sort()).toEqual(files);
    expect(k!.images).toHaveLength(1);
    for (const w of workloads) expect(podOf(w).spec.containers[0]!.image).toBe(k!.images[0]!.name);
  });

  it('configures the app with known variables, secrets kept out of the ConfigMap', () => {
    expect([...Object.keys(config), ...Object.keys(secretKeys)].filter((k) => !KNOWN.has(k))).toEqual([]);
    expect(Object.keys(config).filter((k) => /SECRET|PASSWORD|TOKEN|DATABASE_URL|ACCESS_KEY/.test(k))).toEqual([]);
    expect(Object.keys(secretKeys).sort()).toEqual(['DATABASE_URL', 'METRICS_TOKEN', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']);
    expect(settings).toMatchObject({ env: 'production', jobs: false, migrate: false, cookieSecure: true, storage: { kind: 's3' }, warnings: [] });
  });

  it('gives every pod the config and secrets, requests, limits, a non-root user and writable scratch space', () => {
    for (const w of workloads) {
      const { spec } = podOf(w);
      const c = spec.containers[0]!;
      expect(c.envFrom).toEqual([{ configMapRef: { name: 'fz-config' } }, { secretRef: { name: 'fz-secrets' } }]);
      expect(spec.securityContext.runAsUser).toBe(imageUid);
      expect(c.securityContext.capabilities.drop).toEqual(['ALL']);
      if (w.kind === 'Deployment') expect(c.volumeMounts?.map((v) => v.mountPath).sort()).toEqual([settings.dataDir, '/tmp'].sort());
    }
  });

  it('probes the API on /healthz and /readyz at the port it listens on, and scales it horizontally', () => {
    const api = find('Deployment', 'fz-api');
    const { spec, labels } = podOf(api);
    const c = spec.containers[0]!;
    expect(entryOf(c.command)).toBe('main');
    expect(c.ports).toEqual([{ name: 'http', containerPort: settings.port }]);
    expect(c.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(c.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(c.startupProbe?.httpGet.path).toBe('/healthz');
    const hpa = find('HorizontalPodAutoscaler', 'fz-api').spec as { scaleTargetRef: { kind: string; name: string }; minReplicas: number; maxReplicas: number };
    expect(hpa.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'fz-api' });
    expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.maxReplicas * settings.poolMax).toBeLessThanOrEqual(100);
    const svc = find('Service', 'fz-api').spec as { selector: Record<string, string>; ports: Array<{ targetPort: string }> };
    expect(labels).toMatchObject(svc.selector);
    expect(svc.ports[0]!.targetPort).toBe('http');
    const pdb = find('PodDisruptionBudget', 'fz-api').spec as { selector: { matchLabels: Record<string, string> } };
    expect(labels).toMatchObject(pdb.selector.matchLabels);
  });

  it('runs the worker with its own probes, and migrations as a Job', () => {
    const worker = podOf(find('Deployment', 'fz-worker')).spec.containers[0]!;
    expect(entryOf(worker.command)).toBe('worker');
    expect(worker.ports).toEqual([{ name: 'ops', containerPort: settings.workerPort }]);
    expect(worker.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'ops' });
    expect(worker.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'ops' });
    const job = find('Job', 'fz-migrate');
    const { spec } = podOf(job);
    expect(entryOf(spec.containers[0]!.command)).toBe('migrate');
    expect(spec).toMatchObject({ restartPolicy: 'Never' });
    expect(job.spec).toMatchObject({ backoffLimit: expect.any(Number), ttlSecondsAfterFinished: expect.any(Number) });
  });
});
