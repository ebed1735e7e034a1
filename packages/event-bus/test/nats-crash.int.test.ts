import { startNatsServer, eventually, type NatsServerHandle } from '@plh/test-kit';
import type { NatsClients, OutboxRelay, RunningConsumer } from '../src';
import {
  connectNats,
  createHarness,
  createNote,
  effectCounts,
  startEffectConsumer,
  startRelay,
  unsentCount,
  type Harness,
} from './harness';

/**
 * nats-server runs with `sync_interval: always`, so JetStream fsyncs before it acknowledges. These
 * tests kill it with SIGKILL (no shutdown, no flush) and check that nothing it acknowledged is gone.
 */
describe('NATS killed with SIGKILL and restarted', () => {
  let server: NatsServerHandle;
  let h: Harness;
  let nats: NatsClients;

  beforeEach(async () => {
    server = await startNatsServer();
    h = await createHarness();
    nats = await connectNats(server.url, 'crash-test');
  });
  afterEach(async () => {
    await nats.nc.close();
    await server.stop();
    await h.close();
  });

  it('runs with fsync before every acknowledgement (sync_interval: always)', async () => {
    const varz = (await (await fetch(`${server.monitorUrl}/varz`)).json()) as {
      jetstream: { config: { sync_always?: boolean } };
    };
    expect(varz.jetstream.config.sync_always).toBe(true);
  });

  it('keeps every message it acknowledged', async () => {
    const stream = h.ns.stream('testsvc');
    await nats.jsm.streams.add({ name: stream.name, subjects: stream.subjects });
    const acked: number[] = [];
    for (let i = 0; i < 500; i++) {
      const ack = await nats.js.publish(h.ns.subject('plh.testsvc.note.created'), `m${i}`, { msgID: `m${i}` });
      acked.push(ack.seq);
    }
    await server.kill('SIGKILL');
    await server.restart();
    const info = await eventually(() => nats.jsm.streams.info(stream.name), { timeoutMs: 20_000 });
    expect(info.state.messages).toBe(acked.length);
    expect(info.state.last_seq).toBe(acked[acked.length - 1]);
  });

  it('loses no committed event: the outbox holds them while NATS is down and the consumer handles each once', async () => {
    const running: Array<OutboxRelay | RunningConsumer> = [
      await startEffectConsumer(h, nats),
      await startRelay(h, nats),
    ];
    try {
      const total = 300;
      const crashAt = 100;
      for (let i = 0; i < total; i++) {
        if (i === crashAt) {
          await eventually(async () => expect((await effectCounts(h)).rows).toBeGreaterThan(0));
          await server.kill('SIGKILL');
        }
        if (i === crashAt + 100) await server.restart();
        await createNote(h, i); // commits go on while NATS is down
      }
      await eventually(async () => expect(await unsentCount(h)).toBe(0), { timeoutMs: 45_000 });
      await eventually(async () => expect(await effectCounts(h)).toEqual({ rows: total, distinct: total }), {
        timeoutMs: 45_000,
      });
    } finally {
      await Promise.all(running.map((r) => r.stop()));
    }
  });
});
