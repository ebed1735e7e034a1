import { baseConfigSchema, Type, type Static } from '@plh/service-kit';

export const GatewayConfigSchema = Type.Object({
  TENANT_URL: Type.String({ pattern: '^https?://', description: 'Base URL of the tenant service' }),
  CORE_URL: Type.String({
    pattern: '^https?://',
    default: 'http://127.0.0.1:3002',
    description: 'Base URL of the core service',
  }),
  PROOF_URL: Type.String({
    pattern: '^https?://',
    default: 'http://127.0.0.1:3003',
    description: 'Base URL of the proof engine',
  }),
  COMPLIANCE_URL: Type.String({
    pattern: '^https?://',
    default: 'http://127.0.0.1:3005',
    description: 'Base URL of the compliance service',
  }),
  REFRESH_COOKIE_MAX_AGE_SEC: Type.Integer({
    minimum: 60,
    default: 2_592_000,
    description:
      'Lifetime of the web app’s refresh-token cookie (httpOnly, Secure, SameSite=Strict, Path=/api/auth); keep it equal to the tenant service’s REFRESH_TOKEN_TTL_SEC',
  }),
  WEB_DIST_DIR: Type.String({
    default: '',
    description:
      'The built web app (apps/web/dist) to serve at / with its Content-Security-Policy; empty: no web app, only the API',
  }),
  NOTIFICATION_URL: Type.String({
    pattern: '^https?://',
    default: 'http://127.0.0.1:3004',
    description: 'Base URL of the notification service',
  }),
  JWKS_URL: Type.Optional(
    Type.String({ pattern: '^https?://', description: 'Default: <TENANT_URL>/.well-known/jwks.json' }),
  ),
  TOKEN_ISSUER: Type.String({ minLength: 1, default: 'https://patientletterhub.local/tenant' }),
  TOKEN_AUDIENCE: Type.String({ minLength: 1, default: 'plh-api' }),
  INTERNAL_TOKEN_PRIVATE_JWK: Type.String({
    minLength: 2,
    description: "The gateway's own Ed25519 private JWK (kid gateway:<id>) that signs internal tokens",
  }),
  CORS_ORIGINS: Type.String({
    default: 'http://localhost:5173',
    description: 'Comma-separated origins of the web app',
  }),
  UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 15_000 }),
  API_KEY_CACHE_MS: Type.Integer({
    minimum: 0,
    maximum: 30_000,
    default: 30_000,
    description: 'A revoked key stops working within this',
  }),
  RATE_LIMIT_TENANT_PER_MIN: Type.Integer({ minimum: 1, default: 1_200 }),
  RATE_LIMIT_LOGIN_PER_IP_PER_MIN: Type.Integer({ minimum: 1, default: 30 }),
  REDIS_URL: Type.Optional(
    Type.String({
      pattern: '^rediss?://',
      description: 'Shares rate-limit windows between gateway replicas; in memory per replica when unset',
    }),
  ),
  NATS_URL: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'When set, revocations (API key revoked, tenant suspended, user changed) apply at once',
    }),
  ),
  EVENT_NAMESPACE: Type.String({ pattern: '^([a-z][a-z0-9_]{0,31})?$', default: '' }),
  ACCESS_TOKEN_MAX_TTL_SEC: Type.Integer({
    minimum: 60,
    maximum: 900,
    default: 900,
    description: 'How long revocation marks are kept (the longest access-token lifetime)',
  }),
});

export const ConfigSchema = Type.Composite([baseConfigSchema(3000, { trustProxy: '' }), GatewayConfigSchema]);
export type Config = Static<typeof ConfigSchema>;
