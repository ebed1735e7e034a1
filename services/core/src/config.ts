import { baseConfigSchema, JobsConfigSchema, PlatformConfigSchema, Type, type Static } from '@plh/service-kit';
import { StorageConfigSchema } from '@plh/storage';

export const CoreConfigSchema = Type.Object({
  INTERNAL_TOKEN_JWKS: Type.String({
    minLength: 2,
    description:
      'JSON Web Key Set of the keys that sign internal tokens, one per signing service, kid `<service>:<id>`',
  }),
  TENANT_URL: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description:
        "The tenant service, for each practice's negotiated price and cancel window (unset: defaults for all)",
    }),
  ),
  INTERNAL_TOKEN_PRIVATE_JWK: Type.Optional(
    Type.String({
      minLength: 2,
      description: "Core's own Ed25519 private JWK (kid core:<id>) signing service tokens to the tenant service",
    }),
  ),
  PHI_MASTER_KEYS: Type.String({
    minLength: 10,
    description:
      'id:<32 bytes base64>[,id:<base64>…]; the first wraps new data keys, the others only unwrap (rotation)',
  }),
  MAX_UPLOAD_BYTES: Type.Integer({ minimum: 1024, default: 50 * 1024 * 1024 }),
  PATIENT_LIST_MAX_ROWS: Type.Integer({ minimum: 1, default: 250_000 }),
  QUOTE_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
  RETENTION_RAW_LIST_DAYS: Type.Integer({
    minimum: 1,
    maximum: 3650,
    default: 30,
    description:
      'A patient list’s uploaded file is deleted this long after the list was accepted (its encrypted rows stay)',
  }),
  RETENTION_SWEEP_CRON: Type.String({
    minLength: 9,
    default: '30 3 * * *',
    description: 'When the retention sweep runs (cron, UTC)',
  }),
  CANCEL_WINDOW_MINUTES: Type.Integer({
    minimum: 0,
    default: 24 * 60,
    description: 'Free cancellation after placing an order (until production starts)',
  }),
  FULFILMENT_WEBHOOK_SECRETS: Type.String({
    default: '',
    description:
      'provider:whsec_…[,provider:whsec_…]: fulfilment providers allowed to post tracking webhooks, and their Standard Webhooks secrets',
  }),
  DOWNLOAD_URL_TTL_SEC: Type.Integer({ minimum: 10, maximum: 3600, default: 300 }),
});

export const ConfigSchema = Type.Composite([
  baseConfigSchema(3002),
  PlatformConfigSchema,
  JobsConfigSchema,
  StorageConfigSchema,
  CoreConfigSchema,
]);
export type Config = Static<typeof ConfigSchema>;
