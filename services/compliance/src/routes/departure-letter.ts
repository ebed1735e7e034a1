import { COMPLIANCE_ACCESS } from '@plh/contracts';
import { principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { ComplianceDeps } from '../domain/deps';
import { startDepartureLetter } from '../domain/events/start-departure-letter';
import { errors, Problem, Uuid } from './schemas';

const Text = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, description });

/** From an exclusion_match event, the provider-departure letter campaign the practice now owes. */
const departureLetterRoutes: FastifyPluginAsyncTypebox<{ deps: ComplianceDeps }> = async (app, { deps }) => {
  app.post(
    '/api/tenants/:tenantId/compliance/events/:eventId/departure-letter',
    {
      config: { access: COMPLIANCE_ACCESS.startLetter },
      schema: {
        summary:
          'Start the patient letter an exclusion calls for: a provider-departure campaign with its letter pre-filled (provider, date), ready for the patient list',
        params: Type.Object({ tenantId: Uuid, eventId: Uuid }),
        body: Type.Object(
          {
            effectiveDate: Type.Optional(Text(100, 'The provider’s last day as printed (default: today)')),
            recordsCustodian: Text(500, 'Who keeps the medical records'),
            recordsRequest: Text(1000, 'How a patient requests them'),
            signatory: Text(200, 'Who signs the letter'),
            continuingCare: Type.Optional(Text(1000, 'Who sees the patient from now on')),
            returnAddress: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 2, maxItems: 5 }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ projectId: Uuid, providerName: Type.String(), effectiveDate: Type.String() }),
          200: Type.Object({ projectId: Uuid, providerName: Type.String(), effectiveDate: Type.String() }),
          ...errors,
          409: Problem,
          422: Problem,
        },
      },
    },
    async (req, reply) => {
      const { created, ...started } = await startDepartureLetter(deps, {
        tenantId: req.params.tenantId,
        eventId: req.params.eventId,
        actorId: principalOf(req).id,
        ...req.body,
      });
      return reply.code(created ? 201 : 200).send(started);
    },
  );
};
export default departureLetterRoutes;
