import { NOTIFICATION_ACCESS } from '@plh/contracts';
import { principalOf, Type, type FastifyPluginAsyncTypebox, type FastifyRequest } from '@plh/service-kit';
import type { NotificationDeps } from '../domain/deps';
import { messageStatus, sendDirect, sendWebhookEvent } from '../domain/send/send-api';
import {
  AttemptView,
  EmailAddress,
  errors,
  MessageView,
  Nullable,
  PhoneNumber,
  Problem,
  toAttemptView,
  toMessageView,
  Uuid,
} from './schemas';

const Accepted = Type.Object({ id: Uuid, status: Type.String() });
const requesterOf = (req: FastifyRequest) => {
  const p = principalOf(req);
  return `${p.kind}:${p.id}`;
};

/**
 * The seed's send API, for other services (service token with notifications:send) and ops admins:
 * one email or SMS, or an event to a practice's webhook endpoints; then its status. Messages are
 * queued (202) and delivered like every other, with fail-over and retries.
 */
const sendRoutes: FastifyPluginAsyncTypebox<{ deps: NotificationDeps }> = async (app, { deps }) => {
  app.post(
    '/api/notifications/email',
    {
      config: { access: NOTIFICATION_ACCESS.send },
      schema: {
        summary: 'Queue one email (ops, services)',
        body: Type.Object(
          {
            tenantId: Type.Optional(Nullable(Uuid)),
            to: EmailAddress,
            subject: Type.String({ minLength: 1, maxLength: 200 }),
            text: Type.String({ minLength: 1, maxLength: 20_000 }),
            html: Type.Optional(Type.String({ maxLength: 100_000 })),
          },
          { additionalProperties: false },
        ),
        response: { 202: Accepted, ...errors, 413: Problem },
      },
    },
    async (req, reply) => {
      const { tenantId = null, html, ...rest } = req.body;
      const queued = await sendDirect(
        deps,
        { channel: 'email', tenantId, ...rest, ...(html ? { html } : {}) },
        requesterOf(req),
      );
      return reply.status(202).send(queued);
    },
  );
  app.post(
    '/api/notifications/sms',
    {
      config: { access: NOTIFICATION_ACCESS.send },
      schema: {
        summary: 'Queue one SMS (ops, services)',
        body: Type.Object(
          {
            tenantId: Type.Optional(Nullable(Uuid)),
            to: PhoneNumber,
            text: Type.String({ minLength: 1, maxLength: 480 }),
          },
          { additionalProperties: false },
        ),
        response: { 202: Accepted, ...errors },
      },
    },
    async (req, reply) => {
      const { tenantId = null, ...rest } = req.body;
      return reply.status(202).send(await sendDirect(deps, { channel: 'sms', tenantId, ...rest }, requesterOf(req)));
    },
  );
  app.post(
    '/api/notifications/webhook',
    {
      config: { access: NOTIFICATION_ACCESS.send },
      schema: {
        summary: "Send an event to a practice's subscribed webhook endpoints (ops, services)",
        body: Type.Object(
          {
            tenantId: Uuid,
            type: Type.String({ minLength: 1, maxLength: 64, description: 'A webhook event type (topic)' }),
            data: Type.Record(Type.String({ maxLength: 64 }), Type.Unknown()),
          },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ ids: Type.Array(Uuid) }), ...errors, 413: Problem, 422: Problem },
      },
    },
    async (req, reply) => reply.status(202).send(await sendWebhookEvent(deps, req.body, requesterOf(req))),
  );
  app.get(
    '/api/notifications/status/:id',
    {
      config: { access: NOTIFICATION_ACCESS.status },
      schema: {
        summary: 'A message’s status and every attempt (ops, services)',
        params: Type.Object({ id: Uuid }),
        response: {
          200: Type.Composite([MessageView, Type.Object({ deliveryAttempts: Type.Array(AttemptView) })]),
          ...errors,
        },
      },
    },
    async (req) => {
      const { message, attempts } = await messageStatus(deps, req.params.id);
      return { ...toMessageView(message), deliveryAttempts: attempts.map(toAttemptView) };
    },
  );
};
export default sendRoutes;
