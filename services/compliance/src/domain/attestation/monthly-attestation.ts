import { ValidationFailed } from '@plh/service-kit';
import type { ComplianceEventRecord } from '../../data/event.repository';
import type { ScreeningMonthRecord } from '../../data/screening-month.repository';
import type { SourceRecord } from '../../data/source.system-repository';
import type { ComplianceDeps } from '../deps';

/** What a practice attests for a month: who was screened, against what, with what result, who decided what. */
export interface Attestation {
  tenantId: string;
  month: string;
  generatedAt: Date;
  generatedBy: string;
  sources: Array<{ name: string; versions: number[]; lastSuccessAt: Date | null; isActive: boolean }>;
  providers: ScreeningMonthRecord[];
  decisions: Array<{
    providerId: string;
    listingKey: string;
    decision: string;
    reason: string;
    decidedBy: string;
    decidedAt: Date;
  }>;
  events: ComplianceEventRecord[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The monthly attestation of a practice: every provider screened that month (how often, first and
 * last, the snapshot versions of each source, every status seen and the last), the decisions taken on
 * possible matches (by whom, why), and the events about its providers and deadlines raised in the
 * month with what became of them. A month still running is attested as far as it went; a month to
 * come is refused; a month without screenings is an attestation that says so. Its download is audited.
 */
export async function monthlyAttestation(
  deps: Pick<ComplianceDeps, 'unitOfWork' | 'systemWork'>,
  input: { tenantId: string; month: string; actorId: string; format: 'pdf' | 'csv' },
  now = new Date(),
): Promise<Attestation> {
  const m = MONTH.exec(input.month);
  if (!m) throw new ValidationFailed([{ pointer: '/querystring/month', message: 'must be YYYY-MM' }]);
  const from = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  const to = new Date(Date.UTC(Number(m[1]), Number(m[2]), 1));
  if (from > now) throw new ValidationFailed([{ pointer: '/querystring/month', message: 'is a month to come' }]);
  const sources = await deps.systemWork(({ sources: all }) => all.list());
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const providers = await uow.screeningMonths.ofMonth(input.month);
    const decisions = await uow.screenings.decidedBetween(from, to);
    const events = await uow.events.raisedBetween(from, to);
    await uow.audit.record({
      action: 'compliance-attestation.download',
      resource: { type: 'compliance-attestation', id: input.month },
      changes: [{ field: 'format', to: input.format }],
    });
    return {
      tenantId: input.tenantId,
      month: input.month,
      generatedAt: now,
      generatedBy: input.actorId,
      sources: sourcesChecked(sources, providers),
      providers,
      decisions: decisions.map((d) => ({
        providerId: d.providerId,
        listingKey: d.listingKey,
        decision: d.decision,
        reason: d.reason,
        decidedBy: d.decidedBy,
        decidedAt: d.decidedAt,
      })),
      events,
    };
  });
}

/** Each source with the versions the month's screenings used (NPPES: none; its checks are per provider). */
function sourcesChecked(sources: SourceRecord[], providers: ScreeningMonthRecord[]): Attestation['sources'] {
  return sources.map((s) => ({
    name: s.name,
    versions: [...new Set(providers.flatMap((p) => p.versions[s.name] ?? []))].sort((a, b) => a - b),
    lastSuccessAt: s.lastSuccessAt,
    isActive: s.isActive,
  }));
}
