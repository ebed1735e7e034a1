import {
  auditEventOf,
  createEvent,
  InvalidEventError,
  type AuditRecord,
  type EventEnvelope,
  type EventRegistry,
} from '@plh/contracts';
import { setTenant, withTenant, type SqlExecutor, type TransactionRunner } from '@plh/db';
import { enqueueEvent, enqueueEvents } from '@plh/event-bus';
import { enqueueJob, type EnqueueOptions, type JobDefinition } from '@plh/jobs';
import type { Static, TObject } from '@sinclair/typebox';
import { PHI_KEYS } from './logger';
import { SpanKind, withSpan } from './tracing';
import { currentContext, type Actor, type WorkContext } from './work-context';

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
  /**
   * Who acted, when the context cannot know it yet: the user a login just identified. Otherwise
   * the context's actor.
   */
  actor?: { kind: Actor['kind']; id: string | null; role: string | null };
}

/** An audit entry of platform-wide work: it names the practice it concerns, or none (a failed login for an unknown email). */
export interface SystemAuditEntry extends AuditEntry {
  tenantId: string | null;
}

/**
 * Background jobs of this transaction (the service's migrations carry packages/jobs/sql/jobs.sql):
 * a job exists if and only if the change that needs it commits. Tenant and trace come from the unit of work.
 */
export interface JobQueue {
  enqueue<S extends TObject>(
    def: JobDefinition<S>,
    payload: Static<S>,
    options?: Omit<EnqueueOptions, 'tenantId' | 'traceparent'>,
  ): Promise<string | null>;
}

/** A system unit of work's queue: a job may be for one practice (it then runs in that practice's context). */
export interface SystemJobQueue {
  enqueue<S extends TObject>(
    def: JobDefinition<S>,
    payload: Static<S>,
    options?: Omit<EnqueueOptions, 'tenantId' | 'traceparent'> & { tenantId?: string | null },
  ): Promise<string | null>;
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
  queue: JobQueue;
}

export type UnitOfWork<Repos> = Repos & UnitOfWorkBase;

/**
 * Platform-wide work: no practice is set on the transaction, so row-level security hides every
 * practice's rows; the system repositories reach what such work needs (a login's lookup by email,
 * signing keys) through narrow SECURITY DEFINER functions or platform tables.
 */
export type SystemUnitOfWork<SystemRepos> = SystemRepos & {
  context: WorkContext;
  outbox: Outbox;
  audit: { record(entry: SystemAuditEntry): Promise<void> };
  /** Jobs queued if and only if the transaction commits: platform-wide, or for a practice named in the options. */
  queue: SystemJobQueue;
};

export type RunUnitOfWork<Repos> = <R>(
  tenantId: string,
  work: (uow: UnitOfWork<Repos>) => Promise<R>,
  options?: { timeoutMs?: number },
) => Promise<R>;

export interface UnitOfWorkFactory<Tx extends SqlExecutor, Repos, SystemRepos = object> {
  /** The database it opens transactions on (consumers open theirs there too). */
  db: TransactionRunner<Tx>;
  /** A transaction with `app.tenant_id` set, the repositories bound to it, its outbox and audit log. */
  run: RunUnitOfWork<Repos>;
  /** The same over a transaction someone else opened with the tenant set (an event consumer's, with its inbox row). */
  bind(tx: Tx, tenantId: string): UnitOfWork<Repos>;
  /**
   * Many practices' work in one transaction (a batch job: one commit instead of hundreds). `practice(id)`
   * switches `app.tenant_id` to that practice and answers its unit of work: from then on only its rows
   * are visible, so finish with one practice's unit of work before asking for the next. `platform`
   * runs statements that touch no practice's rows (advisory locks, public tables). The practices'
   * events and audit records are validated as they are enqueued and written in one statement when
   * `work` ends. Everything commits together, or nothing does.
   */
  runBatch<R>(
    work: (batch: { practice(tenantId: string): Promise<UnitOfWork<Repos>>; platform: SystemRepos }) => Promise<R>,
    options?: { timeoutMs?: number },
  ): Promise<R>;
  /** A transaction for platform-wide work (logins, provisioning, signing keys) with the system repositories. */
  system<R>(work: (uow: SystemUnitOfWork<SystemRepos>) => Promise<R>, options?: { timeoutMs?: number }): Promise<R>;
}

/** A service's unit of work (what a use case receives), from the type of its factory. */
export type UnitOfWorkOf<F> =
  F extends UnitOfWorkFactory<infer _Tx, infer Repos, infer _System> ? UnitOfWork<Repos> : never;

