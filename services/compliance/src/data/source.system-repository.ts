import type { Prisma } from '../../generated/prisma';
import type { Tx } from './db';

export type SyncState = 'queued' | 'running' | 'succeeded' | 'unchanged' | 'failed';
export type SyncTrigger = 'schedule' | 'manual' | 'upload';

export interface SourceRecord {
  name: string;
  config: Record<string, unknown>;
  pollIntervalMinutes: number;
  isActive: boolean;
  snapshotVersion: number;
  activeRows: number;
  etag: string | null;
  lastModified: string | null;
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  lastErrorCode: string | null;
  lastError: string | null;
  updatedBy: string | null;
  updatedAt: Date;
}

export interface SyncFile {
  name: string;
  /** A LEIE file's kind, a state list, a set of NPI Registry lookups, or a page of Federal Register documents. */
  kind: 'full' | 'exclusions' | 'reinstatements' | 'state-list' | 'lookups' | 'documents';
  /** `applied`, or why not: unchanged (conditional GET), already applied, not published yet, failed (the sync's error). */
  outcome: 'applied' | 'unchanged' | 'already_applied' | 'not_published' | 'failed';
  sha256: string | null;
  bytes: number;
  rows: number;
}

export interface SyncRecord {
  id: string;
  source: string;
  trigger: SyncTrigger;
  state: SyncState;
  requestedBy: string | null;
  fetchedAt: Date | null;
  files: SyncFile[];
  rowsRead: number;
  added: number;
  removed: number;
  snapshotVersion: number | null;
  errorCode: string | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const toSource = (r: Prisma.SourceGetPayload<object>): SourceRecord => ({
  ...r,
  config: r.config as Record<string, unknown>,
});
const toSync = (r: Prisma.SourceSyncGetPayload<object>): SyncRecord => ({
  ...r,
  trigger: r.trigger as SyncTrigger,
  state: r.state as SyncState,
  files: r.files as unknown as SyncFile[],
});

type SourceChanges = Partial<Omit<SourceRecord, 'name' | 'config' | 'updatedAt'>> & {
  config?: Record<string, unknown>;
};
type SyncChanges = Partial<Omit<SyncRecord, 'id' | 'source' | 'trigger' | 'createdAt' | 'files'>> & {
  files?: SyncFile[];
};

/** Compliance sources and their syncs: platform-wide (no practice), managed by ops. */
export function sourceSystemRepository(tx: Tx) {
  return {
    list: async () => (await tx.source.findMany({ orderBy: { name: 'asc' } })).map(toSource),
    find: async (name: string) => {
      const row = await tx.source.findUnique({ where: { name } });
      return row ? toSource(row) : null;
    },
    /** The source row, locked until the transaction ends: one sync applies at a time. */
    async lock(name: string): Promise<SourceRecord | null> {
      await tx.$queryRawUnsafe(`SELECT 1 FROM source WHERE name = $1 FOR UPDATE`, name);
      const row = await tx.source.findUnique({ where: { name } });
      return row ? toSource(row) : null;
    },
    /** Held until the transaction ends: one file of this source applies at a time, across replicas. */
    lockApply: async (name: string) => {
      // executeRaw: the adapter cannot read the `void` the lock function answers.
      await tx.$executeRawUnsafe(
        `SELECT pg_advisory_xact_lock(hashtextextended('compliance.source-apply:' || $1, 0))`,
        name,
      );
    },
    update: async (name: string, { config, ...changes }: SourceChanges) =>
      toSource(
        await tx.source.update({
          where: { name },
          data: { ...changes, ...(config ? { config: config as Prisma.InputJsonValue } : {}), updatedAt: new Date() },
        }),
      ),
    /**
     * Active sources whose interval (15 minutes at most after a failure) has run out since their last
     * attempt; only `name` when given.
     */
    async due(now: Date, name: string | null = null): Promise<string[]> {
      const rows = await tx.$queryRawUnsafe<Array<{ name: string }>>(
        `SELECT name FROM source
          WHERE is_active AND ($2::text IS NULL OR name = $2) AND (last_attempt_at IS NULL OR last_attempt_at + make_interval(mins =>
                  -- A failed source is tried again within 15 minutes, not a whole interval later.
                  CASE WHEN last_error_code IS NULL THEN poll_interval_minutes ELSE LEAST(poll_interval_minutes, 15) END) <= $1)
          ORDER BY name`,
        now,
        name,
      );
      return rows.map((r) => r.name);
    },
    createSync: async (sync: { id: string; source: string; trigger: SyncTrigger; requestedBy: string | null }) =>
      toSync(await tx.sourceSync.create({ data: { ...sync, state: 'queued' } })),
    updateSync: async (id: string, { files, ...changes }: SyncChanges) =>
      toSync(
        await tx.sourceSync.update({
          where: { id },
          data: { ...changes, ...(files ? { files: files as unknown as Prisma.InputJsonValue } : {}) },
        }),
      ),
    findSync: async (id: string) => {
      const row = await tx.sourceSync.findUnique({ where: { id } });
      return row ? toSync(row) : null;
    },
    /** The source's syncs still queued or running (one at a time per source). */
    liveSync: async (source: string) => {
      const row = await tx.sourceSync.findFirst({
        where: { source, state: { in: ['queued', 'running'] } },
        orderBy: { createdAt: 'desc' },
      });
      return row ? toSync(row) : null;
    },
  };
}
export type SourceRepository = ReturnType<typeof sourceSystemRepository>;
