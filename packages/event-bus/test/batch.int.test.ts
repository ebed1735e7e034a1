import { AckPolicy, DeliverPolicy, type JsMsg } from '@nats-io/jetstream';
import { createEvent, type EventEnvelope } from '@plh/contracts';
import type { PgExecutor } from '@plh/db';
import { testNatsUrl } from '@plh/test-kit';
import { ensureDeadLetterStream, ensureServiceStream, type NatsClients } from '../src';
import { handleBatch, type BatchContext } from '../src/handle-batch';
import { connectNats, createHarness, effectCounts, NoteCreated, recordEffect, registry, type Harness } from './harness';

describe('a batch of messages handled in one transaction', () => {
  let h: Harness;
  let nats: NatsClients;
  beforeAll(async () => {
    h = await createHarness();
    nats = await connectNats(testNatsUrl(), 'batch-test');
  });
  afterAll(async () => {
    await nats.nc.close();
    await h.close();
  });

  /** Publishes the events and fetches them back as one batch of real JetStream messages. */
  async function fetchBatch(consumer: string, events: EventEnvelope[], duplicateFirst = false): Promise<JsMsg[]> {
    const stream = await ensureServiceStream(nats.jsm, h.ns, 'testsvc');
    await ensureDeadLetterStream(nats.jsm, h.ns);
    // Starts after what earlier tests published, so the batch holds exactly these events.
    await nats.jsm.consumers.add(stream, {
      durable_name: consumer,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
    });
    for (const e of events) await nats.js.publish(h.ns.subject(e.type), JSON.stringify(e), { msgID: e.id });
    if (duplicateFirst) {
      const [first] = events as [EventEnvelope];
      await nats.js.publish(h.ns.subject(first.type), JSON.stringify(first), { msgID: `${first.id}-again` });
    }
    const expected = events.length + (duplicateFirst ? 1 : 0);
    const msgs: JsMsg[] = [];
    const source = await nats.js.consumers.get(stream, consumer);
    for await (const m of await source.fetch({ max_messages: expected, expires: 5_000 })) msgs.push(m);
    expect(msgs).toHaveLength(expected);
    return msgs;
  }

  function context(name: string, handler: BatchContext<PgExecutor>['options']['handler']): BatchContext<PgExecutor> {
    return {
      stream: h.ns.stream('testsvc').name,
      maxDeliver: 3,
      ackWaitMs: 30_000,
      options: {
        nc: nats.nc,
        js: nats.js,
        ns: h.ns,
        registry,
        db: h.db,
        name,
        types: [NoteCreated.type],
        retryDelaysMs: [60_000],
        handler,
      },
    };
  }

  const note = (noteId: string, tenantId: string | null = null) =>
    createEvent(NoteCreated, { source: 'testsvc', tenantId, data: { noteId, n: 1 } });

  it('one failing handler undoes nothing of the others; a duplicate inside the batch runs once', async () => {
    const events = [note('a'), note('poison'), note('b')];
    const msgs = await fetchBatch('batch', events, true);
    let poisonAttempts = 0;
    await handleBatch(
      context('batch', async (event, tx) => {
        if (event.data.noteId === 'poison') {
          poisonAttempts += 1;
          throw new Error('cannot handle this one');
        }
        await recordEffect(event, tx);
      }),
      msgs,
    );

    expect(await effectCounts(h)).toEqual({ rows: 2, distinct: 2 });
    // Tried in the batch, then alone after the batch rolled back; now waiting for its redelivery.
    expect(poisonAttempts).toBe(2);
    const inbox = await h.db.$queryRawUnsafe<{ event_id: string }[]>('SELECT event_id::text FROM inbox ORDER BY 1');
    expect(inbox.map((r) => r.event_id).sort()).toEqual([events[0]!.id, events[2]!.id].sort());
    const info = await nats.jsm.consumers.info(h.ns.stream('testsvc').name, 'batch');
    expect(info.num_ack_pending).toBe(1);
  });

  it("runs each handler as its own event's tenant, even when events of several tenants share a batch", async () => {
    const events = [note('t-a', 'tenant-a'), note('t-b', 'tenant-b'), note('t-none', null)];
    const msgs = await fetchBatch('tenants', events);
    await handleBatch(context('tenants', recordEffect), msgs);
    const rows = await h.db.$queryRawUnsafe<{ note_id: string; tenant_seen: string }[]>(
      "SELECT note_id, tenant_seen FROM effect WHERE note_id LIKE 't-%' ORDER BY note_id",
    );
    expect(rows).toEqual([
      { note_id: 't-a', tenant_seen: 'tenant-a' },
      { note_id: 't-b', tenant_seen: 'tenant-b' },
      { note_id: 't-none', tenant_seen: '' },
    ]);
  });

  it('a handler that swallows an SQL error does not get its message acked as if it had committed', async () => {
    const [event] = [note('swallow')];
    const msgs = await fetchBatch('swallow', [event!]);
    await handleBatch(
      context('swallow', async (e, tx) => {
        await recordEffect(e, tx);
        await tx.$queryRawUnsafe('SELECT 1 / 0').catch(() => undefined); // aborts the transaction
      }),
      msgs,
    );
    const rows = await h.db.$queryRawUnsafe<{ c: number }[]>(
      "SELECT count(*)::int AS c FROM effect WHERE note_id = 'swallow'",
    );
    expect(rows[0]?.c).toBe(0);
    const info = await nats.jsm.consumers.info(h.ns.stream('testsvc').name, 'swallow');
    expect(info.num_ack_pending).toBe(1); // nak'ed for a retry, not acked
  });
});
