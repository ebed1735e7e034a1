import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Type } from '@sinclair/typebox';
import { createEvent, defineEvent, EventRegistry } from '@plh/contracts';
import { PgDatabase, setupServiceDatabase, type PgExecutor, type SqlExecutor } from '@plh/db';
import { createTestDatabase, migrationsFolder, type TestDatabase } from '@plh/test-kit';
import {
  connectNats,
  enqueueEvent,
  Namespace,
  OutboxRelay,
  startConsumer,
  type ConsumerOptions,
  type NatsClients,
} from '../src';

export const NoteCreated = defineEvent(
  'plh.testsvc.note.created',
  Type.Object({ noteId: Type.String(), n: Type.Integer() }, { additionalProperties: false }),
  'A note was created (test event)',
);
export const registry = new EventRegistry([NoteCreated]);
export const SCHEMA = 'svc';

/** The event-bus tables exactly as services get them, plus a business table and an effects table. */
function migrations(): string {
  return migrationsFolder({
    '20260101000000_event_bus': readFileSync(path.join(__dirname, '../sql/event-bus.sql'), 'utf8'),
    '20260101000001_test_tables': `CREATE TABLE note (id text PRIMARY KEY, n int NOT NULL);
       CREATE TABLE effect (event_id uuid NOT NULL, note_id text NOT NULL, tenant_seen text,
         handled_at timestamptz NOT NULL DEFAULT now());`,
  });
}

export interface Harness {
  testDb: TestDatabase;
  appUrl: string;
  db: PgDatabase;
  ns: Namespace;
  close(): Promise<void>;
}

export async function createHarness(): Promise<Harness> {
  const testDb = await createTestDatabase();
  const { appUrl } = await setupServiceDatabase(testDb.adminUrl, SCHEMA, migrations(), {
    migratorPassword: 'bus-migrator',
    appPassword: 'bus-app',
  });
  const db = new PgDatabase({ connectionString: appUrl, max: 5 });
  return {
    testDb,
    appUrl,
    db,
    ns: new Namespace(`t${randomBytes(4).toString('hex')}`),
    close: async () => {
      await db.end();
      await testDb.drop();
    },
  };
}

/** The unit of work a service would run: a state change and its event in one transaction. */
export async function createNote(h: Harness, n: number, fail?: 'after-enqueue'): Promise<string> {
  const noteId = randomUUID();
  await h.db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`INSERT INTO ${SCHEMA}.note (id, n) VALUES ($1, $2)`, noteId, n);
    await enqueueEvent(
      tx,
      registry,
      createEvent(NoteCreated, { source: 'testsvc', tenantId: null, data: { noteId, n } }),
    );
    if (fail) throw new Error('business rule failed after the event was enqueued');
  });
  return noteId;
}

/** A handler with a visible, non-idempotent side effect: one `effect` row per run. */
export async function recordEffect(
  event: { id: string; data: Record<string, unknown> },
  tx: SqlExecutor,
): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO ${SCHEMA}.effect (event_id, note_id, tenant_seen)
     VALUES ($1::uuid, $2, current_setting('app.tenant_id', true))`,
    event.id,
    event.data.noteId,
  );
}

export async function effectCounts(h: Harness): Promise<{ rows: number; distinct: number }> {
  const [row] = await h.db.$queryRawUnsafe<{ rows: number; distinct: number }[]>(
    `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS distinct FROM ${SCHEMA}.effect`,
  );
  return row ?? { rows: 0, distinct: 0 };
}

export async function unsentCount(h: Harness): Promise<number> {
  const [row] = await h.db.$queryRawUnsafe<{ c: number }[]>(
    `SELECT count(*)::int AS c FROM ${SCHEMA}.outbox WHERE sent_at IS NULL`,
  );
  return row?.c ?? 0;
}

export function startRelay(
  h: Harness,
  nats: NatsClients,
  extra: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {},
) {
  const relay = new OutboxRelay({
    connectionString: h.appUrl,
    schema: SCHEMA,
    service: 'testsvc',
    js: nats.js,
    jsm: nats.jsm,
    ns: h.ns,
    pollIntervalMs: 200,
    ...extra,
  });
  return relay.start().then(() => relay);
}

export function startEffectConsumer(h: Harness, nats: NatsClients, extra: Partial<ConsumerOptions<PgExecutor>> = {}) {
  return startConsumer<PgExecutor>({
    nc: nats.nc,
    js: nats.js,
    ns: h.ns,
    registry,
    db: h.db,
    name: 'effects',
    types: [NoteCreated.type],
    handler: recordEffect,
    retryDelaysMs: [20],
    ...extra,
  });
}

export { connectNats };
