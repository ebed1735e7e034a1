import { MAILING_READ_SCOPE, MailingRecipientsSchema, MailingSchema, ProjectRefSchema } from '@plh/contracts';
import { Forbidden, principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { CoreDeps } from '../domain/deps';
import { mailingOf, mailingRecipients } from '../domain/mailing';
import { ProjectNotFound } from '../domain/problems';

const Params = Type.Object({ tenantId: Type.String({ format: 'uuid' }), orderId: Type.String({ format: 'uuid' }) });

/** For the proof engine (service token with `mailing:read`); unreachable through the gateway. */
const internalMailingRoutes: FastifyPluginAsyncTypebox<{ deps: CoreDeps }> = async (app, { deps }) => {
  app.addHook('preHandler', async (req) => {
    const principal = principalOf(req);
    if (principal.kind !== 'service' || !principal.scopes.includes(MAILING_READ_SCOPE)) throw new Forbidden();
  });
  app.get(
    '/internal/tenants/:tenantId/projects/:projectId',
    {
      schema: {
        params: Type.Object({ tenantId: Type.String({ format: 'uuid' }), projectId: Type.String({ format: 'uuid' }) }),
        response: { 200: ProjectRefSchema },
      },
    },
    async (req) => {
      const project = await deps.unitOfWork(req.params.tenantId, (uow) => uow.projects.findById(req.params.projectId));
      if (!project) throw new ProjectNotFound();
      return { projectId: project.id, letterType: project.letterType };
    },
  );
  app.get(
    '/internal/tenants/:tenantId/orders/:orderId/mailing',
    {
      schema: {
        params: Params,
        response: { 200: MailingSchema },
      },
    },
    async (req) => mailingOf(deps, req.params.tenantId, req.params.orderId),
  );
  app.get(
    '/internal/tenants/:tenantId/orders/:orderId/recipients',
    {
      schema: {
        params: Params,
        querystring: Type.Object({
          afterRow: Type.Integer({ minimum: 0, default: 0 }),
          take: Type.Integer({ minimum: 1, maximum: 5000, default: 1000 }),
          sample: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: { 200: MailingRecipientsSchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const { afterRow, take, sample } = req.query;
      const base = { tenantId: req.params.tenantId, orderId: req.params.orderId };
      return {
        items: await mailingRecipients(deps, sample ? { ...base, sample } : { ...base, afterRow, take }),
      };
    },
  );
};
export default internalMailingRoutes;
