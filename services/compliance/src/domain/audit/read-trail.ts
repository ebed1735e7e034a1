import type { ChainEntry } from '@plh/audit-chain';
import type { AuditFilter } from '../../data/audit-trail.repository';
import type { UnitOfWork } from '../../data/unit-of-work';
import { csvCell } from '../csv-cell';
import type { ComplianceDeps } from '../deps';

/**
 * A page of a practice's trail, newest first, recording the read as `audited` when it should be on
 * the record (the ops team reading a practice's trail, an export): the practice can see who looked.
 */
export async function readTrail(
  deps: Pick<ComplianceDeps, 'unitOfWork'>,
  input: {
    tenantId: string;
    filter: AuditFilter;
    before: number | null;
    limit: number;
    audited: 'audit-trail.read' | 'audit-trail.export' | null;
  },
): Promise<{ items: ChainEntry[]; next: number | null }> {
  return deps.unitOfWork(input.tenantId, async (uow: UnitOfWork) => {
    const items = await uow.auditTrail.page(input.filter, input.before, input.limit + 1);
    if (input.audited)
      await uow.audit.record({ action: input.audited, resource: { type: 'audit-trail', id: input.tenantId } });
    const more = items.length > input.limit;
    const page = items.slice(0, input.limit);
    return { items: page, next: more ? page.at(-1)!.seq : null };
  });
}

/** Records that someone outside the practice (the ops team) looked at its trail: verified it, asked for a proof. */
export async function recordOutsideRead(
  deps: Pick<ComplianceDeps, 'unitOfWork'>,
  tenantId: string,
  what: 'verify' | 'proof' | 'checkpoints',
): Promise<void> {
  await deps.unitOfWork(tenantId, (uow) =>
    uow.audit.record({
      action: 'audit-trail.read',
      resource: { type: 'audit-trail', id: tenantId },
      changes: [{ field: 'view', to: what }],
    }),
  );
}

const COLUMNS = [
  'seq',
  'occurred_at',
  'recorded_at',
  'service',
  'action',
  'outcome',
  'resource_type',
  'resource_id',
  'actor_kind',
  'actor_id',
  'actor_role',
  'phi',
  'changes',
  'reason',
  'ip_address',
  'user_agent',
  'request_id',
  'trace_id',
  'hash',
] as const;

export const auditCsvHeader = () => `${COLUMNS.join(',')}\r\n`;

export function auditCsvRow(e: ChainEntry): string {
  const changes = e.changes
    .map((c) => `${c.field}${'from' in c ? `: ${String(c.from)}` : ''}${'to' in c ? ` -> ${String(c.to)}` : ''}`)
    .join('; ');
  const cells = [
    e.seq,
    e.occurredAt,
    e.recordedAt,
    e.service,
    e.action,
    e.outcome,
    e.resourceType,
    e.resourceId,
    e.actorKind,
    e.actorId,
    e.actorRole,
    e.phi,
    changes,
    e.reason,
    e.clientIp,
    e.userAgent,
    e.requestId,
    e.traceId,
    e.hash,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}
