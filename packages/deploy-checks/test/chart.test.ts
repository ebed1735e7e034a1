import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileSync, mkdtempSync } from 'node:fs';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { DATA_SERVICES } from '@plh/db';
import { CHART_DIR, kubernetesSchemaProblems, mergedValues, ofKind, renderChart, type Manifest } from '../src/chart';
import { REPO_ROOT, SERVICE_NAMES } from '../src/services';

/** What an operator adds to values-prod.yaml: the one value the chart cannot default (public keys). */
const site = path.join(mkdtempSync(path.join(os.tmpdir(), 'plh-chart-')), 'site.yaml');
writeFileSync(
  site,
  `config:\n  INTERNAL_TOKEN_JWKS: '{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"gateway:1"}]}'\n`,
);
const PROD = ['values-prod.yaml', site];
const DEV = ['values-dev.yaml'];
const prod = renderChart(PROD);
const dev = renderChart(DEV);

interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional: boolean } } }[];
  envFrom?: { configMapRef: { name: string } }[];
  ports?: { name: string; containerPort: number }[];
  livenessProbe?: { httpGet: { path: string; port: string } };
  readinessProbe?: { httpGet: { path: string; port: string } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
}
interface PodSpec {
  automountServiceAccountToken?: boolean;
  securityContext?: Record<string, unknown>;
  containers: Container[];
  initContainers?: Container[];
  topologySpreadConstraints?: { topologyKey: string }[];
}
type Workload = Manifest & { spec: { template: { spec: PodSpec } } };
interface Rule {
  ports?: { port: number }[];
  from?: { podSelector?: { matchLabels: Record<string, string> } }[];
  to?: { podSelector?: { matchLabels: Record<string, string> }; ipBlock?: { cidr: string } }[];
}
type Policy = Manifest & {
  spec: {
    podSelector: { matchLabels: Record<string, string> };
    policyTypes: string[];
    ingress: Rule[];
    egress: Rule[];
  };
};

const byName = <T extends Manifest>(manifests: T[], name: string) => manifests.find((m) => m.metadata.name === name);
const deployment = (manifests: Manifest[], service: string) =>
  byName(ofKind<Workload>(manifests, 'Deployment'), `plh-${service}`)!;
const valuesOf = (files: string[]) =>
  mergedValues(files) as { services: Record<string, { schema?: string; port: number; calledBy: string[] }> };

