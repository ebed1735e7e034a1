import { TENANT_ACCESS } from '@plh/contracts';
import { Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { TenantDeps } from '../domain/deps';
import { listDeadLetters, retryDeadLetter } from '../domain/operations/dead-letters';

const Problem = Type.Ref('Problem');
const DeadLetter = Type.Object({
  sequence: Type.Integer({ description: 'Its place in the dead-letter stream: what a retry names' }),
  consumer: Type.String({ description: 'The durable consumer that gave up on it' }),
  subject: Type.String(),
  stream: Type.String(),
  streamSequence: Type.Integer(),
  deliveries: Type.Integer(),
  reason: Type.Union([Type.Literal('handler_failed'), Type.Literal('invalid_event')]),
  error: Type.String({ description: 'The last error, scrubbed of echoed values' }),
  failedAt: Type.String({ format: 'date-time' }),
  eventId: Type.Union([Type.String(), Type.Null()]),
  eventType: Type.Union([Type.String(), Type.Null()]),
});

/**
 * The ops console's dead letters: events a service's consumer gave up on (after its retries, or at once for
 * a message that breaks its contract), every service's in one stream; a retry once the cause is fixed.
 */
const opsDeadLetterRoutes: FastifyPluginAsyncTypebox<{ deps: TenantDeps }> = async (app, { deps }) => {
  app.get(
    '/api/ops/dead-letters',
    {
      config: { access: TENANT_ACCESS.opsRead },
      schema: {
        summary: 'Events a consumer gave up on, oldest first (ops)',
        querystring: Type.Object(
          {
            consumer: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(DeadLetter) }), 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => ({ items: await listDeadLetters(deps, req.query) }),
  );

  app.post(
    '/api/ops/dead-letters/:sequence/retry',
    {
      config: { access: TENANT_ACCESS.opsAdmin },
      schema: {
        summary: 'Publish a dead letter’s event again once its cause is fixed (ops admin)',
        description:
          'Every consumer of the subject sees the event again; those that handled it skip it (inbox). The letter leaves the dead-letter stream. Audited. A message that broke its contract (`invalid_event`) is `409 DEAD_LETTER_NOT_RETRYABLE`.',
        params: Type.Object({ sequence: Type.Integer({ minimum: 1 }) }),
        response: { 200: DeadLetter, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (req) => retryDeadLetter(deps, req.params.sequence),
  );
};
export default opsDeadLetterRoutes;
