import { eventually, testNatsUrl } from '@plh/test-kit';
import type { NatsClients, RunningConsumer } from '../src';
import {
  connectNats,
  createHarness,
  createNote,
  effectCounts,
  startEffectConsumer,
  startRelay,
  type Harness,
} from './harness';

/**
 * A durable consumer deleted under a running service (an operator's `nats consumer rm`, a lost NATS
 * node): the service recreates it from its last acknowledged position. Events published while it was
 * gone are handled, and events it sees a second time are dropped by the inbox: every effect once.
 */
describe('a durable consumer that disappears', () => {
  let h: Harness;
  let nats: NatsClients;
  let consumer: RunningConsumer | undefined;

  beforeEach(async () => {
    h = await createHarness();
    nats = await connectNats(testNatsUrl(), 'event-bus-consumer-recovery');
  });
  afterEach(async () => {
    await consumer?.stop();
    await nats.nc.close();
    await h.close();
  });

  /** As `nats consumer rm` does; nats-server 2.10 may fail removing a store it is writing to, so again if so. */
  const deleteConsumer = async () => {
    const stream = h.ns.stream('testsvc').name;
    await eventually(async () => expect(await nats.jsm.consumers.delete(stream, 'effects')).toBe(true), {
      timeoutMs: 5_000,
      intervalMs: 100,
    });
  };

  const recreatedInfo = () => nats.jsm.consumers.info(h.ns.stream('testsvc').name, 'effects');

  it.each(['all', 'new'] as const)(
    "is recreated where it was ('%s'): what was published meanwhile is handled, nothing twice",
    async (startWith) => {
      const relay = await startRelay(h, nats);
      consumer = await startEffectConsumer(h, nats, { startWith });
      for (let i = 0; i < 3; i++) await createNote(h, i);
      await eventually(async () => expect(await effectCounts(h)).toEqual({ rows: 3, distinct: 3 }));
      // The ack floor as the metrics scrape (or the position poll) reads it.
      await eventually(async () => expect((await consumer!.lag()).ackPending).toBe(0));
      await consumer.lag();
      await deleteConsumer();
      for (let i = 3; i < 6; i++) await createNote(h, i);
      await eventually(async () => expect(await effectCounts(h)).toEqual({ rows: 6, distinct: 6 }), {
        timeoutMs: 20_000,
      });
      // Recreated just after the floor: it delivered the three new events, none of the handled ones.
      expect((await recreatedInfo()).delivered.consumer_seq).toBe(3);
      await relay.stop();
    },
  );

  it('with no position read yet, an `all` consumer starts over and the inbox drops every repeat', async () => {
    const relay = await startRelay(h, nats);
    consumer = await startEffectConsumer(h, nats);
    for (let i = 0; i < 4; i++) await createNote(h, i);
    await eventually(async () => expect(await effectCounts(h)).toEqual({ rows: 4, distinct: 4 }));
    await deleteConsumer(); // its known floor is still the one at creation: 0
    await createNote(h, 4);
    await eventually(async () => expect(await effectCounts(h)).toEqual({ rows: 5, distinct: 5 }), {
      timeoutMs: 20_000,
    });
    // The recreated consumer started over: all five were delivered to it, and each ran once.
    await eventually(async () => expect((await recreatedInfo()).ack_floor.consumer_seq).toBe(5));
    await relay.stop();
  });
});
