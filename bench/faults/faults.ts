import type { PlatformControl, PlatformService } from '@plh/test-kit';
import type { PlatformState } from './invariants';

/** What a fault may touch: the platform's processes and servers, and its records. */
export interface FaultContext {
  control: PlatformControl;
  state: PlatformState;
  log: (msg: string) => void;
}

export interface Fault {
  name: string;
  /**
   * Requests must not fail while it happens (a rolling restart: the seed's 99.9% made testable).
   * Other faults may fail requests; the clients retry, and what was accepted must be there once.
   */
  noFailedRequests?: boolean;
  /** PostgreSQL is unreachable meanwhile (a notification sent just before may be sent again, same id). */
  databaseDown?: boolean;
  inject(ctx: FaultContext): Promise<string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The services in the order a rolling restart takes them: the gateway, which everyone reaches, last. */
const ROLL_ORDER: PlatformService[] = ['tenant', 'core', 'proof-engine', 'notification', 'compliance', 'gateway'];

/**
 * Kills core with SIGKILL while one of its request transactions is open in PostgreSQL (seen in
 * pg_stat_activity), then starts it again. The open transaction is rolled back by the server; the
 * client's retry with the same Idempotency-Key either finds it done or does it now.
 */
export const killServiceMidTransaction: Fault = {
  name: 'kill -9 core mid-transaction',
  async inject({ control, state }) {
    const deadline = Date.now() + 30_000;
    let open = 0;
    while (Date.now() < deadline) {
      const [row] = await state.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE usename = 'plh_core_app' AND xact_start IS NOT NULL AND application_name NOT LIKE 'plh-%-relay%'
            AND state IN ('active', 'idle in transaction')`,
      );
      open = row?.n ?? 0;
      if (open > 0) break;
      await sleep(5);
    }
    // Under steady load core has a transaction open every few hundred ms; none in 30 s means no load.
    if (open === 0) throw new Error('no transaction of core was open in 30 s: is the load running?');
    await control.kill('core', 'SIGKILL');
    await control.start('core');
    return `killed with ${open} transaction(s) open`;
  },
};

/**
 * Kills every outbox relay's database sessions (pg_terminate_backend), three times: a relay dies
 * between publishing a batch and marking it sent, its transaction rolls back, and it publishes the rows
 * again (JetStream's duplicate window and the consumers' inbox drop the repeats).
 */
export const killRelays: Fault = {
  name: 'kill the outbox relays (their PostgreSQL sessions)',
  async inject({ state }) {
    let killed = 0;
    for (let i = 0; i < 3; i++) {
      const [row] = await state.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name LIKE 'plh-%-relay%'`,
      );
      killed += row?.n ?? 0;
      await sleep(700);
    }
    return `${killed} relay sessions terminated`;
  },
};

/** Deletes two durable consumers on the NATS server: the proof engine's orders and the notifications' core events. */
export const dropConsumers: Fault = {
  name: 'drop durable consumers',
  async inject({ state }) {
    const dropped: string[] = [];
    for (const c of await state.consumers())
      if (c.name === 'proof-order-events' || c.name === 'notification-core-events') {
        await state.deleteConsumer(c.stream, c.name);
        dropped.push(c.name);
      }
    if (dropped.length !== 2) throw new Error(`expected two consumers to drop, found ${dropped.join(', ') || 'none'}`);
    return `deleted ${dropped.join(' and ')}`;
  },
};

export const restartNats: Fault = {
  name: 'restart NATS JetStream (3 s down)',
  async inject({ control }) {
    await control.restartNats(3_000);
    return 'stopped, 3 s down, started on the same store';
  },
};

export const restartPostgres: Fault = {
  name: 'restart PostgreSQL (3 s down)',
  databaseDown: true,
  async inject({ control }) {
    await control.restartPostgres(3_000);
    return 'fast shutdown, 3 s down, started on the same data';
  },
};

export const rollingRestart: Fault = {
  name: 'rolling restart of every service',
  noFailedRequests: true,
  async inject({ control, log }) {
    for (const service of ROLL_ORDER) {
      const started = Date.now();
      await control.roll(service);
      log(`  rolled ${service} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    return `${ROLL_ORDER.join(', ')}: each a new instance first, then the old one drained`;
  },
};

export const ALL_FAULTS: Fault[] = [
  killServiceMidTransaction,
  killRelays,
  dropConsumers,
  restartNats,
  restartPostgres,
  rollingRestart,
];
