import type { Prisma } from '../../generated/prisma';
import type { Tx } from './db';

export interface ScreeningMonthRecord {
  providerId: string;
  providerName: string;
  npi: string | null;
  screenings: number;
  firstScreenedAt: Date;
  lastScreenedAt: Date;
  exclusionStatus: string;
  statusesSeen: string[];
  npiStatus: string | null;
  npiCheckedAt: Date | null;
  /** Snapshot versions screened against, by source. */
  versions: Record<string, number[]>;
}

/**
 * The upsert of month rows, with the placeholders of the tenant, the month and the rows as JSON
 * (json_to_recordset): written by the screening's own statement (screening.repository's saveAll).
 */
export const saveMonthsSql = (p: {
  tenant: string;
  month: string;
  rows: string;
}) => `INSERT INTO screening_month (tenant_id, month, provider_id, provider_name, npi, screenings, first_screened_at,
                              last_screened_at, exclusion_status, statuses_seen, npi_status, npi_checked_at, versions)
   SELECT ${p.tenant}::uuid, ${p.month}, "providerId", "providerName", npi, screenings, "firstScreenedAt", "lastScreenedAt",
          "exclusionStatus", ARRAY(SELECT json_array_elements_text("statusesSeen")), "npiStatus", "npiCheckedAt", versions
     FROM json_to_recordset(${p.rows}::json) AS t("providerId" uuid, "providerName" text, npi text, screenings int,
          "firstScreenedAt" timestamptz, "lastScreenedAt" timestamptz, "exclusionStatus" text, "statusesSeen" json,
          "npiStatus" text, "npiCheckedAt" timestamptz, versions jsonb)
   ON CONFLICT (tenant_id, month, provider_id) DO UPDATE
     SET provider_name = EXCLUDED.provider_name, npi = EXCLUDED.npi, screenings = EXCLUDED.screenings,
         last_screened_at = EXCLUDED.last_screened_at, exclusion_status = EXCLUDED.exclusion_status,
         statuses_seen = EXCLUDED.statuses_seen, npi_status = EXCLUDED.npi_status,
         npi_checked_at = EXCLUDED.npi_checked_at, versions = EXCLUDED.versions`;

const toRecord = (r: Prisma.ScreeningMonthGetPayload<object>): ScreeningMonthRecord => ({
  providerId: r.providerId,
  providerName: r.providerName,
  npi: r.npi,
  screenings: r.screenings,
  firstScreenedAt: r.firstScreenedAt,
  lastScreenedAt: r.lastScreenedAt,
  exclusionStatus: r.exclusionStatus,
  statusesSeen: r.statusesSeen,
  npiStatus: r.npiStatus,
  npiCheckedAt: r.npiCheckedAt,
  versions: r.versions as Record<string, number[]>,
});

/** A practice's screenings month by month, per provider (RLS): what an attestation states. */
export function screeningMonthRepository(tx: Tx, tenantId: string) {
  const scope = { tenantId };
  return {
    ofMonth: async (month: string) =>
      (
        await tx.screeningMonth.findMany({
          where: { ...scope, month },
          orderBy: [{ providerName: 'asc' }, { providerId: 'asc' }],
        })
      ).map(toRecord),
  };
}
