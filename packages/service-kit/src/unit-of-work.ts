import { auditEventOf, createEvent, type AuditRecord, type EventEnvelope, type EventRegistry } from '@plh/contracts';
import { withTenant, type SqlExecutor, type TransactionRunner } from '@plh/db';
import { enqueueEvent } from '@plh/event-bus';
import { PHI_KEYS } from './logger';
import { currentContext, type WorkContext } from './work-context';

/** The outbox of the unit of work's transaction; envelopes without a `traceparent` get the context's. */
export interface Outbox {
  enqueue(event: EventEnvelope): Promise<void>;
}

type Scalar = string | number | boolean | null;

export interface AuditEntry {
  /** `<resource>.<verb>`: `order.approve`, `patient-list.read`. */
  action: string;
  resource: { type: string; id: string | null };
  outcome?: AuditRecord['outcome'];
  /** Changed fields; values of PHI fields (names, addresses, dates of birth…) are dropped here. */
  changes?: Array<{ field: string; from?: Scalar; to?: Scalar }>;
  /** The action disclosed PHI (a read of rows, recipients, a proof). */
  phi?: boolean;
  /** A stable code for a failure or refusal. */
  reason?: string | null;
}

export interface AuditLog {
  /** Writes one audit record to the outbox of this transaction: it exists if and only if the change commits. */
  record(entry: AuditEntry): Promise<void>;
}

/** What every service's unit of work holds besides its own repositories. */
export interface UnitOfWorkBase {
  tenantId: string;
  context: WorkContext;
  outbox: Outbox;
  audit: AuditLog;
}

export type UnitOfWork<Repos> = Repos & UnitOfWorkBase;

export type RunUnitOfWork<Repos> = <R>(
  tenantId: string,
  work: (uow: UnitOfWork<Repos>) => Promise<R>,
  options?: { timeoutMs?: number },
) => Promise<R>;

export interface UnitOfWorkFactory<Tx extends SqlExecutor, Repos> {
  /** The database it opens transactions on (consumers open theirs there too). */
  db: TransactionRunner<Tx>;
  /** A transaction with `app.tenant_id` set, the repositories bound to it, its outbox and audit log. */
  run: RunUnitOfWork<Repos>;
  /** The same over a transaction someone else opened with the tenant set (an event consumer's, with its inbox row). */
  bind(tx: Tx, tenantId: string): UnitOfWork<Repos>;
}

export interface CreateUnitOfWorkOptions<Tx extends SqlExecutor, Repos> {
  db: TransactionRunner<Tx>;
  registry: EventRegistry;
  /** The service's subject prefix (`core`, `proof`, `tenant`): source of its events and audit records. */
  service: string;
  repositories: (tx: Tx, tenantId: string) => Repos;
}

const PHI_FIELD = new Set(PHI_KEYS.map((key) => key.toLowerCase()));
const NO_CONTEXT: WorkContext = {
  actor: { kind: 'anonymous', id: null, role: null, tenantId: null },
  requestId: null,
  traceparent: null,
  clientIp: null,
  userAgent: null,
};

/**
 * Domain code's only way to the database. Every service builds one from its repositories:
 * row-level security applies to every statement (the tenant is set on the transaction), the
 * state change, its events and its audit records commit together (outbox), and the request
 * context (who, which request, which trace) comes from where the work started, not from parameters.
 */
export function createUnitOfWork<Tx extends SqlExecutor, Repos extends object>(
  options: CreateUnitOfWorkOptions<Tx, Repos>,
): UnitOfWorkFactory<Tx, Repos> {
  const { db, registry, service } = options;
  const auditEvent = auditEventOf(service);
  const bind = (tx: Tx, tenantId: string): UnitOfWork<Repos> => {
    const context = currentContext() ?? NO_CONTEXT;
    const outbox: Outbox = {
      enqueue: (event) =>
        enqueueEvent(tx, registry, { ...event, traceparent: event.traceparent ?? context.traceparent }),
    };
    const audit: AuditLog = {
      record: (entry) =>
        outbox.enqueue(
          createEvent(auditEvent, {
            source: service,
            tenantId,
            traceparent: context.traceparent,
            data: auditData(entry, context),
          }),
        ),
    };
    return { ...options.repositories(tx, tenantId), tenantId, context, outbox, audit };
  };
  const run: RunUnitOfWork<Repos> = (tenantId, work, runOptions) =>
    db.$transaction((tx) => withTenant({ $transaction: (fn) => fn(tx) }, tenantId, () => work(bind(tx, tenantId))), {
      timeout: runOptions?.timeoutMs ?? 10_000,
      maxWait: 5_000,
    });
  return { db, run, bind };
}

function auditData(entry: AuditEntry, context: WorkContext): AuditRecord {
  const { actor } = context;
  return {
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    resource: entry.resource,
    actor: { kind: actor.kind, id: actor.id, role: actor.role },
    phi: entry.phi ?? false,
    changes: (entry.changes ?? []).map((change) =>
      PHI_FIELD.has(change.field.toLowerCase()) ? { field: change.field } : change,
    ),
    reason: entry.reason ?? null,
    requestId: context.requestId,
    clientIp: context.clientIp,
    userAgent: context.userAgent,
  };
}
