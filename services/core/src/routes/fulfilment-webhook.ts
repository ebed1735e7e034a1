import {
  isWebhookSecret,
  NotFound,
  ProblemError,
  Type,
  webhookSigner,
  type FastifyPluginAsyncTypebox,
  type WebhookSigner,
} from '@plh/service-kit';
import type { CoreDeps } from '../domain/deps';
import { MAIL_STATUSES, recordProviderScans } from '../domain/tracking';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody: Buffer | null;
  }
}

/** `provider:whsec_…[,provider:whsec_…]`: each provider's Standard Webhooks secret. */
export function parseWebhookSecrets(value: string): Map<string, WebhookSigner> {
  const signers = new Map<string, WebhookSigner>();
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.indexOf(':');
    const provider = entry.slice(0, at);
    const secret = entry.slice(at + 1);
    if (at < 1 || !/^[a-z0-9-]{1,40}$/.test(provider) || !isWebhookSecret(secret))
      throw new Error('FULFILMENT_WEBHOOK_SECRETS must be provider:whsec_<base64 of 24–64 bytes> entries');
    signers.set(provider, webhookSigner(secret));
  }
  return signers;
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
 * A fulfilment provider's tracking webhook: public (the gateway lets it through), authenticated by a
 * Standard Webhooks signature over the raw body with the provider's secret, fed into the same scan
 * recording ops use.
 */
const fulfilmentWebhookRoutes: FastifyPluginAsyncTypebox<{
  deps: CoreDeps;
  signers: Map<string, WebhookSigner>;
}> = async (app, { deps, signers }) => {
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
        summary:
          'Tracking scans from a fulfilment provider, signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature)',
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
        const signer = signers.get(provider);
        if (!signer) throw new NotFound('No such fulfilment provider.');
        signer.verify(req.headers, req.rawBody ?? Buffer.alloc(0));
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
