import { createHash } from 'node:crypto';
import { createEvent, ProofJobFailed, ProofJobProgress, ProofJobReady } from '@plh/contracts';
import { ProblemError } from '@plh/service-kit';
import { keyBelongsTo, tenantObjectKey, type ObjectStorage } from '@plh/storage';
import type { Mailing, MailingRecipient } from '../data/core-mailing.client';
import type { JobPart, JobRecord } from '../data/job.repository';
import type { ProofDeps } from './deps';
import { mergeData, plainText } from './letter-setup';
import { resolveTemplate } from './manage-templates';
import { renderLetters, LetterRenderError, type Letter, type RenderOptions } from './render/render-letters';
import { renderThumbnails } from './thumbnails';
import { checkContent } from './templates/checks';
import type { CompiledTemplate } from './templates/compile';

/**
 * Why a job stopped: a stable code (for events and alerts) and words for the practice, kept on the job
 * (a row's message may quote what the renderer could not print, so it never goes into an event).
 */
export class JobFailure extends Error {
  constructor(
    readonly code: 'NO_LETTER_SETUP' | 'CONTENT_CHECKS_FAILED' | 'ROW_NOT_RENDERABLE' | 'NO_RECIPIENTS',
    message: string,
    /** The list row whose letter could not be made, when one record is the cause. */
    readonly row: number | null = null,
  ) {
    super(message);
    this.name = 'JobFailure';
  }
}

interface Plan {
  mailing: Mailing;
  compiled: CompiledTemplate;
  values: Record<string, string>;
  returnAddress: string[];
  options: RenderOptions;
}

/**
 * Runs one job to the end: a proof (sample letters, watermarked, with thumbnails) or the production
 * file (every letter, as batch files of `partLetters`, each recorded as it is stored so a retry resumes
 * after the last one). Finishing and failing commit with their event and audit record (outbox).
 * A job that is no longer queued or running (cancelled, or finished by an earlier run whose worker died
 * before the queue heard of it) is left as it is: null.
 */
export async function runJob(
  deps: ProofDeps,
  queued: { id: string; tenantId: string },
  log: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void } = console,
  /** Fires when this run lost the job (its lease was taken over) or the worker stops: stop at the next batch. */
  signal?: AbortSignal,
): Promise<JobRecord | null> {
  const { tenantId } = queued;
  const job = await deps.unitOfWork(tenantId, async (uow) => {
    const found = await uow.jobs.findById(queued.id);
    if (!found) throw new Error(`queued job ${queued.id} is not visible in its tenant`);
    if (found.state === 'done' || found.state === 'failed') return null;
    return uow.jobs.update(found.id, { state: 'running', attempts: found.attempts + 1 });
  });
  if (!job) return null;
  try {
    const plan = await planJob(deps, job);
    return job.kind === 'proof'
      ? await runProof(deps, job, plan, signal)
      : await runProduction(deps, job, plan, signal);
  } catch (err) {
    // Another worker owns the job now (or this one is stopping): its run records the outcome, not this one.
    if (signal?.aborted) throw err;
    // Core (or another service) did not answer, or answered a server error: a passing fault, not the
    // job's. Thrown, the queue runs the job again with backoff, and fails it only when it gives up.
    // Found by the fault suite: a production file failed for good while core restarted.
    if (err instanceof ProblemError && err.status >= 500) throw err;
    const reason =
      err instanceof JobFailure || err instanceof ProblemError
        ? err.message
        : 'The renderer stopped on an internal error; the job can be retried.';
    const row = err instanceof JobFailure ? err.row : null;
    const code = err instanceof JobFailure || err instanceof ProblemError ? err.code : 'INTERNAL_ERROR';
    // Ids and codes only: the reason can quote a row, and the stack trace only for our own errors.
    if (!(err instanceof JobFailure || err instanceof ProblemError))
      log.error({ err, jobId: job.id, orderId: job.orderId, kind: job.kind, code }, 'proof job failed');
    else log.warn({ jobId: job.id, orderId: job.orderId, kind: job.kind, code, row }, 'proof job failed');
    return failJob(deps, job, { code, reason, row });
  }
}

/**
 * Records that a job stopped for good: the job row with the practice's words, the audit record and
 * `ProofJobFailed` (code and row only) commit together. Also used when the queue gives up on a job
 * whose bookkeeping kept failing, so no job stays "running" for ever.
 */
