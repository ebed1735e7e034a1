import type { Prisma } from '../../generated/prisma';
import type { Tx } from './db';

export type JobKind = 'proof' | 'production';
export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** A finished batch file of a production job. */
export interface JobPart {
  key: string;
  sha256: string;
  bytes: number;
  letters: number;
  pages: number;
  lastRow: number;
}

export interface JobRecord {
  id: string;
  tenantId: string;
  orderId: string;
  kind: JobKind;
  state: JobState;
  lettersTotal: number;
  lettersDone: number;
  resumeAfterRow: number;
  parts: JobPart[];
  attempts: number;
  error: string | null;
  failedRow: number | null;
  templateRevisionId: string | null;
  storageKey: string | null;
  sha256: string | null;
  pageCount: number | null;
  thumbnails: string[];
  requestedBy: string;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  mailedAt: Date | null;
  filesDeletedAt: Date | null;
}

type Row = Prisma.JobGetPayload<object>;
const toRecord = (r: Row): JobRecord => ({
  ...r,
  kind: r.kind as JobKind,
  state: r.state as JobState,
  parts: r.parts as unknown as JobPart[],
  thumbnails: r.thumbnails as unknown as string[],
});

/** Proof jobs of one tenant. */
export function jobRepository(tx: Tx, tenantId: string) {
  const scope = { tenantId };
  return {
    async findById(id: string): Promise<JobRecord | null> {
      const row = await tx.job.findFirst({ where: { ...scope, id } });
      return row ? toRecord(row) : null;
    },
    /** The queued or running job of an order and kind, if any (at most one: a unique index). */
    async findLive(orderId: string, kind: JobKind): Promise<JobRecord | null> {
      const row = await tx.job.findFirst({ where: { ...scope, orderId, kind, state: { in: ['queued', 'running'] } } });
      return row ? toRecord(row) : null;
    },
    async listForOrder(orderId: string): Promise<JobRecord[]> {
      const rows = await tx.job.findMany({ where: { ...scope, orderId }, orderBy: { createdAt: 'desc' }, take: 50 });
      return rows.map(toRecord);
    },
    /** The order was mailed: its finished production files start their retention clock (first time only). */
    markMailed: (orderId: string, at: Date) =>
      tx.job.updateMany({
        where: { ...scope, orderId, kind: 'production', state: 'done', mailedAt: null },
        data: { mailedAt: at, updatedAt: new Date() },
      }),
    markFilesDeleted: (id: string) =>
      tx.job.updateMany({
        where: { ...scope, id, filesDeletedAt: null },
        data: { filesDeletedAt: new Date(), updatedAt: new Date() },
      }),
    /** Queued jobs of an order that will not be needed (the order was cancelled). */
    failQueued: (orderId: string, reason: string) =>
      tx.job.updateMany({
        where: { ...scope, orderId, state: 'queued' },
        data: { state: 'failed', error: reason, finishedAt: new Date(), updatedAt: new Date() },
      }),
    async create(j: { id: string; orderId: string; kind: JobKind; requestedBy: string }): Promise<JobRecord> {
      return toRecord(await tx.job.create({ data: { ...j, ...scope, state: 'queued' } }));
    },
    async update(
      id: string,
      patch: Partial<Omit<JobRecord, 'id' | 'tenantId' | 'orderId' | 'kind' | 'createdAt' | 'parts' | 'thumbnails'>> & {
        parts?: JobPart[];
        thumbnails?: string[];
      },
    ): Promise<JobRecord> {
      const { parts, thumbnails, ...rest } = patch;
      const row = await tx.job.update({
        where: { id, tenantId },
        data: {
          ...rest,
          ...(parts ? { parts: parts as unknown as Prisma.InputJsonValue } : {}),
          ...(thumbnails ? { thumbnails } : {}),
          updatedAt: new Date(),
        },
      });
      return toRecord(row);
    },
  };
}
