import type { LetterType } from '../domain/templates/library';
import type { Tx } from './db';

export interface TemplateRecord {
  id: string;
  letterType: LetterType;
  name: string;
  revision: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

export interface TemplateRevisionRecord {
  id: string;
  templateId: string;
  revision: number;
  body: string;
  sha256: string;
  createdBy: string;
  createdAt: Date;
}

const toTemplate = (r: Omit<TemplateRecord, 'letterType'> & { letterType: string }): TemplateRecord => ({
  ...r,
  letterType: r.letterType as LetterType,
});
const FIELDS = {
  id: true,
  letterType: true,
  name: true,
  revision: true,
  createdBy: true,
  createdAt: true,
  updatedAt: true,
  archivedAt: true,
} as const;

const REVISION_FIELDS = {
  id: true,
  templateId: true,
  revision: true,
  body: true,
  sha256: true,
  createdBy: true,
  createdAt: true,
} as const;

/** A practice's own templates and their revisions (tenant-bound). */
export function templateRepository(tx: Tx, tenantId: string) {
  const scope = { tenantId };
  return {
    async create(t: { id: string; letterType: LetterType; name: string; createdBy: string }, rev: NewRevision) {
      await tx.template.create({ data: { ...t, ...scope, revision: 1 } });
      await tx.templateRevision.create({ data: { ...rev, templateId: t.id, revision: 1, ...scope } });
      return (await this.findById(t.id))!;
    },
    async addRevision(templateId: string, rev: NewRevision): Promise<TemplateRecord> {
      // Numbered under the template's row lock: two concurrent edits get 2 and 3, not 2 twice.
      const [row] = await tx.$queryRawUnsafe<Array<{ revision: number }>>(
        'UPDATE template SET revision = revision + 1, updated_at = now() WHERE tenant_id = $1::uuid AND id = $2::uuid RETURNING revision',
        tenantId,
        templateId,
      );
      await tx.templateRevision.create({ data: { ...rev, templateId, revision: row!.revision, ...scope } });
      return (await this.findById(templateId))!;
    },
    async findById(id: string): Promise<TemplateRecord | null> {
      const row = await tx.template.findFirst({ where: { ...scope, id }, select: FIELDS });
      return row ? toTemplate(row) : null;
    },
    async list(): Promise<TemplateRecord[]> {
      const rows = await tx.template.findMany({
        where: { ...scope, archivedAt: null },
        select: FIELDS,
        orderBy: { createdAt: 'desc' },
        take: 200,
      });
      return rows.map(toTemplate);
    },
    archive: (id: string) =>
      tx.template.updateMany({ where: { ...scope, id, archivedAt: null }, data: { archivedAt: new Date() } }),
    /** The revision in force (the highest number). */
    latestRevision: (templateId: string): Promise<TemplateRevisionRecord | null> =>
      tx.templateRevision.findFirst({
        where: { ...scope, templateId },
        orderBy: { revision: 'desc' },
        select: REVISION_FIELDS,
      }),
  };
}

export interface NewRevision {
  id: string;
  body: string;
  sha256: string;
  createdBy: string;
}
