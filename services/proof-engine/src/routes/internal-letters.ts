import { LETTERS_WRITE_SCOPE } from '@plh/contracts';
import { Forbidden, principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { ProofDeps } from '../domain/deps';
import { saveLetterSetup } from '../domain/letter-setup';
import { LetterSetupBody, LetterSetupView, ProjectParams, toSetupView } from './schemas';

/**
 * For the compliance service (service token with `letters:write`): the letter of a departure-letter
 * campaign it started, pre-filled; the same checks as a practice's own setup (`requestedBy`: the user
 * who asked, recorded as the setup's author).
 */
const internalLetterRoutes: FastifyPluginAsyncTypebox<{ deps: ProofDeps }> = async (app, { deps }) => {
  app.put(
    '/internal/tenants/:tenantId/proof/projects/:projectId/letter',
    {
      schema: {
        params: ProjectParams,
        body: Type.Composite([LetterSetupBody, Type.Object({ requestedBy: Type.String({ format: 'uuid' }) })], {
          additionalProperties: false,
        }),
        response: { 200: LetterSetupView },
      },
    },
    async (req) => {
      const principal = principalOf(req);
      if (principal.kind !== 'service' || !principal.scopes.includes(LETTERS_WRITE_SCOPE)) throw new Forbidden();
      return toSetupView(
        await saveLetterSetup(deps, {
          tenantId: req.params.tenantId,
          projectId: req.params.projectId,
          letterType: req.body.letterType,
          templateId: req.body.templateId ?? null,
          values: req.body.values,
          returnAddress: req.body.returnAddress,
          actorId: req.body.requestedBy,
        }),
      );
    },
  );
};
export default internalLetterRoutes;
