import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ProblemError } from '@plh/service-kit';
import type { CoreDeps } from '../deps';
import { ListFileRejected } from '../problems';
import { activeProject } from '../projects';
import { recordRevision, storeUpload } from '../upload-file';
import { detectMapping, missingFields } from './columns';
import { ImportPatientList } from './import-list';
import type { ListWithIssues } from './issues';
import { ListFileError, readCsv } from './read-csv';

export interface UploadListInput {
  tenantId: string;
  projectId: string;
  actorId: string;
  body: Readable;
  filename: string | null;
}

/**
 * A patient list upload, answered as soon as the file is stored: the bytes stream to storage (as the
 * project's next `patient_list` revision), the header is read and mapped, and the list is created
 * `importing` with its import job queued in the same transaction (or `needs_mapping` when columns are
 * missing). What makes the file unusable before any row is read (empty, not text, too large, one
 * column) is refused now, and nothing is kept.
 */
export async function uploadPatientList(deps: CoreDeps, input: UploadListInput): Promise<ListWithIssues> {
  try {
    await deps.unitOfWork(input.tenantId, (u) => activeProject(u.projects, input.projectId));
  } catch (err) {
    input.body.resume(); // drain what the client still sends, so the answer reaches it
    throw err;
  }
  const revisionId = randomUUID();
  const stored = await storeUpload(deps, { ...input, kind: 'patient_list', revisionId }).catch((err: unknown) => {
    // One code for an empty list, whether it has no bytes or only blank lines.
    if (err instanceof ProblemError && err.code === 'EMPTY_FILE')
      throw new ListFileRejected('EMPTY_LIST', 'The file is empty.');
    throw err;
  });
  try {
    const headers = await readHeaders(deps, stored.key);
    const mapping = detectMapping(headers);
    const complete = missingFields(mapping).length === 0;
    const list = await deps.unitOfWork(input.tenantId, async (uow) => {
      const revision = await recordRevision(uow, { ...input, kind: 'patient_list', revisionId, stored });
      const created = await uow.lists.create({
        id: randomUUID(),
        projectId: input.projectId,
        fileRevisionId: revision.id,
        status: complete ? 'importing' : 'needs_mapping',
        headers,
        mapping,
        totalRows: 0,
        validRows: 0,
        invalidRows: 0,
        duplicateRows: 0,
        warningRows: 0,
        fileError: null,
        fileErrorCode: null,
        bytesTotal: stored.size,
        createdBy: input.actorId,
      });
      if (complete) await uow.queue.enqueue(ImportPatientList, { listId: created.id });
      return created;
    });
    return { list, rowErrors: [], rowWarnings: [] };
  } catch (err) {
    await deps.storage.delete(stored.key).catch(() => undefined);
    throw err instanceof ListFileError ? new ListFileRejected(err.code, err.message) : err;
  }
}

/**
 * The header row, read up to the first data row: a file with no patients, one column or a quote that
 * never closes is refused while the practice still waits for the answer.
 */
async function readHeaders(deps: Pick<CoreDeps, 'storage' | 'limits'>, key: string): Promise<string[]> {
  const stream = await deps.storage.get(key);
  let headers: string[] | undefined;
  try {
    for await (const item of readCsv(stream, { maxRows: deps.limits.maxListRows })) {
      if ('headers' in item) headers = item.headers;
      else if (headers) return headers;
    }
  } finally {
    stream.destroy();
  }
  throw new ListFileError('EMPTY_LIST', 'The file is empty.');
}