describe.each([
  ['production', PROD, prod],
  ['development', DEV, dev],
] as const)('the chart with %s values', (_label, files, manifests) => {
  it('renders manifests that are valid against the Kubernetes schemas of their kinds', () => {
    expect(manifests.length).toBeGreaterThan(20);
    expect(kubernetesSchemaProblems(manifests)).toEqual([]);
  });

  it('has values that values.schema.json accepts', () => {
    const schema = JSON.parse(readFileSync(path.join(CHART_DIR, 'values.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    validate(mergedValues([...files]));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('runs every service as a Deployment and a Service, probed on /healthz and /readyz, locked down', () => {
    for (const service of SERVICE_NAMES) {
      const d = deployment(manifests, service);
      expect(d).toBeDefined();
      const pod = d.spec.template.spec;
      const [container] = pod.containers;
      expect(container!.image).toBe(`ghcr.io/patientletterhub/plh-${service}:0.1.0`);
      expect(container!.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container!.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(container!.resources?.requests).toEqual(
        expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }),
      );
      expect(container!.resources?.limits?.memory).toEqual(expect.any(String));
      expect(container!.securityContext).toEqual(
        expect.objectContaining({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        }),
      );
      expect(pod.securityContext).toEqual(expect.objectContaining({ runAsNonRoot: true, runAsUser: 65532 }));
      expect(pod.automountServiceAccountToken).toBe(false);
      const svc = byName(
        ofKind<Manifest & { spec: { ports: { port: number }[] } }>(manifests, 'Service'),
        `plh-${service}`,
      );
      expect(svc?.spec.ports[0]?.port).toBe(container!.ports![0]!.containerPort);
    }
    const accounts = ofKind<Manifest & { automountServiceAccountToken: boolean }>(manifests, 'ServiceAccount');
    expect(accounts.map((a) => a.automountServiceAccountToken)).toEqual([false]);
  });

  it('migrates every schema in a pre-install/pre-upgrade Job, each from its own service image, as its migrator role', () => {
    const [job] = ofKind<Workload>(manifests, 'Job');
    expect(job!.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    const init = job!.spec.template.spec.initContainers!;
    expect(init.map((c) => c.args![2]).sort()).toEqual([...DATA_SERVICES].sort());
    for (const container of init) {
      expect(container.image).toBe(`ghcr.io/patientletterhub/plh-${container.name}:0.1.0`);
      // Arguments to the image's node: distroless runs node as its entrypoint, Debian's node image prepends it.
      expect(container.args).toEqual([
        'node_modules/@plh/db/dist/cli.js',
        'migrate',
        valuesOf([...files]).services[container.name]!.schema,
        'prisma/migrations',
      ]);
      expect(container.command).toBeUndefined();
      expect(container.env).toEqual([
        {
          name: 'MIGRATION_DATABASE_URL',
          valueFrom: { secretKeyRef: expect.objectContaining({ key: 'MIGRATION_DATABASE_URL', optional: false }) },
        },
      ]);
    }
    // The services themselves get their runtime role only: nothing migrates at start in a cluster.
    for (const service of SERVICE_NAMES)
      expect(deployment(manifests, service).spec.template.spec.containers[0]!.env!.map((e) => e.name)).not.toContain(
        'MIGRATION_DATABASE_URL',
      );
  });
});

describe('production', () => {
  it('scales every service with an HPA, keeps one up through disruptions and spreads replicas over zones and nodes', () => {
    for (const service of SERVICE_NAMES) {
      expect(byName(ofKind(prod, 'HorizontalPodAutoscaler'), `plh-${service}`)).toBeDefined();
      expect(
        byName(ofKind<Manifest & { spec: { minAvailable: number } }>(prod, 'PodDisruptionBudget'), `plh-${service}`)
          ?.spec.minAvailable,
      ).toBe(1);
      const spread = deployment(prod, service).spec.template.spec.topologySpreadConstraints!.map((t) => t.topologyKey);
      expect(spread).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
    }
  });

  it('takes every secret from Secrets it does not make, by name', () => {
    expect(ofKind(prod, 'Secret')).toEqual([]);
    const env = deployment(prod, 'core').spec.template.spec.containers[0]!.env!;
    expect(env.find((e) => e.name === 'PHI_MASTER_KEYS')?.valueFrom?.secretKeyRef).toEqual({
      name: 'plh-core',
      key: 'PHI_MASTER_KEYS',
      optional: false,
    });
  });

  it('exposes only the gateway, through a TLS ingress', () => {
    const [ingress] = ofKind<
      Manifest & {
        spec: {
          tls: { hosts: string[] }[];
          rules: { http: { paths: { backend: { service: { name: string } } }[] } }[];
        };
      }
    >(prod, 'Ingress');
    expect(ingress!.spec.tls[0]!.hosts).toEqual(['letters.example.org']);
    expect(ingress!.spec.rules.flatMap((r) => r.http.paths.map((p) => p.backend.service.name))).toEqual([
      'plh-gateway',
    ]);
    expect(
      ofKind<Manifest & { spec: { type: string } }>(prod, 'Service').every((s) => s.spec.type === 'ClusterIP'),
    ).toBe(true);
  });

  describe('network policies', () => {
    const policies = ofKind<Policy>(prod, 'NetworkPolicy');
    const policyOf = (component: string) =>
      policies.find((p) => p.spec.podSelector.matchLabels['app.kubernetes.io/component'] === component)!;
    const components = (peers: Rule['from'] | Rule['to']) =>
      (peers ?? [])
        .map((p) => p.podSelector?.matchLabels['app.kubernetes.io/component'])
        .filter(Boolean)
        .sort();
    // Who calls whom, read from the services' own configuration: every *_URL naming another service.
    const calls = new Map<string, Set<string>>();
    for (const cm of ofKind<Manifest & { data: Record<string, string> }>(prod, 'ConfigMap')) {
      const caller = cm.metadata.name.replace(/^plh-/, '');
      for (const value of Object.values(cm.data)) {
        const callee = /^https?:\/\/plh-([a-z-]+):\d+/.exec(value)?.[1];
        if (callee) calls.set(caller, (calls.get(caller) ?? new Set()).add(callee));
      }
    }

    it('let Prometheus, and only Prometheus, scrape every service on its metrics port', () => {
      for (const service of SERVICE_NAMES) {
        const rules = policyOf(service).spec.ingress.filter((rule) => rule.ports?.[0]?.port === 9464);
        expect(rules).toEqual([
          {
            ports: [{ port: 9464, protocol: 'TCP' }],
            from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
          },
        ]);
        const pod = deployment(prod, service).spec.template as {
          metadata: { annotations: Record<string, string> };
          spec: PodSpec;
        };
        expect(pod.metadata.annotations).toMatchObject({
          'prometheus.io/scrape': 'true',
          'prometheus.io/port': '9464',
        });
        expect(pod.spec.containers[0]!.ports).toContainEqual({ name: 'metrics', containerPort: 9464 });
      }
    });

    it('select every pod of the release, in and out', () => {
      for (const component of [...SERVICE_NAMES, 'migrations'])
        expect(policyOf(component)?.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    });

    it('let a service be reached only by the services configured to call it, and let those callers out to it', () => {
      expect(calls.size).toBeGreaterThan(3);
      for (const service of SERVICE_NAMES.filter((s) => s !== 'gateway')) {
        const callers = [...calls]
          .filter(([, callees]) => callees.has(service))
          .map(([caller]) => caller)
          .sort();
        expect({ service, from: components(policyOf(service).spec.ingress[0]!.from) }).toEqual({
          service,
          from: callers,
        });
      }
      for (const [caller, callees] of calls) {
        const reachable = policyOf(caller).spec.egress.flatMap((rule) => components(rule.to));
        expect({ caller, reachable: [...callees].filter((c) => reachable.includes(c)).sort() }).toEqual({
          caller,
          reachable: [...callees].sort(),
        });
      }
    });

    it('let nobody in to a service nobody calls (an empty `from` would let everyone in)', () => {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'plh-chart-')), 'lonely.yaml');
      writeFileSync(file, 'services:\n  compliance:\n    calledBy: []\n');
      const lonely = ofKind<Policy>(renderChart([...PROD, file]), 'NetworkPolicy').find(
        (p) => p.metadata.name === 'plh-compliance',
      )!;
      // Only Prometheus, on the metrics port.
      expect(lonely.spec.ingress).toEqual([
        {
          ports: [{ port: 9464, protocol: 'TCP' }],
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        },
      ]);
    });

    it('are in force while the first install migrates: the migrations policy is a hook made before the Job', () => {
      const annotations = policyOf('migrations').metadata.annotations!;
      expect(annotations['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      expect(Number(annotations['helm.sh/hook-weight'])).toBeLessThan(0);
    });

    it('let the gateway be reached from the ingress controller only, and only some services out to the internet', () => {
      expect(policyOf('gateway').spec.ingress[0]!.from).toEqual([
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
      ]);
      const internet = SERVICE_NAMES.filter((s) =>
        policyOf(s).spec.egress.some((r) => r.to?.some((t) => t.ipBlock?.cidr === '0.0.0.0/0')),
      ).sort();
      expect(internet).toEqual(['compliance', 'core', 'notification', 'proof-engine']);
      expect(policyOf('migrations').spec.ingress ?? []).toEqual([]);
    });
  });

  it('runs NATS as a 3-node JetStream cluster and creates streams with 3 replicas', () => {
    const chart = parse(readFileSync(path.join(CHART_DIR, 'Chart.yaml'), 'utf8')) as {
      dependencies: { name: string; condition: string }[];
    };
    expect(chart.dependencies).toContainEqual(expect.objectContaining({ name: 'nats', condition: 'nats.enabled' }));
    const values = mergedValues(PROD) as {
      nats: {
        config: { cluster: { enabled: boolean; replicas: number }; jetstream: { enabled: boolean; merge: object } };
      };
    };
    expect(values.nats.config.cluster).toEqual({ enabled: true, replicas: 3 });
    expect(values.nats.config.jetstream.enabled).toBe(true);
    // Acknowledged writes are on disk (the Jepsen finding on NATS 2.12.1: README "Operations").
    expect(values.nats.config.jetstream.merge).toEqual({ sync_interval: 'always' });
    const core = byName(ofKind<Manifest & { data: Record<string, string> }>(prod, 'ConfigMap'), 'plh-core')!;
    expect(core.data.NATS_STREAM_REPLICAS).toBe('3');
    expect(core.data.NATS_URL).toBe('nats://plh-nats:4222');
  });
});

describe("the proof engine's worker as its own Deployment", () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'plh-chart-')), 'workers.yaml');
  writeFileSync(file, 'workers:\n  proof-engine:\n    enabled: true\n');
  const manifests = renderChart([...PROD, file]);
  const env = (d: Workload) =>
    Object.fromEntries(
      (d.spec.template.spec.containers[0]!.env ?? []).map((e) => [e.name, (e as { value?: string }).value]),
    );

  it('renders valid manifests: the worker runs the jobs, the API replicas none', () => {
    expect(kubernetesSchemaProblems(manifests)).toEqual([]);
    const worker = byName(ofKind<Workload>(manifests, 'Deployment'), 'plh-proof-engine-worker')!;
    expect(worker.spec.template.spec.containers[0]!.args).toEqual(['--max-semi-space-size=16', 'dist/worker.js']);
    expect(env(worker).RUN_JOBS).toBe('true');
    expect(env(deployment(manifests, 'proof-engine')).RUN_JOBS).toBe('false');
    expect(env(deployment(prod, 'proof-engine')).RUN_JOBS).toBeUndefined();
    expect(byName(ofKind(manifests, 'HorizontalPodAutoscaler'), 'plh-proof-engine-worker')).toBeDefined();
  });

  it('is reached by nobody and goes out where the proof engine goes', () => {
    const policies = ofKind<Policy>(manifests, 'NetworkPolicy');
    const of = (name: string) => policies.find((p) => p.metadata.name === name)!;
    expect(of('plh-proof-engine-worker').spec.podSelector.matchLabels['app.kubernetes.io/component']).toBe(
      'proof-engine-worker',
    );
    expect(of('plh-proof-engine-worker').spec.ingress.map((rule) => rule.ports)).toEqual([
      [{ port: 9464, protocol: 'TCP' }],
    ]);
    expect(of('plh-proof-engine-worker').spec.egress).toEqual(of('plh-proof-engine').spec.egress);
  });
});

