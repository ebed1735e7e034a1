import { COMPLIANCE_ACCESS } from '@plh/contracts';
import { Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { ComplianceDeps } from '../domain/deps';
import { errors, Uuid } from './schemas';

const EscalationView = Type.Object({
  tenantId: Uuid,
  id: Uuid,
  escalatedEventId: Uuid,
  eventType: Type.String(),
  priority: Type.String(),
  source: Type.String(),
  providerId: Type.Union([Uuid, Type.Null()]),
  escalatedAt: Type.String({ format: 'date-time' }),
});

/** Ops: the alerts practices did not acknowledge in time, oldest first (ids and types, no names). */
const escalationRoutes: FastifyPluginAsyncTypebox<{ deps: ComplianceDeps }> = async (app, { deps }) => {
  app.get(
    '/api/ops/compliance/escalations',
    {
      config: { access: COMPLIANCE_ACCESS.opsEscalations },
      schema: {
        summary: 'Open escalations: critical and high alerts no one at the practice acknowledged in time',
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) }),
        response: { 200: Type.Object({ items: Type.Array(EscalationView) }), ...errors },
      },
    },
    async (req) => {
      const open = await deps.systemWork(({ escalations }) => escalations.open(req.query.limit));
      return { items: open.map((e) => ({ ...e, escalatedAt: e.escalatedAt.toISOString() })) };
    },
  );
};
export default escalationRoutes;
