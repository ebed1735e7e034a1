import { eventually, testNatsUrl } from '@plh/test-kit';
import type { NatsClients } from '../src';
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
 * Where a new durable consumer starts: `all` (the default) handles what the stream already holds;
 * `new` only what is published after it was created, and once created it resumes where it left off
 * like any other (events published while it was stopped are not skipped).
 */
describe('consumer start position', () => {
  let h: Harness;
  let nats: NatsClients;

  beforeEach(async () => {
    h = await createHarness();
    nats = await connectNats(testNatsUrl(), 'event-bus-start-with');
  });
  afterEach(async () => {
    await nats.nc.close();
    await h.close();
  });

  const published = async (count: number) => {
    const relay = await startRelay(h, nats);
    for (let i = 0; i < count; i++) await createNote(h, i);
    await relay.stop();
  };

  it("'new' skips what the stream held before the consumer existed, then resumes after a restart", async () => {
    await published(2); // before the consumer exists
    let consumer = await startEffectConsumer(h, nats, { startWith: 'new' });
    await published(1);
    await eventually(async () => expect(await effectCounts(h)).toEqual({ rows: 1, distinct: 1 }));
    await consumer.stop();
    await published(2); // while it is stopped
    consumer = await startEffectConsumer(h, nats, { startWith: 'new' });
    await eventually(async () => expect(await effectCounts(h)).toEqual({ rows: 3, distinct: 3 }));
    await consumer.stop();
  });

  it("'all' (the default) handles what the stream already held", async () => {
    await published(2);
    const consumer = await startEffectConsumer(h, nats);
    await eventually(async () => expect(await effectCounts(h)).toEqual({ rows: 2, distinct: 2 }));
    await consumer.stop();
  });
});
