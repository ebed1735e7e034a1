import { defineJob } from '@plh/jobs';
import { Type } from '@sinclair/typebox';
import type { PatientListRecord } from '../../data/patient-list.repository';
import type { UnitOfWork } from '../../data/unit-of-work';
import type { CoreDeps } from '../deps';
import { FIELDS, type ColumnMapping } from './columns';
import { ImportProgress, type ImportCounts } from './import-progress';
import { ListFileError } from './read-csv';
import { validateInWorker } from './validate-in-worker';
import { validateList } from './validate-list';

const INSERT_BATCH = 1_000;
/** A 200k-row list takes seconds to validate and store; the transaction may take this long. */
const IMPORT_TIMEOUT_MS = 10 * 60_000;
/** How often the practice sees the counts move (the issue's promise: at least once a second). */
export const PROGRESS_EVERY_MS = 500;

/** Validates an uploaded (or re-mapped) patient list into encrypted rows, with progress. */
export const ImportPatientList = defineJob(
  'core.import-patient-list',
  Type.Object({ listId: Type.String({ minLength: 36, maxLength: 36 }) }, { additionalProperties: false }),
  { maxAttempts: 5 },
);

type ImportDeps = Pick<CoreDeps, 'unitOfWork' | 'storage' | 'limits' | 'keyring'>;
interface Log {
  warn(obj: object, msg: string): void;
}

/**
 * The import job: the list's stored file, read with its mapping, validated row by row into encrypted
 * patients and their issues in one transaction (all or nothing: a retry starts from a clean list),
 * while the counts are published as progress. A file that turns out unusable half-way (malformed
 * CSV, too many rows) rejects the list with its code and deletes the file; nothing else is kept. A
 * list that is not `importing` (done, or re-mapped meanwhile) is left alone, so a repeated job is
 * harmless. Other failures throw, and the job queue retries.
 */
export async function importPatientListFile(
  deps: ImportDeps,
  input: { tenantId: string; listId: string },
  log: Log,
): Promise<void> {
  const found = await deps.unitOfWork(input.tenantId, async (uow) => {
    const list = await uow.lists.findById(input.listId);
    if (!list || list.status !== 'importing') return null;
    const revision = await uow.files.findRevision(list.fileRevisionId);
    return revision ? { list, storageKey: revision.storageKey } : null;
  });
  if (!found) return;
  const progress = new ImportProgress(deps, { tenantId: input.tenantId, id: input.listId }, PROGRESS_EVERY_MS, (err) =>
    log.warn({ err, listId: input.listId }, 'patient list import: a progress update failed'),
  );
  try {
    await deps.unitOfWork(
      input.tenantId,
      async (uow) => {
        await uow.lists.deletePatients(input.listId);
        await uow.lists.deleteIssues(input.listId);
        await validateInto(deps, uow, found.list, found.storageKey, found.list.mapping, progress);
      },
      { timeoutMs: IMPORT_TIMEOUT_MS },
    );
  } catch (err) {
    await progress.stop();
    if (!(err instanceof ListFileError)) throw err;
    await rejectList(deps, { ...input, storageKey: found.storageKey, code: err.code, message: err.message });
  }
}

/** The file cannot be used: the list says why, and the stored bytes are deleted (audited). */
async function rejectList(
  deps: ImportDeps,
  input: { tenantId: string; listId: string; storageKey: string; code: string; message: string },
): Promise<void> {
  await deps.storage.delete(input.storageKey);
  await deps.unitOfWork(input.tenantId, async (uow) => {
    const list = await uow.lists.findById(input.listId);
    if (!list || list.status !== 'importing') return;
    await uow.files.markDeleted(list.fileRevisionId, 'rejected');
    // A re-mapped list may hold rows from its last import: a rejected list keeps none.
    await uow.lists.deletePatients(list.id);
    await uow.lists.deleteIssues(list.id);
    await uow.lists.update(list.id, {
      status: 'rejected',
      fileErrorCode: input.code,
      fileError: input.message,
      totalRows: 0,
      validRows: 0,
      invalidRows: 0,
      duplicateRows: 0,
      warningRows: 0,
    });
    await uow.audit.record({
      action: 'patient-list.reject',
      resource: { type: 'patient-list', id: list.id },
      reason: input.code,
      changes: [{ field: 'status', from: list.status, to: 'rejected' }],
    });
  });
}

