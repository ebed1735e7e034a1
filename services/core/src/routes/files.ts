import { CORE_ACCESS } from '@plh/contracts';
import {
  assertTenantAccess,
  principalOf,
  Type,
  uploadedFile,
  uploadRequestBody,
  type FastifyPluginAsyncTypebox,
} from '@plh/service-kit';
import type { CoreDeps } from '../domain/deps';
import { fileDownloadLink, findFileRevision, PHI_FILE_KINDS } from '../domain/download-file';
import { getProject } from '../domain/projects';
import { uploadProjectFile } from '../domain/upload-file';
import { errors, Problem, ProjectParams, RevisionView, toRevisionView } from './schemas';

const Kind = Type.Union(['logo', 'letterhead', 'signature', 'template'].map((k) => Type.Literal(k)));
const uploadErrors = { ...errors, 413: Problem, 415: Problem, 422: Problem };

/**
 * A project's files (logo, letterhead, signature image, custom template): the raw bytes are the body
 * (any content type; the bytes decide what the file is), each upload a new revision.
 * Registered in a scope whose body parser hands the stream over unread.
 */
const fileRoutes: FastifyPluginAsyncTypebox<{ deps: CoreDeps }> = async (app, { deps }) => {
  app.post(
    '/api/tenants/:tenantId/projects/:projectId/files/:kind',
    {
      config: {
        access: CORE_ACCESS.writeProjects,
        requestBody: uploadRequestBody(
          ['image/png', 'image/jpeg', 'application/pdf', 'text/html', 'text/plain', 'application/octet-stream'],
          'The file: the raw body (its name in Content-Disposition if you like), or the `file` field of a form',
        ),
      },
      schema: {
        summary: 'Upload a new revision of a project file (raw bytes or a form’s `file` field); its name is kept',
        params: Type.Object({ ...ProjectParams.properties, kind: Kind }),
        response: { 201: Type.Object({ kind: Type.String(), ...RevisionView.properties }), ...uploadErrors },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const file = await uploadedFile(req);
      const revision = await uploadProjectFile(deps, {
        tenantId: req.params.tenantId,
        projectId: req.params.projectId,
        kind: req.params.kind as 'logo',
        actorId: principal.id,
        body: file.stream,
        filename: file.filename,
      });
      return reply.code(201).send({ kind: req.params.kind, ...toRevisionView(revision) });
    },
  );
};
export default fileRoutes;

/** Listing and downloading revisions (JSON routes). */
export const fileReadRoutes: FastifyPluginAsyncTypebox<{ deps: CoreDeps; downloadTtlSec: number }> = async (
  app,
  { deps, downloadTtlSec },
) => {
  app.get(
    '/api/tenants/:tenantId/projects/:projectId/files',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'The project’s files with every revision (newest first)',
        params: ProjectParams,
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ kind: Type.String(), revisions: Type.Array(RevisionView) })),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      await getProject(deps, req.params.tenantId, req.params.projectId);
      const files = await deps.unitOfWork(req.params.tenantId, (uow) => uow.files.revisions(req.params.projectId));
      return { items: files.map((f) => ({ kind: f.kind, revisions: f.revisions.map(toRevisionView) })) };
    },
  );
  app.get(
    '/api/tenants/:tenantId/files/:revisionId/download',
    {
      // Everyone who reads the project; a patient list's file (PHI) needs more, checked below by its kind.
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'A short-lived signed link to a file revision',
        params: Type.Object({ tenantId: Type.String({ format: 'uuid' }), revisionId: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({ url: Type.String(), expiresInSec: Type.Integer(), sha256: Type.String() }),
          410: Problem,
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const revision = await findFileRevision(deps, req.params.tenantId, req.params.revisionId);
      assertTenantAccess(
        principal,
        req.params.tenantId,
        PHI_FILE_KINDS.includes(revision.kind) ? CORE_ACCESS.readPatients : CORE_ACCESS.read,
      );
      reply.header('cache-control', 'no-store');
      return {
        url: await fileDownloadLink(deps, { tenantId: req.params.tenantId, revision, ttlSec: downloadTtlSec }),
        expiresInSec: downloadTtlSec,
        sha256: revision.sha256,
      };
    },
  );
};
