import type { LetterType } from '../domain/templates/library';
import type { Tx } from './db';

export interface LetterSetupRecord {
  projectId: string;
  letterType: LetterType;
  /** A practice template, or null for the built-in one of the letter type. */
  templateId: string | null;
  values: Record<string, string>;
  returnAddress: string[];
  updatedBy: string;
  updatedAt: Date;
}

/** What each project's letters say (tenant-bound). */
export function letterSetupRepository(tx: Tx, tenantId: string) {
  const toRecord = (r: {
    projectId: string;
    letterType: string;
    templateId: string | null;
    values: unknown;
    returnAddress: unknown;
    updatedBy: string;
    updatedAt: Date;
  }): LetterSetupRecord => ({
    ...r,
    letterType: r.letterType as LetterType,
    values: r.values as Record<string, string>,
    returnAddress: r.returnAddress as string[],
  });
  return {
    async find(projectId: string): Promise<LetterSetupRecord | null> {
      const row = await tx.letterSetup.findUnique({ where: { tenantId_projectId: { tenantId, projectId } } });
      return row ? toRecord(row) : null;
    },
    async save(s: Omit<LetterSetupRecord, 'updatedAt'>): Promise<LetterSetupRecord> {
      const data = { ...s, updatedAt: new Date() };
      const row = await tx.letterSetup.upsert({
        where: { tenantId_projectId: { tenantId, projectId: s.projectId } },
        create: { ...data, tenantId },
        update: data,
      });
      return toRecord(row);
    },
  };
}
