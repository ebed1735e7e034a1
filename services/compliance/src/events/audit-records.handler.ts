import { AUDIT_EVENTS, type AuditRecord, type EventEnvelope } from '@plh/contracts';
import type { TransactionRunner } from '@plh/db';
import type { Platform } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';
import { auditAppendSystemRepository } from '../data/audit-append.system-repository';
import type { Tx } from '../data/db';
import { appendAuditRecords } from '../domain/audit/append-audit-records';

/** The services whose audit records the trail appends: one durable consumer per service stream. */
const AUDIT_CONSUMERS = [
  { name: 'compliance-audit-tenant', event: AUDIT_EVENTS.tenant },
  { name: 'compliance-audit-core', event: AUDIT_EVENTS.core },
  { name: 'compliance-audit-proof', event: AUDIT_EVENTS.proof },
  { name: 'compliance-audit-compliance', event: AUDIT_EVENTS.compliance },
  { name: 'compliance-audit-notification', event: AUDIT_EVENTS.notification },
] as const;

/**
 * `plh.<service>.audit.recorded` of every service → the practices' hash chains. A batch of records
 * is appended in the transaction that marks it handled in the inbox: each record once, however
 * often NATS delivers it, and none lost if the service stops between the two.
 */
export async function startAuditConsumers(platform: Platform<PrismaClient>, db: TransactionRunner<Tx>): Promise<void> {
  for (const { name, event } of AUDIT_CONSUMERS)
    await platform.consumeBatches<Tx>({
      name,
      events: [event],
      db,
      batchSize: 250,
      concurrency: 2,
      handle: async (events, tx) =>
        void (await appendAuditRecords(auditAppendSystemRepository(tx), events as Array<EventEnvelope<AuditRecord>>)),
    });
}
