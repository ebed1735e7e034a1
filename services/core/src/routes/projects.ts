import { CORE_ACCESS } from '@plh/contracts';
import { principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { CoreDeps } from '../domain/deps';
import { createProject, getProject, listProjects } from '../domain/projects';
import { errors, LetterType, Problem, ProjectParams, ProjectView, TenantParams, toProjectView } from './schemas';

/** Projects (letter campaigns) of a practice. */
const projectRoutes: FastifyPluginAsyncTypebox<{ deps: CoreDeps }> = async (app, { deps }) => {
  app.post(
    '/api/tenants/:tenantId/projects',
    {
      config: { access: CORE_ACCESS.writeProjects },
      schema: {
        summary: 'Start a letter campaign',
        params: TenantParams,
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 200 }), letterType: LetterType },
          { additionalProperties: false },
        ),
        response: { 201: ProjectView, ...errors, 422: Problem },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const project = await createProject(deps, { tenantId: req.params.tenantId, actorId: principal.id, ...req.body });
      return reply.code(201).send(toProjectView(project));
    },
  );
  app.get(
    '/api/tenants/:tenantId/projects',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'List the practice’s campaigns (newest first)',
        params: TenantParams,
        response: { 200: Type.Object({ items: Type.Array(ProjectView) }), ...errors },
      },
    },
    async (req) => {
      return { items: (await listProjects(deps, req.params.tenantId)).map(toProjectView) };
    },
  );
  app.get(
    '/api/tenants/:tenantId/projects/:projectId',
    {
      config: { access: CORE_ACCESS.read },
      schema: { summary: 'One campaign', params: ProjectParams, response: { 200: ProjectView, ...errors } },
    },
    async (req) => {
      return toProjectView(await getProject(deps, req.params.tenantId, req.params.projectId));
    },
  );
};
export default projectRoutes;
