import { COMPLIANCE_ACCESS } from '@plh/contracts';
import { principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { ComplianceDeps } from '../domain/deps';
import { getSync, listSources, updateSource } from '../domain/sources/manage-sources';
import { requestSync } from '../domain/sources/request-sync';
import { errors, Problem, SourceView, SyncView, toSourceView, toSyncView, Uuid } from './schemas';

const SourceParams = Type.Object({ source: Type.String({ pattern: '^[a-z0-9-]{2,40}$' }) });

/** Ops: the compliance sources, their settings, and their syncs. */
const sourceRoutes: FastifyPluginAsyncTypebox<{ deps: ComplianceDeps }> = async (app, { deps }) => {
  app.get(
    '/api/ops/compliance/sources',
    {
      config: { access: COMPLIANCE_ACCESS.opsSources },
      schema: {
        summary: 'Every compliance source with its status: last attempt, last success, rows, snapshot, last error',
        response: { 200: Type.Object({ items: Type.Array(SourceView) }), ...errors },
      },
    },
    async () => ({ items: (await listSources(deps)).map(toSourceView) }),
  );
  app.put(
    '/api/ops/compliance/sources/:source',
    {
      config: { access: COMPLIANCE_ACCESS.opsSources },
      schema: {
        summary: 'Change a source: config (e.g. baseUrl), poll interval, active',
        params: SourceParams,
        body: Type.Object(
          {
            config: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 20 })),
            pollIntervalMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 44_640 })),
            isActive: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: SourceView, ...errors },
      },
    },
    async (req) => toSourceView(await updateSource(deps, req.params.source, req.body, principalOf(req).id)),
  );
  app.post(
    '/api/ops/compliance/sources/:source/sync',
    {
      config: { access: COMPLIANCE_ACCESS.opsSources },
      schema: {
        summary: 'Run a sync now; answers the queued sync (follow it at GET …/syncs/:syncId)',
        params: SourceParams,
        response: { 202: SyncView, ...errors, 409: Problem },
      },
    },
    async (req, reply) => {
      const sync = await requestSync(deps, {
        source: req.params.source,
        trigger: 'manual',
        requestedBy: principalOf(req).id,
      });
      return reply.code(202).header('location', `/api/ops/compliance/syncs/${sync.id}`).send(toSyncView(sync));
    },
  );
  app.get(
    '/api/ops/compliance/syncs/:syncId',
    {
      config: { access: COMPLIANCE_ACCESS.opsSources },
      schema: {
        summary: 'One sync: state, files, counts, error',
        params: Type.Object({ syncId: Uuid }),
        response: { 200: SyncView, ...errors },
      },
    },
    async (req) => toSyncView(await getSync(deps, req.params.syncId)),
  );
};
export default sourceRoutes;
