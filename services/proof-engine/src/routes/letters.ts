import { PROOF_ACCESS } from '@plh/contracts';
import { NotFound, principalOf, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { ProofDeps } from '../domain/deps';
import { saveLetterSetup } from '../domain/letter-setup';
import { errors, LetterSetupBody, LetterSetupView, Problem, ProjectParams, toSetupView } from './schemas';

/** What a project's letters say: the template and the campaign's values (checked when saved). */
const letterRoutes: FastifyPluginAsyncTypebox<{ deps: ProofDeps }> = async (app, { deps }) => {
  app.put(
    '/api/tenants/:tenantId/proof/projects/:projectId/letter',
    {
      config: { access: PROOF_ACCESS.write },
      schema: {
        summary:
          'Set a project’s letter: template (built-in or the practice’s) and values, checked for required content',
        params: ProjectParams,
        body: LetterSetupBody,
        response: { 200: LetterSetupView, 422: Problem, ...errors },
      },
    },
    async (req) => {
      const principal = principalOf(req);
      return toSetupView(
        await saveLetterSetup(deps, {
          tenantId: req.params.tenantId,
          projectId: req.params.projectId,
          letterType: req.body.letterType,
          templateId: req.body.templateId ?? null,
          values: req.body.values,
          returnAddress: req.body.returnAddress,
          actorId: principal.id,
        }),
      );
    },
  );
  app.get(
    '/api/tenants/:tenantId/proof/projects/:projectId/letter',
    {
      config: { access: PROOF_ACCESS.read },
      schema: {
        summary: 'A project’s letter setup',
        params: ProjectParams,
        response: { 200: LetterSetupView, ...errors },
      },
    },
    async (req) => {
      const setup = await deps.unitOfWork(req.params.tenantId, (uow) => uow.letters.find(req.params.projectId));
      if (!setup) throw new NotFound('This project has no letter set up yet.');
      return toSetupView(setup);
    },
  );
};
export default letterRoutes;
