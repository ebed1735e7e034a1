import { NOTIFICATION_ACCESS } from '@plh/contracts';
import {
  decodeTimeCursor,
  encodeTimeCursor,
  NotFound,
  Page,
  pageOf,
  PageQuery,
  Type,
  type FastifyPluginAsyncTypebox,
} from '@plh/service-kit';
import type { NotificationDeps } from '../domain/deps';
import { replayMessage } from '../domain/webhooks/replay';
import {
  AttemptView,
  errors,
  literals,
  MessageView,
  Problem,
  TenantParams,
  toAttemptView,
  toMessageView,
  Uuid,
} from './schemas';

const MessageParams = Type.Object({ tenantId: Uuid, messageId: Uuid });
const CURSOR = 'messages';

/** The practice's delivery log: every message, its attempts (status code, latency, answer), replay. */
const messageRoutes: FastifyPluginAsyncTypebox<{ deps: NotificationDeps }> = async (app, { deps }) => {
  const base = '/api/tenants/:tenantId/notifications/messages';
  app.get(
    base,
    {
      config: { access: NOTIFICATION_ACCESS.read },
      schema: {
        summary: 'The delivery log, newest first',
        params: TenantParams,
        querystring: Type.Object({
          ...PageQuery,
          channel: Type.Optional(literals(['email', 'sms', 'webhook'] as const)),
          status: Type.Optional(literals(['queued', 'sent', 'delivered', 'failed', 'suppressed'] as const)),
          endpointId: Type.Optional(Uuid),
          topic: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: { 200: Page(MessageView), ...errors },
      },
    },
    async (req) => {
      const { limit, cursor, ...filter } = req.query;
      const after = cursor ? decodeTimeCursor(CURSOR, cursor) : null;
      const rows = await deps.unitOfWork(req.params.tenantId, ({ messages }) =>
        messages.page(filter, after, limit + 1),
      );
      return pageOf(rows, limit, toMessageView, (m) => encodeTimeCursor(CURSOR, m));
    },
  );
  app.get(
    `${base}/:messageId`,
    {
      config: { access: NOTIFICATION_ACCESS.read },
      schema: {
        summary: 'One message and every attempt to deliver it',
        params: MessageParams,
        response: {
          200: Type.Composite([MessageView, Type.Object({ deliveryAttempts: Type.Array(AttemptView) })]),
          ...errors,
        },
      },
    },
    async (req) => {
      const found = await deps.unitOfWork(req.params.tenantId, async ({ messages }) => {
        const message = await messages.byId(req.params.messageId);
        return message ? { message, attempts: await messages.attemptsOf(message.id) } : null;
      });
      if (!found) throw new NotFound('No such message.');
      return { ...toMessageView(found.message), deliveryAttempts: found.attempts.map(toAttemptView) };
    },
  );
  app.post(
    `${base}/:messageId/replay`,
    {
      config: { access: NOTIFICATION_ACCESS.manageWebhooks },
      schema: {
        summary: 'Send a delivered or failed message again (a webhook keeps its webhook-id)',
        params: MessageParams,
        response: { 202: Type.Object({ messageId: Uuid }), ...errors, 409: Problem },
      },
    },
    async (req, reply) => {
      await replayMessage(deps, req.params.tenantId, req.params.messageId);
      return reply.status(202).send({ messageId: req.params.messageId });
    },
  );
};
export default messageRoutes;
