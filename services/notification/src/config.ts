import { baseConfigSchema, JobsConfigSchema, PlatformConfigSchema, Type, type Static } from '@plh/service-kit';

const Url = (defaultUrl: string, description: string) =>
  Type.String({ pattern: '^https?://', default: defaultUrl, description });

export const NotificationConfigSchema = Type.Object({
  INTERNAL_TOKEN_JWKS: Type.String({
    minLength: 2,
    description:
      'JSON Web Key Set of the keys that sign internal tokens, one per signing service, kid `<service>:<id>`',
  }),
  INTERNAL_TOKEN_PRIVATE_JWK: Type.String({
    minLength: 2,
    description:
      "The notification service's own Ed25519 private JWK (kid notification:<id>) signing the service tokens sent to the tenant service (scope users:read)",
  }),
  TENANT_URL: Url('http://127.0.0.1:3001', 'The tenant service: whom to tell and at which address (internal API)'),
  PUBLIC_BASE_URL: Url(
    'http://127.0.0.1:3000',
    'Where people and providers reach the gateway: links in messages, and the URL Twilio signs its callbacks with',
  ),
  EMAIL_PROVIDER: Type.Union([Type.Literal('sendgrid'), Type.Literal('smtp')], {
    default: 'sendgrid',
    description: 'The email provider tried first; the other one (when configured) takes over on its errors or timeouts',
  }),
  EMAIL_FROM: Type.String({
    minLength: 3,
    default: 'PatientLetterHub <notifications@patientletterhub.com>',
    description: 'The From of every email',
  }),
  SENDGRID_API_KEY: Type.String({ default: '', description: 'SendGrid API key (empty: SendGrid is not used)' }),
  SENDGRID_API_URL: Url('https://api.sendgrid.com', 'SendGrid v3 API base URL (a local recorder in tests)'),
  SENDGRID_WEBHOOK_PUBLIC_KEY: Type.String({
    default: '',
    description:
      'The verification key of SendGrid’s signed Event Webhook (base64 ECDSA public key); empty: delivery events are refused',
  }),
  SMTP_URL: Type.String({
    default: '',
    pattern: '^(smtps?://.+)?$',
    description: 'SMTP server for email (smtp://user:pass@host:587 or smtps://…; empty: SMTP is not used)',
  }),
  EMAIL_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    default: 10_000,
    description: 'A provider that has not accepted an email within this has failed it (the other provider is tried)',
  }),
  EMAIL_PROVIDER_RETRIES: Type.Integer({
    minimum: 0,
    maximum: 5,
    default: 2,
    description: 'Quick retries of a provider’s 5xx, 429 or timeout before failing over to the other provider',
  }),
  TWILIO_ACCOUNT_SID: Type.String({ default: '', description: 'Twilio account SID (empty: SMS is not sent)' }),
  TWILIO_AUTH_TOKEN: Type.String({
    default: '',
    description: 'Twilio auth token: authenticates requests and verifies X-Twilio-Signature on callbacks',
  }),
  TWILIO_FROM: Type.String({
    default: '',
    description: 'The sender: an E.164 number or a Messaging Service SID (MG…)',
  }),
  TWILIO_API_URL: Url('https://api.twilio.com', 'Twilio REST API base URL (a local recorder in tests)'),
  WEBHOOK_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 60_000,
    default: 15_000,
    description: 'A partner endpoint must answer 2xx within this (redirects are failures)',
  }),
  WEBHOOK_RETRY_SCHEDULE: Type.String({
    pattern: '^[0-9]+(,[0-9]+)*$',
    default: '0,5000,300000,1800000,7200000,18000000,36000000,36000000',
    description:
      'Delays before each attempt of a webhook or of an email/SMS whose providers failed (ms, comma-separated; Svix’s schedule), each ±10% jitter',
  }),
  WEBHOOK_DISABLE_AFTER_HOURS: Type.Integer({
    minimum: 1,
    default: 120,
    description: 'An endpoint failing every delivery for this long is disabled and its practice’s owners are told',
  }),
  WEBHOOK_SECRET_KEYS: Type.String({
    minLength: 10,
    description:
      'id:<32 bytes base64>[,id:<base64>…]: seals the partners’ webhook signing secrets at rest; the first seals, all open (rotation: plh-notification reseal-webhook-secrets)',
  }),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: Type.Boolean({
    default: false,
    description:
      'Lets endpoints point at loopback, private and link-local addresses (local development and tests only): otherwise refused when registered and when connecting',
  }),
  WEBHOOK_MAX_PAYLOAD_BYTES: Type.Integer({
    minimum: 1024,
    default: 256 * 1024,
    description: 'A webhook payload larger than this is refused (the seed’s send API)',
  }),
  DELIVERY_CONCURRENCY: Type.Integer({
    minimum: 1,
    maximum: 512,
    default: 32,
    description:
      'Delivery jobs one replica runs at once; each delivers a notice’s messages (up to 100) 16 at a time (they wait on providers and partners, not the CPU)',
  }),
  ALERT_DELIVERY_SLA_MINUTES: Type.Integer({
    minimum: 1,
    default: 15,
    description:
      'A critical compliance alert not delivered to anyone this long after it was raised escalates to the ops team',
  }),
  ALERT_ESCALATION_CRON: Type.String({
    minLength: 9,
    default: '* * * * *',
    description: 'How often undelivered critical alerts are looked for (cron, UTC; once per slot across replicas)',
  }),
});

export const ConfigSchema = Type.Composite([
  baseConfigSchema(3004),
  PlatformConfigSchema,
  JobsConfigSchema,
  NotificationConfigSchema,
]);
export type Config = Static<typeof ConfigSchema>;
