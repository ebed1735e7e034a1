import type { EventEnvelope, EventRegistry } from '@plh/contracts';
import { InvalidEventError } from '@plh/contracts';
import type { SqlExecutor } from '@plh/db';

/**
 * Writes `event` to the outbox of the caller's transaction. Validated here, on "publish": an event
 * that breaks its contract fails the business transaction instead of reaching consumers.
 * The relay publishes it after commit; on rollback it never existed.
 */
export async function enqueueEvent(tx: SqlExecutor, registry: EventRegistry, event: EventEnvelope): Promise<void> {
  const result = registry.validate(event);
  if (!result.ok) throw new InvalidEventError(event.type, result.errors);
  await tx.$executeRawUnsafe(
    'INSERT INTO outbox (id, subject, tenant_id, payload) VALUES ($1::uuid, $2, $3, $4::jsonb)',
    event.id,
    event.type,
    event.tenantId,
    JSON.stringify(event),
  );
}

/**
 * Writes many events to the outbox in one statement (a batch job's, at its end): each validated as
 * enqueueEvent validates it, all in the caller's transaction, in the order given.
 */
export async function enqueueEvents(
  tx: SqlExecutor,
  registry: EventRegistry,
  events: readonly EventEnvelope[],
): Promise<void> {
  if (events.length === 0) return;
  for (const event of events) {
    const result = registry.validate(event);
    if (!result.ok) throw new InvalidEventError(event.type, result.errors);
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO outbox (id, subject, tenant_id, payload)
     SELECT (e->>'id')::uuid, e->>'type', e->>'tenantId', e
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n`,
    JSON.stringify(events),
  );
}

/** The outbox bound to a registry, as domain code receives it in its unit of work. */
export interface Outbox {
  enqueue(event: EventEnvelope): Promise<void>;
}

export function outboxFor(tx: SqlExecutor, registry: EventRegistry): Outbox {
  return { enqueue: (event) => enqueueEvent(tx, registry, event) };
}
