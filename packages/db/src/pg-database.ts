import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { survivePoolErrors } from './pool-errors';
import type { SqlExecutor, TransactionRunner } from './tenant-transaction';

/** A pg connection (or pooled client) seen through the Prisma-shaped raw-SQL surface. */
export class PgExecutor implements SqlExecutor {
  constructor(protected readonly client: Pool | PoolClient) {}

  async $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> {
    return (await this.client.query(query, values)).rowCount ?? 0;
  }

  async $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> {
    return (await this.client.query(query, values)).rows as T;
  }
}

/**
 * node-postgres with the same `$transaction` / `$queryRawUnsafe` surface as a Prisma client, for
 * system code that has no Prisma schema of its own (the outbox relay, ops CLIs, package tests).
 */
export class PgDatabase extends PgExecutor implements TransactionRunner<PgExecutor> {
  readonly pool: Pool;

  constructor(config: PoolConfig) {
    // A client that errors (server restart) must not crash the process; the pool replaces it.
    const pool = survivePoolErrors(new Pool(config));
    super(pool);
    this.pool = pool;
  }

  async $transaction<R>(fn: (tx: PgExecutor) => Promise<R>): Promise<R> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new PgExecutor(client));
      // After an error that the callback swallowed, PostgreSQL answers COMMIT with ROLLBACK.
      const commit = await client.query('COMMIT');
      if (commit.command === 'ROLLBACK')
        throw new Error('transaction was aborted by an earlier error; nothing was committed');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}
