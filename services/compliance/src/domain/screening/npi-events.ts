import { randomUUID } from 'node:crypto';
import type { ComplianceEventRecord, EventType, Priority } from '../../data/event.repository';
import type { UnitOfWork } from '../../data/unit-of-work';
import { announceRaised, resolveBySystem } from '../events/system-events';
import type { RosterProvider } from '../matching/screen-provider';
import type { NpiCheck, NpiFindingType } from '../nppes/npi-findings';
import { NPPES_SOURCE } from '../nppes/verify-npis';

export const NPI_EVENT_TYPES: readonly NpiFindingType[] = [
  'npi_deactivated',
  'npi_not_found',
  'name_mismatch',
  'license_mismatch',
];

/** Billing under a deactivated NPI is refused by every payer: high. The others need a look, not a stop. */
const KIND: Record<NpiFindingType, { priority: Priority; title: string }> = {
  npi_deactivated: { priority: 'high', title: 'A roster provider’s NPI is deactivated in the NPI Registry' },
  npi_not_found: { priority: 'medium', title: 'A roster provider’s NPI is not in the NPI Registry' },
  name_mismatch: { priority: 'medium', title: 'A roster provider’s name differs from the NPI Registry’s' },
  license_mismatch: { priority: 'medium', title: 'A roster provider’s licence is not the one the NPI Registry lists' },
};

const dedupeKeyOf = (type: NpiFindingType, providerId: string, npi: string) => `${type}:${providerId}:${npi}`;

/**
 * The provider's NPI findings as events: each new one raised once (per provider, NPI and kind), and
 * open ones the registry no longer supports resolved. A lookup that failed (`error`) or has not been
 * made changes nothing: an unanswered question neither raises nor clears a finding.
 */
export async function reconcileNpiEvents(
  uow: UnitOfWork,
  provider: RosterProvider,
  check: NpiCheck,
  open: readonly ComplianceEventRecord[],
  sourceFetchedAt: Date | null,
): Promise<void> {
  if (check.npiStatus === 'error' || (check.npiStatus === null && provider.npi !== null)) return;
  const current = new Set<string>();
  for (const finding of provider.npi ? check.findings : []) {
    const dedupeKey = dedupeKeyOf(finding.type, provider.id, provider.npi!);
    current.add(dedupeKey);
    const raised = await uow.events.raise({
      id: randomUUID(),
      eventType: finding.type satisfies EventType,
      source: NPPES_SOURCE,
      priority: KIND[finding.type].priority,
      title: KIND[finding.type].title,
      description: `${finding.detail} A finding to check with the provider, not an exclusion.`,
      providerId: provider.id,
      dedupeKey,
      sourceFetchedAt,
      metadata: { npi: provider.npi, finding: finding.type, checkedAt: check.checkedAt?.toISOString() ?? null },
    });
    if (raised) await announceRaised(uow, raised);
  }
  for (const event of open)
    if (!current.has(event.dedupeKey))
      await resolveBySystem(
        uow,
        event,
        provider.npi === event.metadata.npi
          ? 'The NPI Registry no longer shows this.'
          : 'The provider’s NPI changed on the roster.',
      );
}
