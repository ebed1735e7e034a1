import { COMPLIANCE_ACCESS } from '@plh/contracts';
import { principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import { attestationCsv } from '../domain/attestation/attestation-csv';
import { attestationPdf } from '../domain/attestation/attestation-pdf';
import { monthlyAttestation } from '../domain/attestation/monthly-attestation';
import type { ComplianceDeps } from '../domain/deps';
import { errors, literals, TenantParams } from './schemas';

/** A practice's monthly exclusion-screening attestation, as a PDF to file or a CSV to work with. */
const attestationRoutes: FastifyPluginAsyncTypebox<{ deps: ComplianceDeps }> = async (app, { deps }) => {
  app.get(
    '/api/tenants/:tenantId/compliance/attestation',
    {
      config: { access: COMPLIANCE_ACCESS.read },
      schema: {
        summary:
          'The month’s attestation: each provider screened, the sources and snapshot versions checked, the results, who decided what',
        params: TenantParams,
        querystring: Type.Object({
          month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' }),
          format: literals(['pdf', 'csv'] as const, { default: 'pdf' }),
        }),
        response: {
          200: Type.String({ description: 'application/pdf or text/csv, as an attachment' }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const { month, format } = req.query;
      const attestation = await monthlyAttestation(deps, {
        tenantId: req.params.tenantId,
        month,
        format,
        actorId: principalOf(req).id,
      });
      const name = `exclusion-screening-attestation-${month}.${format}`;
      void reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(attestationCsv(attestation));
      return reply.type('application/pdf').send(await attestationPdf(attestation));
    },
  );
};
export default attestationRoutes;
