import { testNatsUrl, eventually } from '@plh/test-kit';
import type { NatsClients, OutboxRelay } from '../src';
import { connectNats, createHarness, createNote, startRelay, unsentCount, type Harness } from './harness';

describe('several outbox relays at once', () => {
  let h: Harness;
  let nats: NatsClients;
  beforeAll(async () => {
    h = await createHarness();
    nats = await connectNats(testNatsUrl(), 'relays-test');
  });
  afterAll(async () => {
    await nats.nc.close();
    await h.close();
  });

  it('share the work without publishing any row twice (FOR UPDATE SKIP LOCKED)', async () => {
    const published: string[] = [];
    const relays: OutboxRelay[] = [];
    for (let i = 0; i < 3; i++) {
      relays.push(await startRelay(h, nats, { batchSize: 10, onPublished: (ids) => void published.push(...ids) }));
    }
    await Promise.all(Array.from({ length: 200 }, (_, i) => createNote(h, i)));
    await eventually(async () => expect(await unsentCount(h)).toBe(0), { timeoutMs: 20_000 });
    await Promise.all(relays.map((r) => r.stop()));

    expect(published).toHaveLength(200);
    expect(new Set(published).size).toBe(200);
    const info = await nats.jsm.streams.info(h.ns.stream('testsvc').name);
    expect(info.state.messages).toBe(200);
  });

  it('is woken by NOTIFY at commit rather than waiting for its poll', async () => {
    const relay = await startRelay(h, nats, { pollIntervalMs: 60_000 });
    try {
      await createNote(h, 1);
      // With a one-minute poll, only the LISTEN/NOTIFY wake-up can publish it inside this deadline.
      await eventually(async () => expect(await unsentCount(h)).toBe(0), { timeoutMs: 5_000 });
    } finally {
      await relay.stop();
    }
  });
});