export async function failJob(
  deps: Pick<ProofDeps, 'unitOfWork'>,
  job: { id: string; tenantId: string },
  failure: { code: string; reason: string; row: number | null },
): Promise<JobRecord | null> {
  const { code, reason, row } = failure;
  return deps.unitOfWork(job.tenantId, async (uow) => {
    const current = await uow.jobs.findById(job.id);
    if (!current || current.state === 'done' || current.state === 'failed') return current;
    await uow.audit.record({
      action: 'job.fail',
      resource: { type: 'proof-job', id: current.id },
      outcome: 'failure',
      reason: code,
      changes: [{ field: 'state', from: current.state, to: 'failed' }],
    });
    await uow.outbox.enqueue(
      createEvent(ProofJobFailed, {
        source: 'proof',
        tenantId: job.tenantId,
        data: { jobId: current.id, orderId: current.orderId, code, row, kind: current.kind },
      }),
    );
    return uow.jobs.update(current.id, {
      state: 'failed',
      error: reason.slice(0, 500),
      failedRow: row,
      finishedAt: new Date(),
    });
  });
}

async function planJob(deps: ProofDeps, job: JobRecord): Promise<Plan> {
  const mailing = await deps.core.mailing(job.tenantId, job.orderId);
  const { setup, compiled } = await deps.unitOfWork(job.tenantId, async (uow) => {
    const setup = await uow.letters.find(mailing.projectId);
    if (!setup) throw new JobFailure('NO_LETTER_SETUP', 'The project has no letter set up (template and values).');
    const template = await resolveTemplate(uow, setup.letterType, setup.templateId);
    await uow.jobs.update(job.id, { templateRevisionId: template.revisionId });
    return { setup, ...template };
  });
  const failures = checkContent(setup.letterType, compiled, mergeData(setup.values, setup.returnAddress, 'x'));
  if (failures.length)
    throw new JobFailure(
      'CONTENT_CHECKS_FAILED',
      `The letter is missing what it must say: ${failures.map((f) => f.requirement).join('; ')}.`,
    );
  const image = async (file: Mailing['logo']) => {
    if (!file || !keyBelongsTo(file.storageKey, job.tenantId)) return undefined;
    const type = file.contentType === 'image/png' ? 'png' : file.contentType === 'image/jpeg' ? 'jpeg' : null;
    return type ? { bytes: await readAll(deps.storage, file.storageKey), type: type as 'png' | 'jpeg' } : undefined;
  };
  const [letterhead, logo, signature] = await Promise.all([
    image(mailing.letterhead),
    image(mailing.logo),
    image(mailing.signature),
  ]);
  return {
    mailing,
    compiled,
    values: setup.values,
    returnAddress: setup.returnAddress,
    options: {
      returnAddress: setup.returnAddress,
      ...(letterhead ? { letterhead } : {}),
      ...(logo ? { logo } : {}),
      ...(signature ? { signature } : {}),
      proof: job.kind === 'proof',
      duplex: mailing.duplex,
      // Fixed inputs only (identical input, identical bytes); the order number is not PHI.
      title: `Order ${mailing.orderNumber} ${job.kind === 'proof' ? 'proof' : 'production file'}`,
      createdAt: job.createdAt,
    },
  };
}

/** Merges and renders `recipients`; a record that fails names its list row. */
async function render(plan: Plan, recipients: MailingRecipient[]) {
  const letters: Letter[] = recipients.map((r) => {
    try {
      const merged = plan.compiled.render(mergeData(plan.values, plan.returnAddress, r.lines[0] ?? ''));
      return { recipient: r.lines, body: plainText(merged) };
    } catch (err) {
      throw new JobFailure('ROW_NOT_RENDERABLE', `Row ${r.row}: ${(err as Error).message}`, r.row);
    }
  });
  try {
    return await renderLetters(letters, plan.options);
  } catch (err) {
    if (err instanceof LetterRenderError) {
      const row = recipients[err.index]!.row;
      throw new JobFailure('ROW_NOT_RENDERABLE', `Row ${row}: ${err.cause.message}`, row);
    }
    throw err;
  }
}

async function runProof(deps: ProofDeps, job: JobRecord, plan: Plan, signal?: AbortSignal): Promise<JobRecord> {
  const recipients = await deps.core.recipients(job.tenantId, job.orderId, {
    sample: deps.settings.proofSampleLetters,
  });
  if (recipients.length === 0) throw new JobFailure('NO_RECIPIENTS', 'The order has no recipients.');
  await deps.unitOfWork(job.tenantId, (uow) => uow.jobs.update(job.id, { lettersTotal: recipients.length }));
  const doc = await render(plan, recipients);
  const key = tenantObjectKey(job.tenantId, 'proofs', job.orderId, `${job.id}.pdf`);
  const stored = await deps.storage.put(key, Buffer.from(doc.pdf), {
    maxBytes: 512 * 1024 * 1024,
    accept: ['application/pdf'],
  });
  const thumbnails: string[] = [];
  for (const [i, png] of (await renderThumbnails(doc.pdf, deps.settings.thumbnailPages)).entries()) {
    const thumbKey = tenantObjectKey(job.tenantId, 'proofs', job.orderId, `${job.id}-page-${i + 1}.png`);
    await deps.storage.put(thumbKey, png, { maxBytes: 16 * 1024 * 1024, accept: ['image/png'] });
    thumbnails.push(thumbKey);
  }
  signal?.throwIfAborted();
  return finish(deps, job, {
    storageKey: key,
    sha256: stored.sha256,
    pageCount: doc.pageCount,
    lettersDone: recipients.length,
    thumbnails,
  });
}

