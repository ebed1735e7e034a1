import { PROOF_ACCESS } from '@plh/contracts';
import { NotFound, principalOf, Type, type FastifyPluginAsyncTypebox, FileDeletedByRetention } from '@plh/service-kit';
import { MailingNotFound } from '../data/core-mailing.client';
import type { ProofDeps } from '../domain/deps';
import { getJob, recordJobDownload, requestJob, retryJob } from '../domain/jobs';
import { JobNotDone } from '../domain/problems';
import { errors, JobParams, JobView, Problem, TenantParams, toJobView } from './schemas';

/** The seed's proof API: generate, status, download (tenant-scoped), plus retry of a failed job. */
const jobRoutes: FastifyPluginAsyncTypebox<{ deps: ProofDeps }> = async (app, { deps }) => {
  app.post(
    '/api/tenants/:tenantId/proof/generate',
    {
      config: { access: PROOF_ACCESS.generate },
      schema: {
        summary: 'Queue a proof (or the production file) of an order; answers the job to poll',
        description:
          'A proof is also queued by itself when an order is placed, and the production file when a proof is approved. ' +
          'Asking while a job of the same order and kind is queued or running answers that job (200).',
        params: TenantParams,
        body: Type.Object(
          {
            orderId: Type.String({ format: 'uuid' }),
            kind: Type.Optional(Type.Union([Type.Literal('proof'), Type.Literal('production')], { default: 'proof' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: JobView, 202: JobView, 409: Problem, 503: Problem, ...errors },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      let result;
      try {
        result = await requestJob(deps, {
          tenantId: req.params.tenantId,
          orderId: req.body.orderId,
          kind: req.body.kind ?? 'proof',
          requestedBy: principal.id,
        });
      } catch (err) {
        if (err instanceof MailingNotFound) throw new NotFound('No such order in this practice.');
        throw err;
      }
      return reply
        .code(result.created ? 202 : 200)
        .header('location', `/api/tenants/${req.params.tenantId}/proof/status/${result.job.id}`)
        .send(toJobView(result.job));
    },
  );

  app.get(
    '/api/tenants/:tenantId/proof/status/:jobId',
    {
      config: { access: PROOF_ACCESS.read },
      schema: {
        summary: 'A job’s state and progress (letters done of total), its error and failing row if it failed',
        params: JobParams,
        response: { 200: JobView, ...errors },
      },
    },
    async (req) => {
      return toJobView(await getJob(deps, req.params.tenantId, req.params.jobId));
    },
  );

  app.get(
    '/api/tenants/:tenantId/proof/jobs',
    {
      config: { access: PROOF_ACCESS.read },
      schema: {
        summary: 'The jobs of an order, newest first (the web app finds the proof queued when the order was placed)',
        params: TenantParams,
        querystring: Type.Object({ orderId: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Array(JobView), ...errors },
      },
    },
    async (req) => {
      const jobs = await deps.unitOfWork(req.params.tenantId, (uow) => uow.jobs.listForOrder(req.query.orderId));
      return jobs.map(toJobView);
    },
  );

  app.post(
    '/api/tenants/:tenantId/proof/jobs/:jobId/retry',
    {
      config: { access: PROOF_ACCESS.generate },
      schema: {
        summary: 'Retry a failed job; a production file resumes after its last finished batch',
        params: JobParams,
        response: { 202: JobView, 409: Problem, ...errors },
      },
    },
    async (req, reply) => {
      const job = await retryJob(deps, { tenantId: req.params.tenantId, jobId: req.params.jobId });
      return reply.code(202).send(toJobView(job));
    },
  );

  app.get(
    '/api/tenants/:tenantId/proof/download/:jobId',
    {
      config: { access: PROOF_ACCESS.read },
      schema: {
        summary: 'Short-lived signed links: the proof PDF and its page thumbnails, or the production batch files',
        params: JobParams,
        response: {
          200: Type.Object({
            url: Type.String({ description: 'The proof PDF, or the production manifest (JSON)' }),
            expiresInSec: Type.Integer(),
            sha256: Type.String(),
            thumbnails: Type.Array(Type.String()),
            parts: Type.Array(Type.Object({ url: Type.String(), sha256: Type.String(), letters: Type.Integer() })),
          }),
          409: Problem,
          410: Problem,
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const job = await getJob(deps, req.params.tenantId, req.params.jobId);
      if (job.state !== 'done' || !job.storageKey || !job.sha256) throw new JobNotDone(job.state);
      if (job.filesDeletedAt) throw new FileDeletedByRetention(job.filesDeletedAt);
      await recordJobDownload(deps, req.params.tenantId, job);
      const ttl = deps.settings.downloadTtlSec;
      const sign = (key: string, filename: string) =>
        deps.storage.signedDownloadUrl(key, { expiresInSec: ttl, filename });
      reply.header('cache-control', 'no-store');
      return {
        url: await sign(job.storageKey, job.kind === 'proof' ? `proof-${job.id}.pdf` : `production-${job.id}.json`),
        expiresInSec: ttl,
        sha256: job.sha256,
        thumbnails: await Promise.all(job.thumbnails.map((k, i) => sign(k, `page-${i + 1}.png`))),
        parts: await Promise.all(
          job.parts.map(async (p, i) => ({
            url: await sign(p.key, `production-${job.id}-${String(i + 1).padStart(4, '0')}.pdf`),
            sha256: p.sha256,
            letters: p.letters,
          })),
        ),
      };
    },
  );
};
export default jobRoutes;
