import { createEvent } from '@plh/contracts';
import { eventually, testNatsUrl } from '@plh/test-kit';
import {
  ensureDeadLetterStream,
  getDeadLetter,
  listDeadLetters,
  retryDeadLetter,
  type NatsClients,
  type RunningConsumer,
} from '../src';
import {
  connectNats,
  createHarness,
  effectCounts,
  NoteCreated,
  recordEffect,
  startEffectConsumer,
  type Harness,
} from './harness';

describe('poison messages', () => {
  let h: Harness;
  let nats: NatsClients;
  let consumer: RunningConsumer;
  let attempts = 0;
  /** The bug behind the poison message, fixed in the last test. */
  let fixed = false;

  beforeAll(async () => {
    h = await createHarness();
    nats = await connectNats(testNatsUrl(), 'dlq-test');
    consumer = await startEffectConsumer(h, nats, {
      maxDeliver: 3,
      retryDelaysMs: [10, 20],
      handler: async (event, tx) => {
        if (event.data.noteId === 'poison' && !fixed) {
          attempts += 1;
          throw new Error('renderer exploded on this record');
        }
        await recordEffect(event, tx);
      },
    });
  });
  afterAll(async () => {
    await consumer.stop();
    await nats.nc.close();
    await h.close();
  });

  const publish = async (noteId: string) => {
    const event = createEvent(NoteCreated, { source: 'testsvc', tenantId: null, data: { noteId, n: 1 } });
    await nats.js.publish(h.ns.subject(event.type), JSON.stringify(event), { msgID: event.id });
    return event;
  };

  it('an empty dead-letter stream lists nothing', async () => {
    await ensureDeadLetterStream(nats.jsm, h.ns);
    expect(await listDeadLetters(nats.jsm, h.ns)).toEqual([]);
    expect(await getDeadLetter(nats.jsm, h.ns, 1)).toBeNull();
  });

  it('a handler that always throws: dead-lettered after N tries with its error, and the stream keeps flowing', async () => {
    const poison = await publish('poison');
    await publish('fine-1');
    await publish('fine-2');

    await eventually(async () => expect(await effectCounts(h)).toEqual({ rows: 2, distinct: 2 }));
    const letters = await eventually(async () => {
      const found = await listDeadLetters(nats.jsm, h.ns, { consumer: 'effects' });
      expect(found).toHaveLength(1);
      return found;
    });
    expect(letters[0]).toMatchObject({
      consumer: 'effects',
      reason: 'handler_failed',
      deliveries: 3,
      eventId: poison.id,
      eventType: NoteCreated.type,
      error: 'renderer exploded on this record',
    });
    expect(attempts).toBe(3);
    // Terminated, not pending: the consumer does not keep retrying it.
    const info = await nats.jsm.consumers.info(h.ns.stream('testsvc').name, 'effects');
    expect(info.num_ack_pending).toBe(0);
    // Failed attempts left nothing behind: no inbox row, so a replay after a fix would run it.
    const inbox = await h.db.$queryRawUnsafe<{ c: number }[]>(
      `SELECT count(*)::int AS c FROM inbox WHERE event_id = $1::uuid`,
      poison.id,
    );
    expect(inbox[0]?.c).toBe(0);
  });

  it('a dead letter retried after the fix is handled once, and leaves the dead-letter stream', async () => {
    fixed = true;
    const [letter] = await listDeadLetters(nats.jsm, h.ns, { consumer: 'effects' });
    expect(letter).toMatchObject({ reason: 'handler_failed', sequence: expect.any(Number) });
    expect(await retryDeadLetter(nats.js, nats.jsm, h.ns, letter!.sequence)).toMatchObject({
      eventId: letter!.eventId,
    });
    await eventually(async () => expect(await effectCounts(h)).toEqual({ rows: 3, distinct: 3 }));
    expect(await listDeadLetters(nats.jsm, h.ns, { consumer: 'effects' })).toEqual([]);
    // Retried already: nothing to retry, nothing published again.
    expect(await retryDeadLetter(nats.js, nats.jsm, h.ns, letter!.sequence)).toBeNull();
    fixed = false;
  });

  it('a message that breaks its contract is dead-lettered at once, without running the handler', async () => {
    const before = attempts;
    await nats.js.publish(h.ns.subject(NoteCreated.type), JSON.stringify({ hello: 'not an envelope' }));
    const letters = await eventually(async () => {
      const found = (await listDeadLetters(nats.jsm, h.ns)).filter((l) => l.reason === 'invalid_event');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(letters[0]).toMatchObject({ deliveries: 1, eventId: null, eventType: NoteCreated.type });
    expect(letters[0]?.error).toMatch(/\/id/);
    expect(attempts).toBe(before);
  });
});
