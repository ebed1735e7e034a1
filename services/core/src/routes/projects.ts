import { CORE_ACCESS } from '@plh/contracts';
import { Page, PageQuery, principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { CoreDeps } from '../domain/deps';
import { createProject, getProject, listProjects, setProjectArchived } from '../domain/projects';
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
        summary: 'The practice’s campaigns, newest first, a page at a time (archived ones with ?archived=true)',
        params: TenantParams,
        querystring: Type.Object({
          archived: Type.Boolean({ default: false, description: 'Archived campaigns instead of current ones' }),
          ...PageQuery,
        }),
        response: { 200: Page(ProjectView), ...errors },
      },
    },
    async (req) => {
      const page = await listProjects(deps, { tenantId: req.params.tenantId, ...req.query });
      return { items: page.items.map(toProjectView), next: page.next };
    },
  );
  for (const [action, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const)
    app.post(
      `/api/tenants/:tenantId/projects/:projectId/${action}`,
      {
        config: { access: CORE_ACCESS.writeProjects },
        schema: {
          summary: archived
            ? 'Archive a finished campaign: hidden from the list, no new lists or quotes; its orders carry on'
            : 'Restore an archived campaign',
          params: ProjectParams,
          response: { 200: ProjectView, ...errors },
        },
      },
      async (req) =>
        toProjectView(
          await setProjectArchived(deps, {
            tenantId: req.params.tenantId,
            projectId: req.params.projectId,
            archived,
          }),
        ),
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
