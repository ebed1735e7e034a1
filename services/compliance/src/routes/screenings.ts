import { COMPLIANCE_ACCESS } from '@plh/contracts';
import { principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { ComplianceDeps } from '../domain/deps';
import { decideMatch } from '../domain/screening/decide-match';
import { errors, literals, Problem, ScreeningView, TenantParams, toScreeningView, Uuid } from './schemas';

/** A practice's provider screenings and the decisions on possible matches. */
const screeningRoutes: FastifyPluginAsyncTypebox<{ deps: ComplianceDeps }> = async (app, { deps }) => {
  app.get(
    '/api/tenants/:tenantId/compliance/screenings',
    {
      config: { access: COMPLIANCE_ACCESS.read },
      schema: {
        summary: 'One row per roster provider: exclusion and NPI status, evidence, when and against which snapshot',
        params: TenantParams,
        response: { 200: Type.Object({ items: Type.Array(ScreeningView) }), ...errors },
      },
    },
    async (req) => {
      const rows = await deps.unitOfWork(req.params.tenantId, (uow) => uow.screenings.list());
      return { items: rows.map(toScreeningView) };
    },
  );
  app.post(
    '/api/tenants/:tenantId/compliance/screenings/:providerId/decision',
    {
      config: { access: COMPLIANCE_ACCESS.decide },
      schema: {
        summary:
          'Confirm or dismiss a possible match (with a reason); a dismissal is remembered, a confirmation excludes',
        params: Type.Object({ tenantId: Uuid, providerId: Uuid }),
        body: Type.Object(
          {
            listingKey: Type.String({ minLength: 1, maxLength: 1000 }),
            decision: literals(['confirm', 'dismiss'] as const),
            reason: Type.String({ minLength: 3, maxLength: 2000 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ScreeningView, ...errors, 409: Problem },
      },
    },
    async (req) => {
      const screening = await decideMatch(deps, {
        tenantId: req.params.tenantId,
        providerId: req.params.providerId,
        listingKey: req.body.listingKey,
        decision: req.body.decision === 'confirm' ? 'confirmed' : 'dismissed',
        reason: req.body.reason.trim(),
        actorId: principalOf(req).id,
      });
      return toScreeningView(screening!);
    },
  );
};
export default screeningRoutes;