/** After the queue's last attempt: the list says it failed, so the practice uploads it again. */
export async function failListImport(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  input: { tenantId: string; listId: string },
): Promise<void> {
  await deps.unitOfWork(input.tenantId, async (uow) => {
    const list = await uow.lists.findById(input.listId);
    if (!list || list.status !== 'importing') return;
    // No rows from an earlier import, no counts from the progress of the failed one.
    await uow.lists.deletePatients(list.id);
    await uow.lists.deleteIssues(list.id);
    await uow.lists.update(list.id, {
      status: 'failed',
      fileErrorCode: 'INTERNAL_ERROR',
      fileError: 'The list could not be imported after several attempts; upload it again.',
      totalRows: 0,
      validRows: 0,
      invalidRows: 0,
      duplicateRows: 0,
      warningRows: 0,
    });
    await uow.audit.record({
      action: 'patient-list.fail',
      resource: { type: 'patient-list', id: list.id },
      reason: 'INTERNAL_ERROR',
      outcome: 'failure',
      changes: [{ field: 'status', from: list.status, to: 'failed' }],
    });
  });
}

/**
 * Lists up to this size are validated on the service's own thread. Starting a worker thread (a V8
 * isolate loading the validator's modules) costs about 0.6 s of CPU, far more than a few hundred rows
 * take; it was the list import queue's whole cost at load (docs/capacity.md). Larger lists go to the
 * worker, which keeps the event loop answering during a long import.
 */
export const IN_THREAD_MAX_BYTES = 64 * 1024;

/**
 * Streams the stored file through validation into encrypted patient rows and their issues, batch by
 * batch: for a list larger than IN_THREAD_MAX_BYTES a worker thread parses, validates and encrypts the
 * next batch while Postgres stores this one.
 */
export async function validateInto(
  deps: Pick<CoreDeps, 'storage' | 'limits' | 'keyring'>,
  uow: UnitOfWork,
  list: PatientListRecord,
  key: string,
  mapping: ColumnMapping,
  progress?: ImportProgress,
): Promise<PatientListRecord> {
  const sealer = await deps.keyring.sealerFor(uow.tenantId, uow.dataKeys);
  let counts: ImportCounts = {
    bytesRead: 0,
    totalRows: 0,
    validRows: 0,
    invalidRows: 0,
    duplicateRows: 0,
    warningRows: 0,
  };
  let bytesRead = 0;
  let inserting: Promise<void> = Promise.resolve();
  const source = await deps.storage.get(key);
  const options = {
    mapping,
    columnCount: list.headers.length,
    maxRows: deps.limits.maxListRows,
    batchSize: INSERT_BATCH,
  };
  const inThread = list.bytesTotal <= IN_THREAD_MAX_BYTES;
  const batches = inThread
    ? validateList(source, sealer, options)
    : validateInWorker(source, sealer, options, (n) => (bytesRead += n));
  try {
    for await (const batch of batches) {
      await inserting;
      inserting = uow.lists
        .insertPatients(list.id, batch.patients)
        .then(() => uow.lists.insertIssues(list.id, batch.issues));
      inserting.catch(() => undefined); // awaited below; this only keeps it from being "unhandled"
      // A small file is read whole before its first batch: progress is then the whole file.
      counts = { ...batch.counts, bytesRead: inThread ? list.bytesTotal : bytesRead };
      progress?.report(counts);
    }
  } finally {
    await inserting.catch(() => undefined);
  }
  await inserting;
  await progress?.stop();
  // Only if nothing else moved the list meanwhile; otherwise all of this rolls back.
  const validated = await uow.lists.updateIf(list.id, 'importing', {
    status: 'validated',
    mapping: Object.fromEntries(FIELDS.filter((f) => mapping[f] !== undefined).map((f) => [f, mapping[f]!])),
    ...counts,
    bytesRead: list.bytesTotal,
    progressAt: new Date(),
  });
  if (!validated) throw new Error(`patient list ${list.id} stopped being 'importing' during its import`);
  return validated;
}
