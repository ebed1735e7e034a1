import { baseConfigSchema, JobsConfigSchema, PlatformConfigSchema, Type, type Static } from '@plh/service-kit';

export const ComplianceConfigSchema = Type.Object({
  INTERNAL_TOKEN_JWKS: Type.String({
    minLength: 2,
    description:
      'JSON Web Key Set of the keys that sign internal tokens, one per signing service, kid `<service>:<id>`',
  }),
  INTERNAL_TOKEN_PRIVATE_JWK: Type.String({
    minLength: 2,
    description:
      "The compliance service's own Ed25519 private JWK (kid compliance:<id>) signing the service tokens sent to the tenant service (scope roster:read)",
  }),
  CORE_URL: Type.String({
    pattern: '^https?://',
    default: 'http://127.0.0.1:3002',
    description: 'Core: where a departure-letter campaign is started (internal API, projects:write)',
  }),
  PROOF_ENGINE_URL: Type.String({
    pattern: '^https?://',
    default: 'http://127.0.0.1:3003',
    description: 'The proof engine: where that campaign’s letter is set up (internal API, letters:write)',
  }),
  TENANT_URL: Type.String({
    pattern: '^https?://',
    default: 'http://127.0.0.1:3001',
    description: 'The tenant service: the provider rosters to screen (internal API)',
  }),
  SOURCE_MAX_BYTES: Type.Integer({
    minimum: 1024,
    default: 200 * 1024 * 1024,
    description: 'A source file larger than this is refused (the sync fails; the previous snapshot stays)',
  }),
  SOURCE_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    default: 120_000,
    description: 'A source that does not answer (headers, then each chunk of the body) within this fails the sync',
  }),
  SOURCE_HOSTS: Type.String({
    default:
      'oig.hhs.gov,npiregistry.cms.hhs.gov,www.federalregister.gov,federalregister.gov,www.humanservices.state.pa.us',
    description:
      'Hosts a compliance source may be read from (comma-separated; `*.example.gov` for a domain): a source pointed elsewhere is refused (no requests into the private network)',
  }),
  SOURCE_TICK_CRON: Type.String({
    minLength: 9,
    default: '* * * * *',
    description: 'How often due sources are looked for (cron, UTC; each source then runs on its own interval)',
  }),
  ALERT_ESCALATION_MINUTES: Type.Integer({
    minimum: 1,
    maximum: 10_080,
    default: 60,
    description: 'A critical or high event nobody acknowledged within this escalates to ops (an alert_escalated event)',
  }),
  ESCALATION_CRON: Type.String({
    minLength: 9,
    default: '* * * * *',
    description: 'How often unacknowledged alerts are looked for (cron, UTC; once per slot across replicas)',
  }),
  AUDIT_SIGNING_PRIVATE_JWK: Type.String({
    minLength: 2,
    description:
      'The Ed25519 private JWK (with a kid) that signs the audit trail’s checkpoints; its public half is published at GET /api/compliance/audit/public-keys',
  }),
  AUDIT_RETIRED_PUBLIC_JWKS: Type.String({
    default: '{"keys":[]}',
    description:
      'Public keys of earlier checkpoint signing keys (a JWKS), still published after a rotation so older checkpoints and exports keep verifying',
  }),
  AUDIT_CHECKPOINT_CRON: Type.String({
    minLength: 9,
    default: '*/5 * * * *',
    description:
      'How often every audit chain that grew gets a signed checkpoint (cron, UTC; once per slot across replicas)',
  }),
  BULLETINS_CRON: Type.String({
    minLength: 9,
    default: '0 11 * * *',
    description: 'When every practice’s regulation bulletins and deadline alerts are brought up to date (cron, UTC)',
  }),
});

export const ConfigSchema = Type.Composite([
  baseConfigSchema(3005),
  PlatformConfigSchema,
  JobsConfigSchema,
  ComplianceConfigSchema,
]);
export type Config = Static<typeof ConfigSchema>;
