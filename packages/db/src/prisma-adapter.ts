import { PrismaPg } from '@prisma/adapter-pg';

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
  return new PrismaPg(
    {
      connectionString,
      max: options.max ?? 10,
      statement_timeout: options.statementTimeoutMs ?? 30_000,
      application_name: `plh-${schema}`,
    },
    {
      schema,
      // Without these listeners a connection dropped by the server is an uncaught 'error' event
      // that takes the whole process down; the pool reconnects on the next query instead.
      onPoolError: (err) => options.onConnectionLost?.(err),
      onConnectionError: (err) => options.onConnectionLost?.(err),
    },
  );
}
