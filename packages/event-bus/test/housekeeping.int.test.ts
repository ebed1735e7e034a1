import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { eventually, testNatsUrl } from '@plh/test-kit';
import { pruneEventTables, type NatsClients, type OutboxRelay } from '../src';
import { connectNats, createHarness, createNote, SCHEMA, startRelay, unsentCount, type Harness } from './harness';

describe('event-table housekeeping', () => {
  let h: Harness;
  let nats: NatsClients;
  let relay: OutboxRelay | undefined;

  beforeEach(async () => {
    h = await createHarness();
    nats = await connectNats(testNatsUrl(), 'event-bus-housekeeping');
  });
  afterEach(async () => {
    await relay?.stop();
    await nats.nc.close();
    await h.close();
  });

  const count = async (table: string) =>
    (await h.db.$queryRawUnsafe<{ c: number }[]>(`SELECT count(*)::int AS c FROM ${SCHEMA}.${table}`))[0]!.c;
  const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600_000).toISOString();

  /** Two published rows a week old and more, one published yesterday, one old row never published. */
  async function seed(): Promise<void> {
    for (let n = 1; n <= 3; n++) await createNote(h, n);
    const first = await startRelay(h, nats);
    await eventually(async () => expect(await unsentCount(h)).toBe(0));
    await first.stop();
    await h.db.$executeRawUnsafe(
      `UPDATE ${SCHEMA}.outbox SET sent_at = $1::timestamptz WHERE seq IN (SELECT seq FROM ${SCHEMA}.outbox ORDER BY seq LIMIT 2)`,
      daysAgo(8),
    );
    await h.db.$executeRawUnsafe(
      `UPDATE ${SCHEMA}.outbox SET sent_at = $1::timestamptz WHERE sent_at > $2::timestamptz`,
      daysAgo(1),
      daysAgo(2),
    );
    await createNote(h, 4);
    await h.db.$executeRawUnsafe(
      `UPDATE ${SCHEMA}.outbox SET created_at = $1::timestamptz WHERE sent_at IS NULL`,
      daysAgo(40),
    );
    for (const [consumer, age] of [
      ['old-consumer', 31],
      ['recent-consumer', 29],
    ] as const)
      await h.db.$executeRawUnsafe(
        `INSERT INTO ${SCHEMA}.inbox (consumer, event_id, event_type, processed_at) VALUES ($1, $2::uuid, 'x', $3::timestamptz)`,
        consumer,
        randomUUID(),
        daysAgo(age),
      );
  }

  it('deletes published outbox rows past a week and inbox rows past 30 days, as the app role', async () => {
    await seed();
    const pool = new Pool({ connectionString: h.appUrl, max: 1 });
    try {
      expect(await pruneEventTables(pool, SCHEMA)).toEqual({ outbox: 2, inbox: 1 });
      expect(await pruneEventTables(pool, SCHEMA)).toEqual({ outbox: 0, inbox: 0 });
    } finally {
      await pool.end();
    }
    expect(await count('outbox')).toBe(2); // yesterday's, and the unsent one however old
    expect(await unsentCount(h)).toBe(1);
    const inbox = await h.db.$queryRawUnsafe<{ consumer: string }[]>(`SELECT consumer FROM ${SCHEMA}.inbox`);
    expect(inbox).toEqual([{ consumer: 'recent-consumer' }]);
  });

  it('is run by the relay, which also publishes the old unsent row', async () => {
    await seed();
    relay = await startRelay(h, nats);
    await eventually(async () => {
      expect(await unsentCount(h)).toBe(0);
      expect(await count('outbox')).toBe(2);
      expect(await count('inbox')).toBe(1);
    });
  });
});