export interface CreateUnitOfWorkOptions<Tx extends SqlExecutor, Repos, SystemRepos = object> {
  db: TransactionRunner<Tx>;
  registry: EventRegistry;
  /** The service's subject prefix (`core`, `proof`, `tenant`): source of its events and audit records. */
  service: string;
  repositories: (tx: Tx, tenantId: string) => Repos;
  /** Repositories of platform-wide work, named as such; never handed to a practice's request code. */
  systemRepositories?: (tx: Tx) => SystemRepos;
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
export function createUnitOfWork<Tx extends SqlExecutor, Repos extends object, SystemRepos extends object = object>(
  options: CreateUnitOfWorkOptions<Tx, Repos, SystemRepos>,
): UnitOfWorkFactory<Tx, Repos, SystemRepos> {
  const { db, registry, service } = options;
  const auditEvent = auditEventOf(service);
  const outboxOf = (tx: Tx, context: WorkContext): Outbox => ({
    enqueue: (event) => enqueueEvent(tx, registry, { ...event, traceparent: event.traceparent ?? context.traceparent }),
  });
  const auditRecord = (tenantId: string | null, entry: AuditEntry, context: WorkContext) =>
    createEvent(auditEvent, {
      source: service,
      tenantId,
      traceparent: context.traceparent,
      data: auditData(entry, context),
    });
  const bind = (tx: Tx, tenantId: string): UnitOfWork<Repos> => {
    const context = currentContext() ?? NO_CONTEXT;
    const outbox = outboxOf(tx, context);
    const audit: AuditLog = { record: (entry) => outbox.enqueue(auditRecord(tenantId, entry, context)) };
    const queue: JobQueue = {
      enqueue: (def, payload, jobOptions) =>
        enqueueJob(tx, def, payload, { ...jobOptions, tenantId, traceparent: context.traceparent }),
    };
    return { ...options.repositories(tx, tenantId), tenantId, context, outbox, audit, queue };
  };
  const timeouts = (timeoutMs?: number) => ({ timeout: timeoutMs ?? 10_000, maxWait: 5_000 });
  /** Each transaction is a PostgreSQL client span of the work it is part of (a request, an event, a job). */
  const traced = <R>(name: string, transaction: () => Promise<R>): Promise<R> =>
    withSpan(
      `${service} ${name}`,
      SpanKind.CLIENT,
      currentContext()?.traceparent,
      { 'db.system.name': 'postgresql', 'db.namespace': service, 'db.operation.name': name },
      transaction,
    );
  const run: RunUnitOfWork<Repos> = (tenantId, work, runOptions) =>
    traced('transaction', () =>
      db.$transaction(
        (tx) => withTenant({ $transaction: (fn) => fn(tx) }, tenantId, () => work(bind(tx, tenantId))),
        timeouts(runOptions?.timeoutMs),
      ),
    );
  const system = <R>(
    work: (uow: SystemUnitOfWork<SystemRepos>) => Promise<R>,
    systemOptions?: { timeoutMs?: number },
  ): Promise<R> =>
    traced('system transaction', () =>
      db.$transaction((tx) => {
        const context = currentContext() ?? NO_CONTEXT;
        const outbox = outboxOf(tx, context);
        const repos = options.systemRepositories ? options.systemRepositories(tx) : ({} as SystemRepos);
        return work({
          ...repos,
          context,
          outbox,
          audit: { record: ({ tenantId, ...entry }) => outbox.enqueue(auditRecord(tenantId, entry, context)) },
          queue: {
            enqueue: (def, payload, jobOptions) =>
              enqueueJob(tx, def, payload, {
                ...jobOptions,
                tenantId: jobOptions?.tenantId ?? null,
                traceparent: context.traceparent,
              }),
          },
        });
      }, timeouts(systemOptions?.timeoutMs)),
    );
  const runBatch: UnitOfWorkFactory<Tx, Repos, SystemRepos>['runBatch'] = (work, batchOptions) =>
    traced('batch transaction', () =>
      db.$transaction(async (tx) => {
        let current: string | null = null;
        // The practices' events and audit records are written together at the end (one statement, not
        // one per practice); the outbox table is not under row-level security, each row keeps its tenant.
        const pending: EventEnvelope[] = [];
        const result = await work({
          practice: async (tenantId) => {
            if (tenantId !== current) {
              await setTenant(tx, tenantId);
              current = tenantId;
            }
            const context = currentContext() ?? NO_CONTEXT;
            const outbox: Outbox = {
              enqueue: async (event) => {
                const stamped = { ...event, traceparent: event.traceparent ?? context.traceparent };
                const valid = registry.validate(stamped);
                if (!valid.ok) throw new InvalidEventError(stamped.type, valid.errors);
                pending.push(stamped);
              },
            };
            return {
              ...bind(tx, tenantId),
              outbox,
              audit: { record: (entry) => outbox.enqueue(auditRecord(tenantId, entry, context)) },
            };
          },
          platform: options.systemRepositories ? options.systemRepositories(tx) : ({} as SystemRepos),
        });
        await enqueueEvents(tx, registry, pending);
        return result;
      }, timeouts(batchOptions?.timeoutMs)),
    );
  return { db, run, bind, system, runBatch };
}

function auditData(entry: AuditEntry, context: WorkContext): AuditRecord {
  const actor = entry.actor ?? context.actor;
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
