import type { Pool } from 'pg';

/**
 * Keeps a node-postgres Pool from crashing the process when PostgreSQL ends a session (a restart, a
 * failover, `pg_terminate_backend`). The pool listens for errors of idle clients only: a client that is
 * checked out between two queries (a transaction waiting on NATS or on a handler) has no listener, and
 * its 'error' event is uncaught. Each client gets one for its whole life; the failure still reaches
 * the next query on it, and the pool drops the broken client when it is released (it is no longer
 * queryable). Found by the fault suite (bench/faults): killing the outbox relays' sessions took core down.
 */
export function survivePoolErrors(pool: Pool, onError: (err: Error) => void = () => undefined): Pool {
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}
