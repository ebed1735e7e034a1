import type { ScreeningMonthRecord } from '../../data/screening-month.repository';

export interface ScreenedProvider {
  providerId: string;
  providerName: string;
  npi: string | null;
  exclusionStatus: string;
  npiStatus: string | null;
  npiCheckedAt: Date | null;
}

/**
 * One screening of the practice added to its month's record, per provider (the rows to save): how often and when it was
 * screened, its last result and every exclusion status it had, and the snapshot versions (by source)
 * it was screened against. The attestation of the month reads this. `before`: the month's rows as the
 * screening found them (read with the rest of its state).
 */
export function screeningMonthRows(
  screened: readonly ScreenedProvider[],
  versions: Readonly<Record<string, number>>,
  input: { before: readonly ScreeningMonthRecord[]; now: Date },
): ScreeningMonthRecord[] {
  const { now } = input;
  const before = new Map(input.before.map((r) => [r.providerId, r]));
  const rows = screened.map((p): ScreeningMonthRecord => {
    const prev = before.get(p.providerId);
    const merged: Record<string, number[]> = { ...(prev?.versions ?? {}) };
    for (const [source, version] of Object.entries(versions))
      merged[source] = [...new Set([...(merged[source] ?? []), version])].sort((a, b) => a - b);
    return {
      providerId: p.providerId,
      providerName: p.providerName,
      npi: p.npi,
      screenings: (prev?.screenings ?? 0) + 1,
      firstScreenedAt: prev?.firstScreenedAt ?? now,
      lastScreenedAt: now,
      exclusionStatus: p.exclusionStatus,
      statusesSeen: [...new Set([...(prev?.statusesSeen ?? []), p.exclusionStatus])],
      npiStatus: p.npiStatus,
      npiCheckedAt: p.npiCheckedAt ?? prev?.npiCheckedAt ?? null,
      versions: merged,
    };
  });
  return rows;
}
