import { chainEntries, CompactTree, entryLeaf, PLATFORM_CHAIN, type ChainEntry } from '@plh/audit-chain';
import type { AuditRecord, EventEnvelope } from '@plh/contracts';
import type { AuditTrailRepository } from '../../data/audit-trail.repository';

/** A practice's chain, as the transaction's tenant (row-level security then scopes every statement). */
export type ChainOf = (tenantId: string) => Promise<AuditTrailRepository>;

/**
 * Appends a batch of audit records (already deduplicated by the consumer's inbox) to the chains of
 * their practices, in the transaction that marks them handled. Chains are taken in id order, each
 * head locked before it is extended: two batches touching the same chains wait for each other and
 * never deadlock, and a chain never forks. One insert per chain per batch.
 */
export async function appendAuditRecords(
  chainOf: ChainOf,
  events: ReadonlyArray<EventEnvelope<AuditRecord>>,
  clock: () => Date = () => new Date(),
): Promise<number> {
  const byChain = new Map<string, Array<EventEnvelope<AuditRecord>>>();
  for (const event of events) {
    const chain = event.tenantId ?? PLATFORM_CHAIN;
    byChain.set(chain, [...(byChain.get(chain) ?? []), event]);
  }
  for (const chain of [...byChain.keys()].sort()) {
    const trail = await chainOf(chain);
    const head = await trail.lockHead();
    // Read after the lock: entries' times then never go backwards along the chain.
    const recordedAt = clock().toISOString();
    const entries = chainEntries(
      head,
      byChain.get(chain)!.map((event) => entryFields(chain, event, recordedAt)),
    );
    const tree = CompactTree.restore(
      head.size,
      head.frontier.map((h) => Buffer.from(h, 'hex')),
    );
    for (const entry of entries) tree.append(entryLeaf(entry.hash));
    await trail.append(entries, {
      size: tree.size,
      headHash: entries.at(-1)!.hash,
      frontier: tree.frontier.map((b) => b.toString('hex')),
    });
  }
  return events.length;
}

function entryFields(
  chain: string,
  event: EventEnvelope<AuditRecord>,
  recordedAt: string,
): Omit<ChainEntry, 'seq' | 'prevHash' | 'hash'> {
  const r = event.data;
  return {
    chain,
    eventId: event.id.toLowerCase(),
    service: event.source,
    action: r.action,
    outcome: r.outcome,
    resourceType: r.resource.type,
    resourceId: r.resource.id,
    actorKind: r.actor.kind,
    actorId: r.actor.id,
    actorRole: r.actor.role,
    phi: r.phi,
    changes: r.changes,
    reason: r.reason,
    requestId: r.requestId,
    // W3C traceparent: version-traceid-parentid-flags; the trace id joins the entry to the request's trace.
    traceId: event.traceparent?.split('-')[1] ?? null,
    clientIp: r.clientIp,
    userAgent: r.userAgent,
    // As stored (milliseconds, UTC), so the hash re-computes from the row.
    occurredAt: new Date(event.occurredAt).toISOString(),
    recordedAt,
  };
}