async function runProduction(deps: ProofDeps, job: JobRecord, plan: Plan, signal?: AbortSignal): Promise<JobRecord> {
  const total = plan.mailing.recipients;
  const parts: JobPart[] = [...job.parts];
  let afterRow = job.resumeAfterRow;
  let done = job.lettersDone;
  if (job.lettersTotal !== total)
    await deps.unitOfWork(job.tenantId, (uow) => uow.jobs.update(job.id, { lettersTotal: total }));
  for (;;) {
    signal?.throwIfAborted();
    const batch = await deps.core.recipients(job.tenantId, job.orderId, { afterRow, take: deps.settings.partLetters });
    if (batch.length === 0) break;
    const doc = await render(plan, batch);
    const number = String(parts.length + 1).padStart(4, '0');
    const key = tenantObjectKey(job.tenantId, 'production', job.orderId, job.id, `part-${number}.pdf`);
    const stored = await deps.storage.put(key, Buffer.from(doc.pdf), {
      maxBytes: 2 * 1024 * 1024 * 1024,
      accept: ['application/pdf'],
    });
    afterRow = batch[batch.length - 1]!.row;
    done += batch.length;
    parts.push({
      key,
      sha256: stored.sha256,
      bytes: stored.size,
      letters: batch.length,
      pages: doc.pageCount,
      lastRow: afterRow,
    });
    // The part is stored before it is recorded: a crash in between re-renders it (same bytes, same key).
    await deps.unitOfWork(job.tenantId, async (uow) => {
      await uow.jobs.update(job.id, {
        parts,
        lettersDone: done,
        // Counted as read: should core hold more rows than were quoted, the total grows with them.
        lettersTotal: Math.max(total, done),
        resumeAfterRow: afterRow,
      });
      await uow.outbox.enqueue(
        createEvent(ProofJobProgress, {
          source: 'proof',
          tenantId: job.tenantId,
          data: {
            jobId: job.id,
            orderId: job.orderId,
            kind: 'production',
            lettersDone: done,
            lettersTotal: Math.max(total, done),
          },
        }),
      );
    });
  }
  if (parts.length === 0) throw new JobFailure('NO_RECIPIENTS', 'The order has no recipients.');
  // The manifest names every batch file with its hash: what the print house receives and checks.
  const manifest = Buffer.from(
    JSON.stringify({ orderId: job.orderId, orderNumber: plan.mailing.orderNumber, letters: done, parts }, null, 2),
  );
  const manifestKey = tenantObjectKey(job.tenantId, 'production', job.orderId, job.id, 'manifest.json');
  await deps.storage.put(manifestKey, manifest, { maxBytes: 16 * 1024 * 1024 });
  return finish(deps, job, {
    storageKey: manifestKey,
    sha256: createHash('sha256').update(manifest).digest('hex'),
    pageCount: parts.reduce((n, p) => n + p.pages, 0),
    lettersDone: done,
    thumbnails: [],
  });
}

async function finish(
  deps: ProofDeps,
  job: JobRecord,
  result: { storageKey: string; sha256: string; pageCount: number; lettersDone: number; thumbnails: string[] },
): Promise<JobRecord> {
  return deps.unitOfWork(job.tenantId, async (uow) => {
    await uow.audit.record({
      action: 'job.complete',
      resource: { type: 'proof-job', id: job.id },
      changes: [
        { field: 'state', from: 'running', to: 'done' },
        { field: 'sha256', to: result.sha256 },
        { field: 'pageCount', to: result.pageCount },
      ],
    });
    await uow.outbox.enqueue(
      createEvent(ProofJobReady, {
        source: 'proof',
        tenantId: job.tenantId,
        data: {
          jobId: job.id,
          orderId: job.orderId,
          kind: job.kind,
          storageKey: result.storageKey,
          sha256: result.sha256,
          pageCount: result.pageCount,
        },
      }),
    );
    return uow.jobs.update(job.id, {
      ...result,
      lettersTotal: Math.max(result.lettersDone, job.lettersTotal),
      state: 'done',
      error: null,
      failedRow: null,
      finishedAt: new Date(),
    });
  });
}

async function readAll(storage: ObjectStorage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
