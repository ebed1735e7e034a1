import { NOTIFICATION_ACCESS } from '@plh/contracts';
import { NotFound, principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { NotificationDeps } from '../domain/deps';
import { createEndpoint, deleteEndpoint, rotateSecret, updateEndpoint } from '../domain/webhooks/manage-endpoints';
import { replayEndpointSince, sendTestMessage } from '../domain/webhooks/replay';
import { WEBHOOK_TOPICS } from '../domain/topics';
import { EndpointView, errors, Problem, TenantParams, toEndpointView, Uuid } from './schemas';

const EndpointParams = Type.Object({ tenantId: Uuid, endpointId: Uuid });
const Url = Type.String({ minLength: 8, maxLength: 2048, description: 'https (or http) URL of the receiving system' });
const Topics = Type.Array(Type.String({ maxLength: 64 }), {
  minItems: 1,
  maxItems: 32,
  description: `Event types to receive: ${WEBHOOK_TOPICS.join(', ')}`,
});
const Secret = Type.String({ description: 'whsec_… — shown once: store it now' });

/**
 * A practice's webhook endpoints (Standard Webhooks): register, change, disable, delete, rotate the
 * secret (both valid for 24 h), send a test, replay what failed since a time.
 */
const webhookEndpointRoutes: FastifyPluginAsyncTypebox<{ deps: NotificationDeps }> = async (app, { deps }) => {
  const base = '/api/tenants/:tenantId/notifications/webhooks';
  const read = { access: NOTIFICATION_ACCESS.read };
  const manage = { access: NOTIFICATION_ACCESS.manageWebhooks };
  app.get(
    base,
    {
      config: read,
      schema: {
        summary: 'Webhook endpoints',
        params: TenantParams,
        response: { 200: Type.Object({ items: Type.Array(EndpointView) }), ...errors },
      },
    },
    async (req) => ({
      items: (await deps.unitOfWork(req.params.tenantId, ({ endpoints }) => endpoints.list())).map(toEndpointView),
    }),
  );
  app.post(
    base,
    {
      config: manage,
      schema: {
        summary: 'Register a webhook endpoint (its signing secret is answered once)',
        params: TenantParams,
        body: Type.Object(
          { url: Url, description: Type.String({ maxLength: 500, default: '' }), topics: Topics },
          { additionalProperties: false },
        ),
        response: { 201: Type.Composite([EndpointView, Type.Object({ secret: Secret })]), ...errors, 422: Problem },
      },
    },
    async (req, reply) => {
      const { endpoint, secret } = await createEndpoint(deps, req.params.tenantId, req.body, principalOf(req).id);
      return reply.status(201).send({ ...toEndpointView(endpoint), secret });
    },
  );
  app.get(
    `${base}/:endpointId`,
    {
      config: read,
      schema: { summary: 'One webhook endpoint', params: EndpointParams, response: { 200: EndpointView, ...errors } },
    },
    async (req) => {
      const endpoint = await deps.unitOfWork(req.params.tenantId, ({ endpoints }) =>
        endpoints.byId(req.params.endpointId),
      );
      if (!endpoint) throw new NotFound('No such webhook endpoint.');
      return toEndpointView(endpoint);
    },
  );
  app.patch(
    `${base}/:endpointId`,
    {
      config: manage,
      schema: {
        summary: 'Change an endpoint’s URL, description or event types; disable or enable it',
        params: EndpointParams,
        body: Type.Object(
          {
            url: Type.Optional(Url),
            description: Type.Optional(Type.String({ maxLength: 500 })),
            topics: Type.Optional(Topics),
            enabled: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: EndpointView, ...errors, 422: Problem },
      },
    },
    async (req) => toEndpointView(await updateEndpoint(deps, req.params.tenantId, req.params.endpointId, req.body)),
  );
  app.delete(
    `${base}/:endpointId`,
    {
      config: manage,
      schema: { summary: 'Delete an endpoint', params: EndpointParams, response: { 204: Type.Null(), ...errors } },
    },
    async (req, reply) => {
      await deleteEndpoint(deps, req.params.tenantId, req.params.endpointId);
      return reply.status(204).send(null);
    },
  );
  app.post(
    `${base}/:endpointId/rotate-secret`,
    {
      config: manage,
      schema: {
        summary: 'A new signing secret (answered once); the previous one keeps signing for 24 hours',
        params: EndpointParams,
        response: {
          200: Type.Object({ secret: Secret, previousSecretValidUntil: Type.String({ format: 'date-time' }) }),
          ...errors,
        },
      },
    },
    async (req) => {
      const rotated = await rotateSecret(deps, req.params.tenantId, req.params.endpointId);
      return { secret: rotated.secret, previousSecretValidUntil: rotated.previousValidUntil.toISOString() };
    },
  );
  app.post(
    `${base}/:endpointId/test`,
    {
      config: manage,
      schema: {
        summary: 'Send a test message (type notification.test) to the endpoint',
        params: EndpointParams,
        response: { 202: Type.Object({ messageId: Uuid }), ...errors },
      },
    },
    async (req, reply) =>
      reply.status(202).send({ messageId: await sendTestMessage(deps, req.params.tenantId, req.params.endpointId) }),
  );
  app.post(
    `${base}/:endpointId/replay`,
    {
      config: manage,
      schema: {
        summary: 'Send again every message to this endpoint that failed since a time',
        params: EndpointParams,
        body: Type.Object({ since: Type.String({ format: 'date-time' }) }, { additionalProperties: false }),
        response: { 202: Type.Object({ replayed: Type.Integer() }), ...errors },
      },
    },
    async (req, reply) =>
      reply.status(202).send({
        replayed: await replayEndpointSince(deps, req.params.tenantId, req.params.endpointId, new Date(req.body.since)),
      }),
  );
};
export default webhookEndpointRoutes;
