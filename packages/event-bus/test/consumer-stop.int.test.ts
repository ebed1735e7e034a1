import { eventually, testNatsUrl } from '@plh/test-kit';
import type { NatsClients } from '../src';
import { connectNats, createHarness, startEffectConsumer, type Harness } from './harness';

/**
 * A service stopped right after it started (a failed deploy, a test) must not hang in shutdown:
 * its consumer had subscribed but no message had arrived, so no iteration was running to end.
 */
describe('consumer stop', () => {
  let h: Harness;
  let nats: NatsClients;

  beforeEach(async () => {
    h = await createHarness();
    nats = await connectNats(testNatsUrl(), 'event-bus-stop');
  });
  afterEach(async () => {
    await nats.nc.close();
    await h.close();
  });

  it('returns when stopped before any message arrived', async () => {
    const consumer = await startEffectConsumer(h, nats);
    await expect(consumer.stop()).resolves.toBeUndefined();
  });

  it('returns when stopped while idle after subscribing', async () => {
    const consumer = await startEffectConsumer(h, nats);
    // The pull loop has subscribed: the server holds its pull request, waiting for messages (none come).
    await eventually(async () =>
      expect((await nats.jsm.consumers.info(h.ns.stream('testsvc').name, 'effects')).num_waiting).toBeGreaterThan(0),
    );
    await expect(consumer.stop()).resolves.toBeUndefined();
  });
});
