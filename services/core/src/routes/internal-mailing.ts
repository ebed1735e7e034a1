import { Forbidden, principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { CoreDeps } from '../domain/deps';
import { mailingOf, mailingRecipients } from '../domain/mailing';

/** The scope of the proof engine's service token: an order's layout facts and decrypted recipients. */
export const MAILING_READ_SCOPE = 'mailing:read';

const Params = Type.Object({ tenantId: Type.String({ format: 'uuid' }), orderId: Type.String({ format: 'uuid' }) });
const File = Type.Union([Type.Object({ storageKey: Type.String(), contentType: Type.String() }), Type.Null()]);

/** For the proof engine (service token with `mailing:read`); unreachable through the gateway. */
const internalMailingRoutes: FastifyPluginAsyncTypebox<{ deps: CoreDeps }> = async (app, { deps }) => {
  app.addHook('preHandler', async (req) => {
    const principal = principalOf(req);
    if (principal.kind !== 'service' || !principal.scopes.includes(MAILING_READ_SCOPE)) throw new Forbidden();
  });
  app.get(
    '/internal/tenants/:tenantId/orders/:orderId/mailing',
    {
      schema: {
        params: Params,
        response: {
          200: Type.Object({
            orderId: Type.String(),
            orderNumber: Type.Integer(),
            projectId: Type.String(),
            letterType: Type.String(),
            listId: Type.String(),
            recipients: Type.Integer(),
            duplex: Type.Boolean(),
            color: Type.Boolean(),
            letterhead: File,
            logo: File,
            signature: File,
          }),
        },
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
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ row: Type.Integer(), lines: Type.Array(Type.String()) })),
          }),
        },
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
