import { randomBytes } from 'node:crypto';
import { type AuditRecord } from '@plh/contracts';
import { startTestService, type TestService } from '@plh/service-kit/testing';
import type { ConfigSchema } from '../src/config';
import { tenantService } from '../src/service';
import type { PrismaClient } from '../generated/prisma';

export type TestApp = TestService<typeof ConfigSchema, PrismaClient>;

/** The tenant service on a fresh database and event namespace, with a test "gateway" key pair. */
export function buildTestApp(): Promise<TestApp> {
  return startTestService(tenantService, { env: { KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64') } });
}

/** What the practice's transactions put in the outbox, in order: domain events and audit records apart. */
export async function outboxOf(db: PrismaClient, tenantId: string) {
  const rows = await db.outboxEvent.findMany({ where: { tenantId }, orderBy: { seq: 'asc' } });
  const isAudit = (subject: string) => subject.endsWith('.audit.recorded');
  return {
    events: rows.filter((row) => !isAudit(row.subject)),
    audit: rows.filter((row) => isAudit(row.subject)).map((row) => (row.payload as { data: AuditRecord }).data),
  };
}
