import { COMPLIANCE_ACCESS } from '@plh/contracts';
import { principalOf, Type, uploadedFile, uploadRequestBody, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { ComplianceDeps } from '../domain/deps';
import { uploadLeieFile } from '../domain/leie/upload-leie-file';
import { errors, literals, Problem, SyncView, toSyncView } from './schemas';

/** Ops: a LEIE file uploaded by hand (its scope hands the body over as a stream). */
const leieUploadRoutes: FastifyPluginAsyncTypebox<{ deps: ComplianceDeps }> = async (app, { deps }) => {
  app.post(
    '/api/ops/compliance/sources/oig-leie/files',
    {
      config: {
        access: COMPLIANCE_ACCESS.opsSources,
        requestBody: uploadRequestBody(
          ['text/csv', 'application/octet-stream'],
          'A LEIE CSV file as OIG publishes it: the raw body, or the `file` field of a multipart/form-data form',
        ),
      },
      schema: {
        summary: 'Apply a LEIE file uploaded by hand (full file or monthly supplement), as a sync',
        description:
          'Same parser and snapshot rules as a fetched file. The answer is the finished sync: `succeeded`, ' +
          '`unchanged` (this very file was applied before) or `failed` with the reason (nothing applied).',
        querystring: Type.Object(
          { kind: literals(['full', 'exclusions', 'reinstatements'] as const, { default: 'full' }) },
          { additionalProperties: false },
        ),
        response: { 200: SyncView, ...errors, 409: Problem },
      },
    },
    async (req) => {
      const file = await uploadedFile(req);
      const name = (file.filename ?? 'upload.csv').replace(/[^\w.-]/g, '_').slice(0, 100);
      const sync = await uploadLeieFile(deps, {
        body: file.stream,
        name,
        kind: req.query.kind,
        actorId: principalOf(req).id,
      });
      return toSyncView(sync);
    },
  );
};
export default leieUploadRoutes;
