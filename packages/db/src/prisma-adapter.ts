import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { survivePoolErrors } from './pool-errors';

export interface PoolOptions {
  /** Pool size per process; services set it from config (DATABASE_POOL_MAX). */
  max?: number;
  /** Per-statement limit, so a runaway query cannot hold a connection forever. */
  statementTimeoutMs?: number;
  /** Told about connections that die while idle (server restart); the pool replaces them. */
  onConnectionLost?: (err: Error) => void;
}

/**
 * The Prisma driver adapter every service uses (`new PrismaClient({ adapter })`): node-postgres
 * underneath, pointed at the service's own schema so unqualified raw SQL lands there too.
 */
export function prismaAdapter(connectionString: string, schema: string, options: PoolOptions = {}): PrismaPg {
  // Our pool, so that every connection has an 'error' listener for its whole life. The adapter's own
  // listeners cover idle connections and those inside a transaction, not one it took out of a
  // transaction and released broken: PostgreSQL ending that session was an uncaught 'error' that took
  // core down (the fault suite's PostgreSQL restart, in CI).
  const pool = survivePoolErrors(
    new Pool({
      connectionString,
      max: options.max ?? 10,
      statement_timeout: options.statementTimeoutMs ?? 30_000,
      application_name: `plh-${schema}`,
    }),
  );
  return new PrismaPg(pool, {
    schema,
    disposeExternalPool: true,
    // Reported once (survivePoolErrors' listeners are silent); the pool reconnects on the next query.
    onPoolError: (err) => options.onConnectionLost?.(err),
    onConnectionError: (err) => options.onConnectionLost?.(err),
  });
}
