import { spawn } from 'node:child_process';
import path from 'node:path';
import { eventually, testNatsUrl } from '@plh/test-kit';
import { InvalidEventError, createEvent } from '@plh/contracts';
import { enqueueEvent, enqueueEvents, type NatsClients, type OutboxRelay, type RunningConsumer } from '../src';
import {
  connectNats,
  createHarness,
  createNote,
  effectCounts,
  NoteCreated,
  registry,
  SCHEMA,
  startEffectConsumer,
  startRelay,
  unsentCount,
  type Harness,
} from './harness';

describe('transactional outbox -> JetStream -> idempotent consumer', () => {
  let h: Harness;
  let nats: NatsClients;
  const running: Array<OutboxRelay | RunningConsumer> = [];

  beforeEach(async () => {
    h = await createHarness();
    nats = await connectNats(testNatsUrl(), 'event-bus-test');
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
    await nats.nc.close();
    await h.close();
  });

  it('(1) commits the state change and its event together, or neither', async () => {
    running.push(await startEffectConsumer(h, nats), await startRelay(h, nats));
    await expect(createNote(h, 1, 'after-enqueue')).rejects.toThrow(/business rule/);
    const committed = await createNote(h, 2);

    await eventually(async () => expect(await effectCounts(h)).toEqual({ rows: 1, distinct: 1 }));
    const notes = await h.db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM ${SCHEMA}.note`);
    expect(notes).toEqual([{ id: committed }]);
    const outbox = await h.db.$queryRawUnsafe<{ c: number }[]>(`SELECT count(*)::int AS c FROM ${SCHEMA}.outbox`);
    expect(outbox[0]?.c).toBe(1);
    const info = await nats.jsm.streams.info(h.ns.stream('testsvc').name);
    expect(info.state.messages).toBe(1);
  });

  it('(1c) writes many events in one statement, in order, and refuses the lot for one broken event', async () => {
    const events = [1, 2, 3].map((n) =>
      createEvent(NoteCreated, { source: 'testsvc', tenantId: crypto.randomUUID(), data: { noteId: `n${n}`, n } }),
    );
    await h.db.$transaction((tx) => enqueueEvents(tx, registry, events));
    const rows = await h.db.$queryRawUnsafe<Array<{ id: string; tenant_id: string; subject: string }>>(
      `SELECT id::text, tenant_id, subject FROM ${SCHEMA}.outbox ORDER BY seq`,
    );
    expect(rows).toEqual(events.map((e) => ({ id: e.id, tenant_id: e.tenantId, subject: NoteCreated.type })));
    const broken = { ...events[0]!, id: crypto.randomUUID(), data: { ...events[0]!.data, patientName: 'Jane Doe' } };
    await expect(h.db.$transaction((tx) => enqueueEvents(tx, registry, [events[1]!, broken]))).rejects.toBeInstanceOf(
      InvalidEventError,
    );
    expect(await unsentCount(h)).toBe(3);
  });

  it('(1b) an event that breaks its contract fails the transaction instead of being published', async () => {
    const bad = { ...createEvent(NoteCreated, { source: 'testsvc', tenantId: null, data: { noteId: 'x', n: 1 } }) };
    const withPhi = { ...bad, data: { ...bad.data, patientName: 'Jane Doe' } };
    await expect(
      h.db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO ${SCHEMA}.note (id, n) VALUES ('x', 1)`);
        await enqueueEvent(tx, registry, withPhi);
      }),
    ).rejects.toBeInstanceOf(InvalidEventError);
    const notes = await h.db.$queryRawUnsafe<{ c: number }[]>(`SELECT count(*)::int AS c FROM ${SCHEMA}.note`);
    expect(notes[0]?.c).toBe(0);
  });

  it('(2) a relay killed (SIGKILL) after publishing but before marking sent: the consumer still handles it once', async () => {
    await createNote(h, 1);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'fixtures/relay-killed-after-publish.ts')],
      {
        env: {
          ...process.env,
          RELAY_DB_URL: h.appUrl,
          RELAY_NATS_URL: testNatsUrl(),
          RELAY_NS: h.ns.prefix,
          RELAY_SCHEMA: SCHEMA,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    expect({ ...exit, stderr }).toEqual({ code: null, signal: 'SIGKILL', stderr: '' });

    // Published, yet still unsent in the outbox: exactly the window a crash leaves behind.
    const streamName = h.ns.stream('testsvc').name;
    expect((await nats.jsm.streams.info(streamName)).state.messages).toBe(1);
    expect(await unsentCount(h)).toBe(1);

    running.push(await startRelay(h, nats), await startEffectConsumer(h, nats));
    await eventually(async () => expect(await unsentCount(h)).toBe(0));
    await eventually(async () => expect(await effectCounts(h)).toEqual({ rows: 1, distinct: 1 }));
    // The republish carried the same Nats-Msg-Id, so JetStream kept one copy.
    expect((await nats.jsm.streams.info(streamName)).state.messages).toBe(1);
  });

  it('(3) the same event delivered twice has its effects once', async () => {
    running.push(await startEffectConsumer(h, nats));
    const event = createEvent(NoteCreated, { source: 'testsvc', tenantId: null, data: { noteId: 'n-dup', n: 1 } });
    const subject = h.ns.subject(event.type);
    // Different msgIDs defeat JetStream de-duplication (as a republish after the window would):
    // both copies are stored and delivered; only the inbox stands between them and a double effect.
    await nats.js.publish(subject, JSON.stringify(event), { msgID: `${event.id}-a` });
    await nats.js.publish(subject, JSON.stringify(event), { msgID: `${event.id}-b` });
    const marker = createEvent(NoteCreated, { source: 'testsvc', tenantId: null, data: { noteId: 'n-after', n: 2 } });
    await nats.js.publish(subject, JSON.stringify(marker), { msgID: marker.id });

    await eventually(async () => expect(await effectCounts(h)).toEqual({ rows: 2, distinct: 2 }));
    await eventually(async () => {
      const consumerInfo = await nats.jsm.consumers.info(h.ns.stream('testsvc').name, 'effects');
      expect(consumerInfo.num_ack_pending).toBe(0);
      expect(consumerInfo.delivered.stream_seq).toBe(3);
    });
    const inbox = await h.db.$queryRawUnsafe<{ c: number }[]>(`SELECT count(*)::int AS c FROM ${SCHEMA}.inbox`);
    expect(inbox[0]?.c).toBe(2);
  });
});
