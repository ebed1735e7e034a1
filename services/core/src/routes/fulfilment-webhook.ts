import { createHmac, timingSafeEqual } from 'node:crypto';
import { NotFound, ProblemError, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { CoreDeps } from '../domain/deps';
import { MAIL_STATUSES, recordProviderScans } from '../domain/tracking';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody: Buffer | null;
  }
}

/** Signed webhooks older or newer than this are refused (replays). */
const TOLERANCE_SEC = 300;

class BadSignature extends ProblemError {
  constructor(detail: string) {
    super(401, 'INVALID_WEBHOOK_SIGNATURE', 'Unauthorized', detail);
  }
}

export function parseWebhookSecrets(value: string): Map<string, Buffer> {
  const secrets = new Map<string, Buffer>();
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.indexOf(':');
    const provider = entry.slice(0, at);
    const secret = entry.slice(at + 1);
    if (at < 1 || !/^[a-z0-9-]{1,40}$/.test(provider) || secret.length < 16)
      throw new Error('FULFILMENT_WEBHOOK_SECRETS must be provider:secret entries (secret ≥ 16 characters)');
    secrets.set(provider, Buffer.from(secret, 'utf8'));
  }
  return secrets;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, the scheme Stripe and others use. */
export function signWebhook(secret: Buffer, body: Buffer | string, timestamp = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

function verify(secret: Buffer, header: string | undefined, body: Buffer): void {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!parts.v1 || !Number.isInteger(t)) throw new BadSignature('Missing or malformed webhook-signature.');
  if (Math.abs(Date.now() / 1000 - t) > TOLERANCE_SEC)
    throw new BadSignature('The signature timestamp is too old or in the future.');
  const expected = Buffer.from(signWebhook(secret, body, t).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new BadSignature('The signature does not match.');
}

const Body = Type.Object(
  {
    events: Type.Array(
      Type.Object(
        {
          id: Type.String({
            minLength: 1,
            maxLength: 128,
            description: 'The provider’s event id (deduplicates retries)',
          }),
          tenantId: Type.String({ format: 'uuid' }),
          mailPieceId: Type.String({ format: 'uuid' }),
          status: Type.Unsafe<(typeof MAIL_STATUSES)[number]>({ type: 'string', enum: [...MAIL_STATUSES] }),
          occurredAt: Type.String({ format: 'date-time' }),
        },
        { additionalProperties: true },
      ),
      { minItems: 1, maxItems: 1000 },
    ),
  },
  { additionalProperties: true },
);

/**
 * A fulfilment provider's tracking webhook: public (the gateway lets it through), authenticated by an
 * HMAC over the raw body with the provider's secret, fed into the same scan recording ops use.
 */
const fulfilmentWebhookRoutes: FastifyPluginAsyncTypebox<{ deps: CoreDeps; secrets: Map<string, Buffer> }> = async (
  app,
  { deps, secrets },
) => {
  // The signature covers the exact bytes: keep them beside the parsed body, and check the signature
  // before the body is validated (an unsigned request learns nothing about the schema).
  app.decorateRequest('rawBody', null);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    req.rawBody = body as Buffer;
    try {
      done(null, JSON.parse((body as Buffer).toString('utf8')));
    } catch {
      done(new ProblemError(400, 'VALIDATION_FAILED', 'Request validation failed', 'The body is not JSON.'));
    }
  });
  app.post(
    '/api/webhooks/fulfilment/:provider',
    {
      schema: {
        summary: 'Tracking scans from a fulfilment provider (HMAC-signed: webhook-signature: t=…,v1=…)',
        params: Type.Object({ provider: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }) }),
        body: Body,
        response: {
          200: Type.Object({ recorded: Type.Integer(), duplicates: Type.Integer(), unknown: Type.Integer() }),
          400: Type.Ref('Problem'),
          401: Type.Ref('Problem'),
          404: Type.Ref('Problem'),
        },
      },
      preValidation: async (req) => {
        const { provider } = req.params as { provider: string };
        const secret = secrets.get(provider);
        if (!secret) throw new NotFound('No such fulfilment provider.');
        const header = req.headers['webhook-signature'];
        verify(secret, typeof header === 'string' ? header : undefined, req.rawBody ?? Buffer.alloc(0));
      },
    },
    async (req) =>
      recordProviderScans(
        deps,
        req.params.provider,
        req.body.events.map((e) => ({
          tenantId: e.tenantId,
          mailPieceId: e.mailPieceId,
          status: e.status,
          occurredAt: e.occurredAt,
          externalId: e.id,
        })),
      ),
  );
};
export default fulfilmentWebhookRoutes;
