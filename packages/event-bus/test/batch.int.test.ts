import { AckPolicy, type JsMsg } from '@nats-io/jetstream';
import { createEvent } from '@plh/contracts';
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

  it('one failing handler undoes nothing of the others; a duplicate inside the batch runs once', async () => {
    const stream = await ensureServiceStream(nats.jsm, h.ns, 'testsvc');
    await ensureDeadLetterStream(nats.jsm, h.ns);
    await nats.jsm.consumers.add(stream, { durable_name: 'batch', ack_policy: AckPolicy.Explicit });
    const events = ['a', 'poison', 'b'].map((noteId) =>
      createEvent(NoteCreated, { source: 'testsvc', tenantId: null, data: { noteId, n: 1 } }),
    );
    for (const e of events) await nats.js.publish(h.ns.subject(e.type), JSON.stringify(e), { msgID: e.id });
    await nats.js.publish(h.ns.subject(events[0]!.type), JSON.stringify(events[0]), {
      msgID: `${events[0]!.id}-again`,
    });

    const msgs: JsMsg[] = [];
    const fetched = await (await nats.js.consumers.get(stream, 'batch')).fetch({ max_messages: 4, expires: 5_000 });
    for await (const m of fetched) msgs.push(m);
    expect(msgs).toHaveLength(4);

    let poisonAttempts = 0;
    const ctx: BatchContext<PgExecutor> = {
      stream,
      maxDeliver: 3,
      ackWaitMs: 30_000,
      options: {
        nc: nats.nc,
        js: nats.js,
        ns: h.ns,
        registry,
        db: h.db,
        name: 'batch',
        types: [NoteCreated.type],
        retryDelaysMs: [60_000],
        handler: async (event, tx) => {
          if (event.data.noteId === 'poison') {
            poisonAttempts += 1;
            throw new Error('cannot handle this one');
          }
          await recordEffect(event, tx);
        },
      },
    };
    await handleBatch(ctx, msgs);

    expect(await effectCounts(h)).toEqual({ rows: 2, distinct: 2 });
    // Tried in the batch, then alone after the batch rolled back; now waiting for its redelivery.
    expect(poisonAttempts).toBe(2);
    const inbox = await h.db.$queryRawUnsafe<{ event_id: string }[]>('SELECT event_id::text FROM inbox ORDER BY 1');
    expect(inbox.map((r) => r.event_id).sort()).toEqual([events[0]!.id, events[2]!.id].sort());
    const info = await nats.jsm.consumers.info(stream, 'batch');
    expect(info.num_ack_pending).toBe(1);
  });
});