describe('development', () => {
  it('makes each Secret from the values, before the migrations Job reads it', () => {
    const secrets = ofKind(dev, 'Secret');
    expect(secrets.map((s) => s.metadata.name).sort()).toEqual(SERVICE_NAMES.map((s) => `plh-${s}`).sort());
    for (const secret of secrets) {
      expect(secret.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      expect(Number(secret.metadata.annotations?.['helm.sh/hook-weight'])).toBeLessThan(0);
    }
  });

  it('runs one replica of each, without autoscaling, and one NATS node with single-replica streams', () => {
    expect(ofKind(dev, 'HorizontalPodAutoscaler')).toEqual([]);
    for (const service of SERVICE_NAMES)
      expect((deployment(dev, service).spec as { replicas?: number }).replicas).toBe(1);
    const values = mergedValues(DEV) as {
      nats: { config: { cluster: { enabled: boolean } } };
      config: Record<string, string>;
    };
    expect(values.nats.config.cluster.enabled).toBe(false);
    expect(values.config.NATS_STREAM_REPLICAS).toBe('1');
  });
});

describe('refuses to render what cannot run', () => {
  const renderWith = (yaml: string) => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'plh-chart-')), 'bad.yaml');
    writeFileSync(file, yaml);
    return () => renderChart(['values-prod.yaml', file]);
  };

  it('without the public keys of the internal tokens', () => {
    expect(() => renderChart(['values-prod.yaml'])).toThrow(/config\.INTERNAL_TOKEN_JWKS/);
  });

  it('without the migrator role of a schema the migrations Job must migrate', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'plh-chart-')), 'dev-nomig.yaml');
    writeFileSync(file, 'services:\n  tenant:\n    secrets:\n      MIGRATION_DATABASE_URL: null\n');
    expect(() => renderChart(['values-dev.yaml', file])).toThrow(/services\.tenant: .*secrets\.MIGRATION_DATABASE_URL/);
  });

  it('with a service that has neither an existing Secret nor the values of its required keys', () => {
    expect(renderWith(`config: { INTERNAL_TOKEN_JWKS: x }\nservices:\n  core:\n    existingSecret: ''\n`)).toThrow(
      /services\.core: set existingSecret \(production\) or secrets\.DATABASE_URL/,
    );
  });

  it('with values the schema refuses', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(
      JSON.parse(readFileSync(path.join(CHART_DIR, 'values.schema.json'), 'utf8')) as object,
    );
    const values = mergedValues(PROD) as { services: Record<string, Record<string, unknown>> };
    values.services.core!.port = 'http';
    values.services.core!.calledBy = ['nobody'];
    expect(validate(values)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(['/services/core/port', '/services/core/calledBy/0']),
    );
  });
});

it('names the images the Dockerfiles build', () => {
  for (const service of SERVICE_NAMES)
    expect(readFileSync(path.join(REPO_ROOT, 'services', service, 'Dockerfile'), 'utf8')).toContain(
      `-t plh-${service} .`,
    );
});
