import { COMPLIANCE_ACCESS } from '@plh/contracts';
import { Page, PageQuery, principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import { EVENT_STATUSES, EVENT_TYPES, PRIORITIES } from '../data/event.repository';
import type { ComplianceDeps } from '../domain/deps';
import { changeEventStatus } from '../domain/events/change-event-status';
import { listEvents } from '../domain/events/list-events';
import { complianceSummary } from '../domain/events/summary';
import { errors, EventView, literals, Problem, TenantParams, toEventView, Uuid } from './schemas';

const EventParams = Type.Object({ tenantId: Uuid, eventId: Uuid });

/** A practice's compliance events (the seed's API) and the dashboard summary. */
const eventRoutes: FastifyPluginAsyncTypebox<{ deps: ComplianceDeps }> = async (app, { deps }) => {
  app.get(
    '/api/tenants/:tenantId/compliance/events',
    {
      config: { access: COMPLIANCE_ACCESS.read },
      schema: {
        summary: 'Compliance events, newest first, a page at a time (filters: status, priority, type, source, dates)',
        params: TenantParams,
        querystring: Type.Object(
          {
            status: Type.Optional(literals(EVENT_STATUSES)),
            priority: Type.Optional(literals(PRIORITIES)),
            type: Type.Optional(literals(EVENT_TYPES)),
            source: Type.Optional(Type.String({ maxLength: 40 })),
            providerId: Type.Optional(Uuid),
            from: Type.Optional(Type.String({ format: 'date-time', description: 'Created at or after' })),
            to: Type.Optional(Type.String({ format: 'date-time', description: 'Created before' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(EventView), ...errors },
      },
    },
    async (req) => {
      const { type, ...rest } = req.query;
      const page = await listEvents(deps, req.params.tenantId, { ...rest, eventType: type });
      return { items: page.items.map(toEventView), next: page.next };
    },
  );
  app.post(
    '/api/tenants/:tenantId/compliance/events/:eventId/acknowledge',
    {
      config: { access: COMPLIANCE_ACCESS.acknowledge },
      schema: {
        summary: 'Acknowledge an event: someone is on it (no body)',
        params: EventParams,
        response: { 200: EventView, ...errors, 409: Problem },
      },
    },
    async (req) =>
      toEventView(await changeEventStatus(deps, { ...req.params, to: 'acknowledged', actorId: principalOf(req).id })),
  );
  app.post(
    '/api/tenants/:tenantId/compliance/events/:eventId/resolve',
    {
      config: { access: COMPLIANCE_ACCESS.acknowledge },
      schema: {
        summary: 'Resolve an event, saying how',
        params: EventParams,
        body: Type.Object(
          { resolution: Type.String({ minLength: 3, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: { 200: EventView, ...errors, 409: Problem },
      },
    },
    async (req) =>
      toEventView(
        await changeEventStatus(deps, {
          ...req.params,
          to: 'resolved',
          actorId: principalOf(req).id,
          resolution: req.body.resolution.trim(),
        }),
      ),
  );
  app.get(
    '/api/tenants/:tenantId/compliance/summary',
    {
      config: { access: COMPLIANCE_ACCESS.read },
      schema: {
        summary: 'The dashboard widget: events by status and priority, the last screening, sources’ freshness',
        params: TenantParams,
        response: {
          200: Type.Object({
            events: Type.Object({
              active: Type.Integer(),
              acknowledged: Type.Integer(),
              resolved: Type.Integer(),
              openCritical: Type.Integer(),
              openHigh: Type.Integer(),
            }),
            screening: Type.Object({
              providers: Type.Integer(),
              byStatus: Type.Record(Type.String(), Type.Integer()),
              lastScreenedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
            }),
            sources: Type.Array(
              Type.Object({
                name: Type.String(),
                isActive: Type.Boolean(),
                lastSuccessAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
                lastAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
                lastErrorCode: Type.Union([Type.String(), Type.Null()]),
                snapshotVersion: Type.Integer(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const s = await complianceSummary(deps, req.params.tenantId);
      return {
        ...s,
        screening: { ...s.screening, lastScreenedAt: s.screening.lastScreenedAt?.toISOString() ?? null },
        sources: s.sources.map((src) => ({
          ...src,
          lastSuccessAt: src.lastSuccessAt?.toISOString() ?? null,
          lastAttemptAt: src.lastAttemptAt?.toISOString() ?? null,
        })),
      };
    },
  );
};
export default eventRoutes;
