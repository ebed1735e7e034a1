import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { PayloadTooLarge, UnsupportedMediaType, Unprocessable } from '@plh/service-kit';
import { safeFilename, StorageError, tenantObjectKey, type StoredObject } from '@plh/storage';
import { defaultFilename, type FileKind, type RevisionRecord } from '../data/file.repository';
import type { UnitOfWork } from '../data/unit-of-work';
import type { CoreDeps } from './deps';
import { ProjectNotFound } from './problems';

/** What each kind of file may be, judged by its bytes. */
export const ACCEPTED_TYPES: Record<FileKind, readonly string[]> = {
  logo: ['image/png', 'image/jpeg'],
  signature: ['image/png', 'image/jpeg'],
  letterhead: ['image/png', 'image/jpeg', 'application/pdf'],
  template: ['text/html', 'text/plain'],
  patient_list: ['text/csv', 'text/plain'],
};

export interface UploadFileInput {
  tenantId: string;
  projectId: string;
  kind: FileKind;
  actorId: string;
  body: Readable;
  /** The name the client gave the file (kept, made safe, for downloads); null: `<kind>-<revision>.<ext>`. */
  filename: string | null;
}

/**
 * Stores the bytes (streamed, hashed, size-limited, type-sniffed) under the tenant's prefix, then
 * records them as the file's next revision. Storage problems become problem+json; when the database
 * step fails the stored object is removed again.
 */
export async function storeUpload(
  deps: Pick<CoreDeps, 'storage' | 'limits'>,
  input: Omit<UploadFileInput, 'actorId'> & { revisionId: string },
): Promise<StoredObject> {
  const key = tenantObjectKey(input.tenantId, 'projects', input.projectId, input.kind, input.revisionId);
  try {
    return await deps.storage.put(key, input.body, {
      maxBytes: deps.limits.maxUploadBytes,
      accept: ACCEPTED_TYPES[input.kind],
    });
  } catch (err) {
    input.body.resume(); // drain what the client still sends, so the answer reaches it
    throw storageProblem(err);
  }
}

export function storageProblem(err: unknown): unknown {
  if (!(err instanceof StorageError)) return err;
  if (err.code === 'FILE_TOO_LARGE') return new PayloadTooLarge(`${err.message}.`);
  if (err.code === 'UNSUPPORTED_CONTENT_TYPE') return new UnsupportedMediaType(`${err.message}.`);
  if (err.code === 'EMPTY_FILE') return new Unprocessable('EMPTY_FILE', 'The file is empty.');
  return err;
}

/** Records a stored object as the next revision of the project's file of that kind. */
export async function recordRevision(
  uow: UnitOfWork,
  input: {
    projectId: string;
    kind: FileKind;
    actorId: string;
    revisionId: string;
    stored: StoredObject;
    filename: string | null;
  },
): Promise<RevisionRecord> {
  if (!(await uow.projects.findById(input.projectId))) throw new ProjectNotFound();
  const file = await uow.files.lockFile(input.projectId, input.kind, randomUUID());
  const revision = await uow.files.nextRevision(file.id);
  await uow.audit.record({
    action: 'file.upload',
    resource: { type: 'file', id: file.id },
    changes: [
      { field: 'kind', to: input.kind },
      { field: 'revision', to: revision },
      { field: 'sizeBytes', to: input.stored.size },
    ],
  });
  return uow.files.addRevision({
    id: input.revisionId,
    fileId: file.id,
    revision,
    storageKey: input.stored.key,
    sizeBytes: input.stored.size,
    sha256: input.stored.sha256,
    contentType: input.stored.contentType,
    filename: safeFilename(input.filename) ?? defaultFilename(input.kind, revision, input.stored.contentType),
    uploadedBy: input.actorId,
  });
}

export async function uploadProjectFile(deps: CoreDeps, input: UploadFileInput): Promise<RevisionRecord> {
  if (!(await deps.unitOfWork(input.tenantId, (u) => u.projects.findById(input.projectId)))) {
    input.body.resume();
    throw new ProjectNotFound();
  }
  const revisionId = randomUUID();
  const stored = await storeUpload(deps, { ...input, revisionId });
  try {
    return await deps.unitOfWork(input.tenantId, (uow) => recordRevision(uow, { ...input, revisionId, stored }));
  } catch (err) {
    await deps.storage.delete(stored.key).catch(() => undefined);
    throw err;
  }
}
