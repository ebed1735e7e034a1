import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { composeEnvironment, loadCompose } from '../src/compose';
import { parseDockerfile, keyword } from '../src/dockerfile';
import { readEnvFile } from '../src/env-file';
import { REPO_ROOT, SERVICE_NAMES } from '../src/services';

const compose = loadCompose();
const services = compose.services;
const dclintDir = path.dirname(require.resolve('dclint/package.json'));
// The Compose specification's schema as dclint ships it. Its `$schema` names draft-07 by an https URL
// that ajv does not know by that name; the schema is draft-07, which ajv compiles by default.
const { $schema: _draft07, ...composeSchema } = JSON.parse(
  readFileSync(path.join(dclintDir, 'schemas/compose.schema.json'), 'utf8'),
) as Record<string, unknown>;

/** The Dockerfile a compose service builds from, if any, and whether its image declares a HEALTHCHECK. */
function imageHealthcheck(name: string): boolean {
  const dockerfile = services[name]?.build?.dockerfile;
  if (!dockerfile) return false;
  const { stages } = parseDockerfile(path.join(REPO_ROOT, dockerfile));
  return keyword(stages[stages.length - 1]!, 'HEALTHCHECK').length > 0;
}

it('validates against the Compose specification JSON schema', () => {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(composeSchema);
  const valid = validate(compose);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  // …and the schema does refuse a wrong file (the check can fail).
  expect(validate({ services: { x: { image: 'a', depends_on: { y: { condition: 'when_ready' } } } } })).toBe(false);
});

it('runs every service from its own Dockerfile, read-only, with a health check', () => {
  for (const service of SERVICE_NAMES) {
    const s = services[service];
    expect({ service, build: s?.build }).toEqual({
      service,
      build: { context: '.', dockerfile: `services/${service}/Dockerfile` },
    });
    expect(s?.image).toBe(`plh-${service}`);
    expect(s?.read_only).toBe(true);
    expect(s?.healthcheck ?? imageHealthcheck(service)).toBeTruthy();
  }
});

it('brings up the infrastructure npm start brings up, plus Redis, an S3 stand-in, a mail catcher and an OTel collector', () => {
  for (const name of ['postgres', 'nats', 'redis', 'minio', 'mailpit', 'otel-collector'])
    expect(Object.keys(services)).toContain(name);
  // The same URL as `npm start`: the web app and the API on 127.0.0.1:3000.
  expect(services.gateway?.ports).toEqual(['127.0.0.1:3000:3000']);
  // The demo practice is seeded, and the compliance sources read the bundled samples.
  expect(services['demo-seed']?.command).toEqual(['dist/seed-demo.js']);
  expect(composeEnvironment(services['compliance-demo-seed']!).DEMO_SAMPLES_URL).toBe('http://compliance-samples:3095');
  expect(composeEnvironment(services.compliance!).SOURCE_HOSTS?.split(',')).toContain('compliance-samples');
});

it('orders start-up by health: every dependency exists and its condition can be met', () => {
  for (const [name, service] of Object.entries(services))
    for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
      const target = services[dependency];
      expect({ name, dependency, exists: target !== undefined }).toEqual({ name, dependency, exists: true });
      if (condition === 'service_healthy')
        expect({ dependency, healthcheck: Boolean(target!.healthcheck ?? imageHealthcheck(dependency)) }).toEqual({
          dependency,
          healthcheck: true,
        });
      if (condition === 'service_completed_successfully')
        expect({ dependency, restart: target!.restart ?? 'no' }).toEqual({ dependency, restart: 'no' });
    }
  // Services that own a schema wait for it to be provisioned.
  for (const service of SERVICE_NAMES.filter((s) => s !== 'gateway'))
    expect(services[service]?.depends_on?.['db-setup']).toEqual({ condition: 'service_completed_successfully' });
});

it('mounts and reads only files that exist', () => {
  for (const [name, service] of Object.entries(services)) {
    for (const file of service.env_file ?? [])
      expect({ name, file, exists: existsSync(path.join(REPO_ROOT, file)) }).toEqual({ name, file, exists: true });
    for (const volume of (service.volumes as string[] | undefined) ?? []) {
      const source = volume.split(':')[0]!;
      if (source.startsWith('./'))
        expect({ name, source, exists: existsSync(path.join(REPO_ROOT, source)) }).toEqual({
          name,
          source,
          exists: true,
        });
    }
  }
});

it('gives each service the database roles db-setup provisions, and the S3 keys MinIO has', () => {
  const setup = readEnvFile(path.join(REPO_ROOT, 'infrastructure/compose/db-setup.secrets.env'));
  const provisioned = (services['db-setup']!.command as string[]).slice(2);
  for (const service of SERVICE_NAMES.filter((s) => s !== 'gateway')) {
    const env = composeEnvironment(services[service]!);
    for (const [variable, role] of [
      ['DATABASE_URL', 'APP'],
      ['MIGRATION_DATABASE_URL', 'MIGRATOR'],
    ] as const) {
      const url = new URL(env[variable]!);
      const schema = /^plh_(\w+?)_(app|migrator)$/.exec(url.username)?.[1];
      expect({ service, variable, schema: provisioned.includes(schema!) }).toEqual({ service, variable, schema: true });
      expect(url.username).toBe(`plh_${schema}_${role.toLowerCase()}`);
      expect(url.password).toBe(setup[`PLH_DB_${schema!.toUpperCase()}_${role}_PASSWORD`]);
      expect(url.host).toBe('postgres:5432');
    }
  }
  const minio = services.minio!.environment!;
  for (const service of ['core', 'proof-engine']) {
    const env = composeEnvironment(services[service]!);
    expect([env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY]).toEqual([
      minio.MINIO_ROOT_USER,
      minio.MINIO_ROOT_PASSWORD,
    ]);
  }
});

it('signs internal tokens with keys whose public halves every service trusts', () => {
  const trusted = (
    JSON.parse(composeEnvironment(services.tenant!).INTERNAL_TOKEN_JWKS!) as { keys: { kid: string; x: string }[] }
  ).keys;
  for (const service of SERVICE_NAMES) {
    const env = composeEnvironment(services[service]!);
    expect(env.INTERNAL_TOKEN_JWKS).toBe(composeEnvironment(services.tenant!).INTERNAL_TOKEN_JWKS);
    if (!env.INTERNAL_TOKEN_PRIVATE_JWK) continue;
    const key = JSON.parse(env.INTERNAL_TOKEN_PRIVATE_JWK) as { kid: string; x: string };
    expect(key.kid.startsWith(`${service}:`)).toBe(true); // a key speaks only for its own service
    expect(trusted).toContainEqual(expect.objectContaining({ kid: key.kid, x: key.x }));
  }
});
