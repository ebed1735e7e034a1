import { csvCell as cell } from '../csv-cell';
import type { Attestation } from './monthly-attestation';

const COLUMNS = [
  'month',
  'provider_id',
  'provider_name',
  'npi',
  'screenings',
  'first_screened_at',
  'last_screened_at',
  'exclusion_status',
  'statuses_seen',
  'npi_status',
  'npi_checked_at',
  'sources_checked',
  'decisions',
] as const;

/**
 * The attestation as one CSV table: a row per provider screened in the month, with the sources and
 * snapshot versions checked and the decisions taken on their possible matches (who, what, when, why).
 */
export function attestationCsv(a: Attestation): string {
  const lines = [COLUMNS.join(',')];
  for (const p of a.providers) {
    const decisions = a.decisions
      .filter((d) => d.providerId === p.providerId)
      .map((d) => `${d.decision} ${d.listingKey} by ${d.decidedBy} on ${d.decidedAt.toISOString()}: ${d.reason}`)
      .join(' | ');
    const checked = Object.entries(p.versions)
      .map(([source, versions]) => `${source} v${versions.join(',v')}`)
      .join('; ');
    lines.push(
      [
        a.month,
        p.providerId,
        p.providerName,
        p.npi,
        p.screenings,
        p.firstScreenedAt.toISOString(),
        p.lastScreenedAt.toISOString(),
        p.exclusionStatus,
        p.statusesSeen.join(' '),
        p.npiStatus,
        p.npiCheckedAt?.toISOString() ?? null,
        checked,
        decisions,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
