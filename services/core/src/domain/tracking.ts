import { randomUUID } from 'node:crypto';
import { ValidationFailed } from '@plh/service-kit';
import type { MailStatus } from '../data/billing.repository';
import type { CoreDeps } from './deps';
import { OrderNotFound } from './problems';

export const MAIL_STATUSES: readonly MailStatus[] = [
  'mailed',
  'in_transit',
  'in_local_area',
  'processed_for_delivery',
  're_routed',
  'returned_to_sender',
  'delivered',
];

export interface Scan {
  mailPieceId: string;
  status: MailStatus;
  occurredAt: string;
  /** The provider's id of this scan: a redelivered webhook or a repeated upload records nothing twice. */
  externalId: string;
}

/**
 * Tracking scans for an order's letters, from ops or a fulfilment provider's webhook (`source` names
 * which), all through this one function. Scans of pieces that are not this order's are refused whole.
 */
export async function recordScans(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  input: { tenantId: string; orderId: string; source: string; scans: Scan[] },
): Promise<{ recorded: number; duplicates: number }> {
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const order = await uow.orders.findById(input.orderId);
    if (!order) throw new OrderNotFound();
    const errors: Array<{ pointer: string; message: string }> = [];
    for (const [i, scan] of input.scans.entries()) {
      const piece = await uow.billing.findPiece(scan.mailPieceId);
      if (!piece || piece.orderId !== order.id)
        errors.push({ pointer: `/body/scans/${i}/mailPieceId`, message: 'is not a letter of this order' });
    }
    if (errors.length) throw new ValidationFailed(errors);
    let recorded = 0;
    for (const scan of input.scans) {
      const added = await uow.billing.addScan({
        id: randomUUID(),
        mailPieceId: scan.mailPieceId,
        status: scan.status,
        source: input.source,
        externalId: scan.externalId,
        occurredAt: new Date(scan.occurredAt),
      });
      if (added) recorded += 1;
    }
    if (recorded)
      await uow.audit.record({
        action: 'order.record-scans',
        resource: { type: 'order', id: order.id },
        changes: [
          { field: 'source', to: input.source },
          { field: 'scans', to: recorded },
        ],
      });
    return { recorded, duplicates: input.scans.length - recorded };
  });
}

export interface TrackingRollup {
  total: number;
  byStatus: Partial<Record<MailStatus, number>>;
  deliveredPercent: number;
  /** Returned letters, for follow-up (a returned breach notice calls for substitute notice). */
  returned: Array<{ mailPieceId: string; patientId: string; row: number | null; returnedAt: string }>;
}

export async function trackingRollup(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  tenantId: string,
  orderId: string,
): Promise<TrackingRollup> {
  return deps.unitOfWork(tenantId, async (uow) => {
    if (!(await uow.orders.findById(orderId))) throw new OrderNotFound();
    const counts = await uow.billing.rollup(orderId);
    const total = counts.reduce((a, c) => a + c.count, 0);
    const byStatus = Object.fromEntries(counts.map((c) => [c.status, c.count]));
    const delivered = byStatus.delivered ?? 0;
    const returned = await uow.billing.returned(orderId);
    const rows = await uow.billing.rowNumbers(returned.map((r) => r.patientId));
    return {
      total,
      byStatus,
      deliveredPercent: total ? Math.round((delivered / total) * 1000) / 10 : 0,
      returned: returned.map((r) => ({
        mailPieceId: r.id,
        patientId: r.patientId,
        row: rows.get(r.patientId) ?? null,
        returnedAt: r.updatedAt.toISOString(),
      })),
    };
  });
}

export interface ProviderScan extends Scan {
  tenantId: string;
}

/**
 * Scans a fulfilment provider posts (its webhook), for letters of any practice: grouped per practice,
 * each recorded in that practice's transaction (RLS: a piece id of another practice is simply unknown).
 * Unknown pieces are reported, not fatal: a provider retries whole batches, and the known scans count.
 */
export async function recordProviderScans(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  source: string,
  scans: ProviderScan[],
): Promise<{ recorded: number; duplicates: number; unknown: number }> {
  const byTenant = new Map<string, ProviderScan[]>();
  for (const scan of scans) byTenant.set(scan.tenantId, [...(byTenant.get(scan.tenantId) ?? []), scan]);
  const total = { recorded: 0, duplicates: 0, unknown: 0 };
  for (const [tenantId, tenantScans] of byTenant) {
    await deps.unitOfWork(tenantId, async (uow) => {
      for (const scan of tenantScans) {
        if (!(await uow.billing.findPiece(scan.mailPieceId))) {
          total.unknown += 1;
          continue;
        }
        const added = await uow.billing.addScan({
          id: randomUUID(),
          mailPieceId: scan.mailPieceId,
          status: scan.status,
          source,
          externalId: scan.externalId,
          occurredAt: new Date(scan.occurredAt),
        });
        if (added) total.recorded += 1;
        else total.duplicates += 1;
      }
    });
  }
  return total;
}
