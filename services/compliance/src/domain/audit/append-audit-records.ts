import { chainEntries, CompactTree, entryLeaf, PLATFORM_CHAIN, type ChainEntry } from '@plh/audit-chain';
import type { AuditRecord, EventEnvelope } from '@plh/contracts';
import type { AuditAppendRepository } from '../../data/audit-append.system-repository';

/**
 * Appends a batch of audit records (already deduplicated by the consumer's inbox) to the chains of
 * their practices, in the transaction that marks them handled: the batch's chain heads locked in id
 * order (two batches touching the same chains wait for each other, never deadlock, and a chain never
 * forks), every entry numbered and hashed after its chain's head, then written with the new heads.
 * Two statements per batch, however many practices it touches.
 */
export async function appendAuditRecords(
  trail: AuditAppendRepository,
  events: ReadonlyArray<EventEnvelope<AuditRecord>>,
  clock: () => Date = () => new Date(),
): Promise<number> {
  const byChain = new Map<string, Array<EventEnvelope<AuditRecord>>>();
  for (const event of events) {
    const chain = event.tenantId ?? PLATFORM_CHAIN;
    const list = byChain.get(chain);
    if (list) list.push(event);
    else byChain.set(chain, [event]);
  }
  const heads = await trail.lockHeads([...byChain.keys()].sort());
  const now = clock();
  const entries: ChainEntry[] = [];
  const frontiers = [];
  for (const [chain, records] of byChain) {
    const head = heads.get(chain);
    if (!head) throw new Error(`audit chain ${chain} was not locked`);
    // Never before the chain's last entry (read under the lock; replicas' clocks differ): an export
    // cut at a time then holds a prefix of the chain.
    const recordedAt = new Date(Math.max(now.getTime(), head.lastRecordedAt.getTime())).toISOString();
    const chained = chainEntries(
      head,
      records.map((event) => entryFields(chain, event, recordedAt)),
    );
    const tree = CompactTree.restore(
      head.size,
      head.frontier.map((h) => Buffer.from(h, 'hex')),
    );
    for (const entry of chained) tree.append(entryLeaf(entry.hash));
    entries.push(...chained);
    frontiers.push({ chain, frontier: tree.frontier.map((b) => b.toString('hex')) });
  }
  await trail.append(entries, frontiers);
  return entries.length;
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
