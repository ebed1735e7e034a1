import { NotFound, FileDeletedByRetention } from '@plh/service-kit';
import type { FileKind, RevisionRecord } from '../data/file.repository';
import type { CoreDeps } from './deps';

/** Reading these discloses PHI: decided by the file's kind, never by how its storage key looks. */
export const PHI_FILE_KINDS: readonly FileKind[] = ['patient_list'];

export function findFileRevision(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  tenantId: string,
  revisionId: string,
): Promise<RevisionRecord & { kind: FileKind }> {
  return deps.unitOfWork(tenantId, async ({ files }) => {
    const revision = await files.findRevision(revisionId);
    if (!revision) throw new NotFound();
    return revision;
  });
}

/** A short-lived signed link to a revision, audited as a read (of PHI, for a patient list). */
export async function fileDownloadLink(
  deps: Pick<CoreDeps, 'unitOfWork' | 'storage'>,
  input: { tenantId: string; revision: RevisionRecord & { kind: FileKind }; ttlSec: number },
): Promise<string> {
  const { revision } = input;
  if (revision.deletedAt) throw new FileDeletedByRetention(revision.deletedAt);
  await deps.unitOfWork(input.tenantId, ({ audit }) =>
    audit.record({
      action: 'file.download',
      resource: { type: 'file-revision', id: revision.id },
      phi: PHI_FILE_KINDS.includes(revision.kind),
      changes: [{ field: 'kind', to: revision.kind }],
    }),
  );
  return deps.storage.signedDownloadUrl(revision.storageKey, {
    expiresInSec: input.ttlSec,
    filename: revision.filename,
  });
}
