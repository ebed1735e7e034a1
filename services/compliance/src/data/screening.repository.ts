import type { Prisma } from '../../generated/prisma';
import type { Evidence, ExclusionStatus, MatchDecision } from '../domain/matching/screen-provider';
import type { NpiStatus, RegistryTaxonomy } from '../domain/nppes/nppes-answer';
import type { NpiFinding } from '../domain/nppes/npi-findings';
import type { Tx } from './db';
import { saveMonthsSql, type ScreeningMonthRecord } from './screening-month.repository';

/** The NPI Registry's side of a screening: what it lists for the NPI, what differs, why it failed. */
export interface NpiEvidence {
  source: 'cms-nppes';
  checkedAt: string;
  registry: {
    enumerationType: string | null;
    firstName: string | null;
    lastName: string | null;
    organizationName: string | null;
    taxonomies: RegistryTaxonomy[];
  };
  findings: NpiFinding[];
  error: string | null;
}

export interface ScreeningRecord {
  providerId: string;
  npi: string | null;
  providerName: string;
  exclusionStatus: ExclusionStatus;
  npiStatus: NpiStatus | null;
  evidence: Evidence[];
  npiCheck: NpiEvidence | null;
  snapshotVersion: number;
  screenedAt: Date;
}

const toRecord = (r: Prisma.ScreeningGetPayload<object>): ScreeningRecord => ({
  providerId: r.providerId,
  npi: r.npi,
  providerName: r.providerName,
  exclusionStatus: r.exclusionStatus as ExclusionStatus,
  npiStatus: r.npiStatus as NpiStatus | null,
  evidence: r.evidence as unknown as Evidence[],
  npiCheck: (r.npiCheck as unknown as NpiEvidence | null) ?? null,
  snapshotVersion: r.snapshotVersion,
  screenedAt: r.screenedAt,
});

/** A practice's current screening results, one per roster provider, and the decisions on them (RLS). */
export function screeningRepository(tx: Tx, tenantId: string) {
  const scope = { tenantId };
  return {
    /** Held until the transaction ends: one screening of this practice at a time, across replicas. */
    lockPractice: () => screeningLocks(tx).lockPractices([tenantId]),
    list: async () =>
      (await tx.screening.findMany({ where: scope, orderBy: [{ providerName: 'asc' }, { providerId: 'asc' }] })).map(
        toRecord,
      ),
    find: async (providerId: string) => {
      const row = await tx.screening.findFirst({ where: { ...scope, providerId } });
      return row ? toRecord(row) : null;
    },
    /** Every result of one screening, in one statement (json_to_recordset), each replacing the provider's last. */
    async saveAll(
      results: Array<Omit<ScreeningRecord, 'screenedAt'>>,
      month?: { month: string; rows: ScreeningMonthRecord[] },
    ): Promise<void> {
      if (results.length === 0) return;
      // With the month's record in the same statement: one round trip per practice screened.
      await tx.$executeRawUnsafe(
        `WITH screened AS (
           INSERT INTO screening (tenant_id, provider_id, npi, provider_name, exclusion_status, npi_status, evidence,
                                  npi_check, snapshot_version, screened_at)
           SELECT $1::uuid, "providerId", npi, "providerName", "exclusionStatus", "npiStatus", evidence, "npiCheck",
                  "snapshotVersion", now()
             FROM json_to_recordset($2::json) AS t("providerId" uuid, npi text, "providerName" text,
                                                  "exclusionStatus" text, "npiStatus" text, evidence jsonb,
                                                  "npiCheck" jsonb, "snapshotVersion" int)
           ON CONFLICT (tenant_id, provider_id) DO UPDATE
             SET npi = EXCLUDED.npi, provider_name = EXCLUDED.provider_name, exclusion_status = EXCLUDED.exclusion_status,
                 npi_status = EXCLUDED.npi_status, evidence = EXCLUDED.evidence, npi_check = EXCLUDED.npi_check,
                 snapshot_version = EXCLUDED.snapshot_version, screened_at = now()
           RETURNING 1
         ), months AS (
           ${saveMonthsSql({ tenant: '$1', month: '$3', rows: '$4' })}
           RETURNING 1
         )
         SELECT (SELECT count(*) FROM screened) + (SELECT count(*) FROM months)`,
        tenantId,
        JSON.stringify(results),
        month?.month ?? '0000-00',
        JSON.stringify(month?.rows ?? []),
      );
    },
    remove: (providerId: string) => tx.screening.deleteMany({ where: { ...scope, providerId } }),
    /** Providers screened before who are no longer on the roster. */
    async providerIdsNotIn(ids: string[]): Promise<string[]> {
      const rows = await tx.screening.findMany({
        where: { ...scope, providerId: { notIn: ids } },
        select: { providerId: true },
      });
      return rows.map((r) => r.providerId);
    },
    decisions: async (providerId?: string): Promise<Array<MatchDecision & { providerId: string }>> =>
      (
        await tx.screeningDecision.findMany({
          where: { ...scope, ...(providerId ? { providerId } : {}) },
          select: { providerId: true, listingKey: true, decision: true },
        })
      ).map((d) => ({ ...d, decision: d.decision as MatchDecision['decision'] })),
    /** Every decision taken in [from, to), oldest first, with who took it and why (the attestation). */
    decidedBetween: (from: Date, to: Date) =>
      tx.screeningDecision.findMany({
        where: { ...scope, decidedAt: { gte: from, lt: to } },
        orderBy: [{ decidedAt: 'asc' }, { id: 'asc' }],
      }),
    /** Records a decision; false when one was already taken on this listing for this provider. */
    async decide(d: {
      id: string;
      providerId: string;
      listingKey: string;
      decision: MatchDecision['decision'];
      reason: string;
      decidedBy: string;
    }): Promise<boolean> {
      const created = await tx.$executeRawUnsafe(
        `INSERT INTO screening_decision (id, tenant_id, provider_id, listing_key, decision, reason, decided_by)
         VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7)
         ON CONFLICT (tenant_id, provider_id, listing_key) DO NOTHING`,
        d.id,
        tenantId,
        d.providerId,
        d.listingKey,
        d.decision,
        d.reason,
        d.decidedBy,
      );
      return created === 1;
    },
  };
}

/**
 * The screening locks of practices (advisory, held until the transaction ends): one screening of a
 * practice at a time, across replicas. Many are taken in one statement, in id order (two batches
 * sharing practices wait for each other instead of deadlocking).
 */
export function screeningLocks(tx: Tx) {
  return {
    async lockPractices(tenantIds: readonly string[]): Promise<void> {
      // executeRaw: the adapter cannot read the `void` the lock function answers.
      await tx.$executeRawUnsafe(
        `SELECT pg_advisory_xact_lock(hashtextextended('compliance.screening:' || t, 0))
           FROM (SELECT DISTINCT unnest($1::text[]) AS t ORDER BY 1) AS ids`,
        [...tenantIds],
      );
    },
  };
}
