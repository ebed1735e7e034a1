import { Type, type Static, type TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * Settings every service has, with the service's own default port. Extend with `Type.Composite`.
 * `trustProxy` is the TRUST_PROXY default: services behind the gateway trust its X-Forwarded-For
 * (loopback locally; the pod network in a cluster), the gateway itself trusts nobody by default.
 */
export const baseConfigSchema = (defaultPort: number, defaults: { trustProxy?: string } = {}) =>
  Type.Object({
    HOST: Type.String({ default: '127.0.0.1', description: 'Interface to listen on (0.0.0.0 in containers)' }),
    PORT: Type.Integer({ minimum: 0, maximum: 65535, default: defaultPort, description: 'HTTP port' }),
    LOG_LEVEL: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
      { default: 'info' },
    ),
    SHUTDOWN_TIMEOUT_MS: Type.Integer({
      minimum: 100,
      default: 10_000,
      description: 'Grace period for draining on SIGTERM',
    }),
    REUSE_PORT: Type.Boolean({
      default: false,
      description:
        'Share PORT and METRICS_PORT with another instance on this host (SO_REUSEPORT, Linux): a new instance starts before the old one drains, as in a rolling restart without a load balancer (the fault suite). Off in a cluster',
    }),
    BODY_LIMIT_BYTES: Type.Integer({ minimum: 1_024, default: 1_048_576 }),
    TRUST_PROXY: Type.String({
      default: defaults.trustProxy ?? 'loopback',
      description:
        'Whose X-Forwarded-For to believe for the client IP: empty = nobody, "true" = anyone, a hop count, or addresses/CIDRs/loopback,uniquelocal',
    }),
    METRICS_PORT: Type.Integer({
      minimum: 0,
      maximum: 65535,
      default: 0,
      description: 'Port of GET /metrics (Prometheus), on HOST; 0: off. Its own port: the gateway never routes to it',
    }),
    OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(
      Type.String({
        pattern: '^https?://',
        description: 'Turns tracing on: the OTLP/HTTP endpoint spans go to (an OpenTelemetry collector, http://…:4318)',
      }),
    ),
  });
export const BaseConfigSchema = baseConfigSchema(3000);

/** TRUST_PROXY as Fastify's `trustProxy` option. */
export function trustProxyOption(value: string): boolean | string | ((address: string, hop: number) => boolean) {
  const v = value.trim();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) {
    const hops = Number(v); // what Fastify does with a number, typed as the function it becomes
    return (_address, hop) => hop < hops;
  }
  return v;
}
export type BaseConfig = Static<typeof BaseConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

/**
 * Reads `env` through `schema`: applies defaults, converts strings to the declared types, then
 * reports every bad or missing key at once, each naming the variable and the rule it broke.
 * Unknown variables are ignored (the environment holds much else); the result is frozen.
 */
export function loadConfig<S extends TObject>(schema: S, env: Record<string, string | undefined>): Readonly<Static<S>> {
  const known = Object.keys(schema.properties);
  const input: Record<string, unknown> = {};
  for (const key of known) if (env[key] !== undefined && env[key] !== '') input[key] = env[key];
  const withDefaults = Value.Default(schema, input);
  const converted = Value.Convert(schema, withDefaults);
  const problems = [...Value.Errors(schema, converted)].map((e) => {
    const key = e.path.replace(/^\//, '') || '(root)';
    return converted && typeof converted === 'object' && !(key in (converted as object))
      ? `${key} is required but not set`
      : `${key} ${e.message.toLowerCase()} (got ${shown(key, env[key])})`;
  });
  if (problems.length > 0) throw new ConfigError([...new Set(problems)].sort());
  return Object.freeze(converted as Static<S>);
}

/** For server.ts: on a bad config, print one line per problem to stderr and exit 1 (no stack trace). */
export function loadConfigOrExit<S extends TObject>(
  service: string,
  schema: S,
  env: Record<string, string | undefined>,
) {
  try {
    return loadConfig(schema, env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const problem of err.problems) process.stderr.write(`${service}: config error: ${problem}\n`);
    process.exit(1);
  }
}

/** Values of secret-looking variables (passwords, keys, URLs with credentials) never reach the console. */
function shown(key: string, value: string | undefined): string {
  return /PASSWORD|SECRET|TOKEN|KEY|URL|DSN/i.test(key) ? '(value hidden)' : JSON.stringify(value);
}
