import { baseConfigSchema, PlatformConfigSchema, Type, type Static } from '@plh/service-kit';

export const TenantConfigSchema = Type.Object({
  TOKEN_ISSUER: Type.String({
    minLength: 1,
    default: 'https://patientletterhub.local/tenant',
    description: '`iss` of access tokens',
  }),
  TOKEN_AUDIENCE: Type.String({ minLength: 1, default: 'plh-api', description: '`aud` of access tokens' }),
  ACCESS_TOKEN_TTL_SEC: Type.Integer({ minimum: 60, maximum: 900, default: 900, description: 'At most 15 minutes' }),
  REFRESH_TOKEN_TTL_SEC: Type.Integer({
    minimum: 3600,
    default: 30 * 24 * 3600,
    description: 'Refresh-token lifetime',
  }),
  INTERNAL_TOKEN_JWKS: Type.String({
    minLength: 2,
    description:
      'JSON Web Key Set of the keys that sign internal tokens, one per signing service, kid `<service>:<id>`; see README',
  }),
  KEY_ENCRYPTION_KEY: Type.String({
    pattern: '^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$',
    description:
      '32 random bytes, base64 (openssl rand -base64 32): seals private signing keys; while rotating, new,old (the first seals, all open)',
  }),
});

export const ConfigSchema = Type.Composite([baseConfigSchema(3001), PlatformConfigSchema, TenantConfigSchema]);
export type Config = Static<typeof ConfigSchema>;
