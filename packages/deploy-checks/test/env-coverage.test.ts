/**
 * Every environment variable a service's configuration schema reads is named in the chart, in
 * docker-compose.yml and in the README; the list comes from the schemas themselves, so a variable
 * added to a service cannot be forgotten in any of them. And nothing is set that no service reads.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ofKind, renderChart, type Manifest } from '../src/chart';
import { composeEnvironment, loadCompose } from '../src/compose';
import {
  configVariables,
  REPO_ROOT,
  requiredVariables,
  SDK_VARIABLES,
  SERVICE_NAMES,
  serviceFolders,
} from '../src/services';

type Container = {
  name: string;
  env?: { name: string; valueFrom?: { secretKeyRef?: { optional: boolean } } }[];
  envFrom?: { configMapRef: { name: string } }[];
};
type Workload = Manifest & { spec: { template: { spec: { containers: Container[]; initContainers?: Container[] } } } };

const site = path.join(mkdtempSync(path.join(os.tmpdir(), 'plh-env-')), 'site.yaml');
writeFileSync(site, `config:\n  INTERNAL_TOKEN_JWKS: '{"keys":[]}'\n`);
const everyVariable = new Set([...SERVICE_NAMES.flatMap(configVariables), ...SDK_VARIABLES]);

/** Each service's variables in a rendered chart: its ConfigMap (with values), its Secret keys, its migrations container. */
function chartEnvironment(manifests: Manifest[], service: string) {
  const configMaps = new Map(
    ofKind<Manifest & { data: Record<string, string> }>(manifests, 'ConfigMap').map((c) => [c.metadata.name, c.data]),
  );
  const deployment = ofKind<Workload>(manifests, 'Deployment').find((d) => d.metadata.name === `plh-${service}`)!;
  const container = deployment.spec.template.spec.containers[0]!;
  const config: Record<string, string> = {};
  for (const from of container.envFrom ?? []) Object.assign(config, configMaps.get(from.configMapRef.name));
  const secretKeys = new Map((container.env ?? []).map((e) => [e.name, e.valueFrom?.secretKeyRef?.optional === false]));
  const [job] = ofKind<Workload>(manifests, 'Job');
  const migration = job?.spec.template.spec.initContainers?.find((c) => c.name === service);
  return { config, secretKeys, migrationVariables: (migration?.env ?? []).map((e) => e.name) };
}

it('knows the configuration schema of every folder in services/', () => {
  expect([...SERVICE_NAMES].sort()).toEqual(serviceFolders());
});

describe.each([
  ['production', ['values-prod.yaml', site]],
  ['development', ['values-dev.yaml']],
])('the chart with %s values', (_label, files) => {
  const manifests = renderChart(files);

  it.each(SERVICE_NAMES)(
    'names every variable %s reads, and gives each required one a value or a required Secret key',
    (service) => {
      const { config, secretKeys, migrationVariables } = chartEnvironment(manifests, service);
      const named = new Set([...Object.keys(config), ...secretKeys.keys(), ...migrationVariables]);
      expect(configVariables(service).filter((v) => !named.has(v))).toEqual([]);
      const unmet = requiredVariables(service).filter((v) => !(config[v] || secretKeys.get(v) === true));
      expect(unmet).toEqual([]);
    },
  );

  it('sets nothing that no service reads', () => {
    for (const service of SERVICE_NAMES) {
      const { config, secretKeys } = chartEnvironment(manifests, service);
      expect([...Object.keys(config), ...secretKeys.keys()].filter((v) => !everyVariable.has(v))).toEqual([]);
    }
  });
});

describe('docker-compose.yml', () => {
  const { services } = loadCompose();

  it.each(SERVICE_NAMES)('names every variable %s reads, with a value for each required one', (service) => {
    const env = composeEnvironment(services[service]!);
    expect(configVariables(service).filter((v) => !(v in env))).toEqual([]);
    expect(requiredVariables(service).filter((v) => !env[v])).toEqual([]);
    expect(Object.keys(env).filter((v) => !everyVariable.has(v))).toEqual([]);
  });
});

it('README.md documents every variable', () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  expect([...everyVariable].filter((v) => !SDK_VARIABLES.includes(v) && !readme.includes(`\`${v}\``)).sort()).toEqual(
    [],
  );
});
