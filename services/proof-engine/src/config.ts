import { baseConfigSchema, JobsConfigSchema, PlatformConfigSchema, Type, type Static } from '@plh/service-kit';
import { StorageConfigSchema } from '@plh/storage';

export const ProofConfigSchema = Type.Object({
  INTERNAL_TOKEN_JWKS: Type.String({
    minLength: 2,
    description:
      'JSON Web Key Set of the keys that sign internal tokens, one per signing service, kid `<service>:<id>`',
  }),
  CORE_URL: Type.String({
    pattern: '^https?://',
    default: 'http://127.0.0.1:3002',
    description: 'The core service: orders’ layout facts and decrypted recipients (internal API)',
  }),
  INTERNAL_TOKEN_PRIVATE_JWK: Type.String({
    minLength: 2,
    description:
      "The proof engine's own Ed25519 private JWK (kid proof-engine:<id>) signing the service tokens sent to core (scope mailing:read)",
  }),
  PROOF_SAMPLE_LETTERS: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 10,
    description: 'Letters in a proof before the layout-stressing records (longest name/line, most lines) are added',
  }),
  PRODUCTION_PART_LETTERS: Type.Integer({
    minimum: 10,
    maximum: 20_000,
    default: 1000,
    description: 'Letters per batch file of the production file (a retry resumes after the last stored batch)',
  }),
  THUMBNAIL_PAGES: Type.Integer({
    minimum: 0,
    maximum: 50,
    default: 4,
    description: 'Proof pages rendered as PNG thumbnails with pdftoppm (PDFTOPPM_BIN); 0: none',
  }),
  DOWNLOAD_URL_TTL_SEC: Type.Integer({ minimum: 10, maximum: 3600, default: 300 }),
  PRODUCTION_RETENTION_DAYS: Type.Integer({
    minimum: 1,
    maximum: 3650,
    default: 90,
    description:
      'Production files (the print batches, full of PHI) are deleted this many days after the order was mailed',
  }),
  RETENTION_SWEEP_CRON: Type.String({
    minLength: 9,
    default: '45 3 * * *',
    description: 'When the production-file retention sweep runs (cron, UTC; once per slot across replicas)',
  }),
});

export const ConfigSchema = Type.Composite([
  baseConfigSchema(3003),
  PlatformConfigSchema,
  JobsConfigSchema,
  StorageConfigSchema,
  ProofConfigSchema,
]);
export type Config = Static<typeof ConfigSchema>;
