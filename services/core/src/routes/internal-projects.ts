import { PROJECTS_WRITE_SCOPE, ProjectRefSchema } from '@plh/contracts';
import { Forbidden, principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { CoreDeps } from '../domain/deps';
import { createProject } from '../domain/projects';
import { LetterType } from './schemas';

/**
 * For the compliance service (service token with `projects:write`): it starts the departure-letter
 * campaign a practice asked for from a compliance event. `requestedBy` is the practice user who asked
 * (the project's creator); the audit record names the compliance service as the actor. With a
 * `projectId` of the caller's choosing the call is idempotent.
 */
const internalProjectRoutes: FastifyPluginAsyncTypebox<{ deps: CoreDeps }> = async (app, { deps }) => {
  app.post(
    '/internal/tenants/:tenantId/projects',
    {
      schema: {
        params: Type.Object({ tenantId: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            letterType: LetterType,
            requestedBy: Type.String({ format: 'uuid' }),
            projectId: Type.Optional(
              Type.String({
                format: 'uuid',
                description: 'Chosen by the caller: asking again answers the same project',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: ProjectRefSchema },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      if (principal.kind !== 'service' || !principal.scopes.includes(PROJECTS_WRITE_SCOPE)) throw new Forbidden();
      const project = await createProject(deps, {
        tenantId: req.params.tenantId,
        actorId: req.body.requestedBy,
        name: req.body.name,
        letterType: req.body.letterType,
        ...(req.body.projectId ? { projectId: req.body.projectId } : {}),
      });
      return reply.code(201).send({ projectId: project.id, letterType: project.letterType });
    },
  );
};
export default internalProjectRoutes;
