import type { Tx } from './db';

export type FileKind = 'logo' | 'letterhead' | 'signature' | 'template' | 'patient_list';

export interface RevisionRecord {
  id: string;
  fileId: string;
  revision: number;
  storageKey: string;
  sizeBytes: number;
  sha256: string;
  contentType: string;
  /** What a download of it is called. */
  filename: string;
  uploadedBy: string;
  createdAt: Date;
  /** When retention deleted the bytes (the row stays as the record of what existed). */
  deletedAt: Date | null;
}

type RevisionRow = Omit<RevisionRecord, 'sizeBytes' | 'filename'> & { sizeBytes: bigint; filename: string | null };
const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/pdf': 'pdf',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/csv': 'csv',
};
/** Revisions from before names were kept (and uploads without one) are `<kind>-<revision>.<ext>`. */
export const defaultFilename = (kind: string, revision: number, contentType: string) =>
  `${kind.replace(/_/g, '-')}-${revision}.${EXTENSIONS[contentType] ?? 'bin'}`;
const toRecord = (r: RevisionRow & { file?: { kind: string } }): RevisionRecord => ({
  ...r,
  sizeBytes: Number(r.sizeBytes),
  filename: r.filename ?? defaultFilename(r.file?.kind ?? 'file', r.revision, r.contentType),
});
const REVISION_FIELDS = {
  id: true,
  fileId: true,
  revision: true,
  storageKey: true,
  sizeBytes: true,
  sha256: true,
  contentType: true,
  filename: true,
  uploadedBy: true,
  createdAt: true,
  deletedAt: true,
} as const;

/** A project's files and their revisions (every upload is a new revision; older ones stay). */
export function fileRepository(tx: Tx, tenantId: string) {
  const scope = { tenantId };
  return {
    /** The file of this kind in the project, created on first upload; locked for numbering. */
    async lockFile(projectId: string, kind: FileKind, newId: string): Promise<{ id: string }> {
      await tx.projectFile.upsert({
        where: { projectId_kind: { projectId, kind } },
        create: { id: newId, projectId, kind, ...scope },
        update: {},
      });
      const [row] = await tx.$queryRawUnsafe<Array<{ id: string }>>(
        'SELECT id::text FROM project_file WHERE tenant_id = $1::uuid AND project_id = $2::uuid AND kind = $3 FOR UPDATE',
        tenantId,
        projectId,
        kind,
      );
      return row!;
    },
    async nextRevision(fileId: string): Promise<number> {
      const last = await tx.fileRevision.findFirst({
        where: { ...scope, fileId },
        orderBy: { revision: 'desc' },
        select: { revision: true },
      });
      return (last?.revision ?? 0) + 1;
    },
    /** The bytes are gone (deleted from storage); the revision stays, marked with when and why. */
    async markDeleted(revisionId: string, reason: string): Promise<void> {
      await tx.fileRevision.update({
        where: { id: revisionId, tenantId },
        data: { deletedAt: new Date(), deletedReason: reason },
      });
    },
    async addRevision(r: Omit<RevisionRecord, 'createdAt' | 'deletedAt'>): Promise<RevisionRecord> {
      const row = await tx.fileRevision.create({
        data: { ...r, sizeBytes: BigInt(r.sizeBytes), ...scope },
        select: REVISION_FIELDS,
      });
      return toRecord(row);
    },
    async revisions(projectId: string, kind?: FileKind) {
      const files = await tx.projectFile.findMany({
        where: { ...scope, projectId, ...(kind ? { kind } : {}) },
        include: { revisions: { orderBy: { revision: 'desc' }, select: REVISION_FIELDS } },
        orderBy: { kind: 'asc' },
      });
      return files.map((f) => ({
        fileId: f.id,
        kind: f.kind as FileKind,
        revisions: f.revisions.map((r) => toRecord({ ...r, file: { kind: f.kind } })),
      }));
    },
    /** A revision with the kind of its file (which decides whether reading it discloses PHI). */
    async findRevision(revisionId: string): Promise<(RevisionRecord & { kind: FileKind }) | null> {
      const row = await tx.fileRevision.findFirst({
        where: { ...scope, id: revisionId },
        select: { ...REVISION_FIELDS, file: { select: { kind: true } } },
      });
      if (!row) return null;
      const { file, ...revision } = row;
      return { ...toRecord({ ...revision, file }), kind: file.kind as FileKind };
    },
  };
}
export type FileRepository = ReturnType<typeof fileRepository>;
