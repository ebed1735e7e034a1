import { TENANT_SETTING } from './rls';

/**
 * The raw-SQL surface shared by a Prisma client, a Prisma transaction client and `pgDatabase()`.
 * Infrastructure (outbox, inbox, relays) is written against this, so it composes with whatever
 * transaction the caller's business code is in.
 */
export interface SqlExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}
export interface TransactionRunner<Tx extends SqlExecutor> {
  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: { timeout?: number; maxWait?: number }): Promise<R>;
}

/**
 * Runs `fn` in a transaction whose `app.tenant_id` is `tenantId`, so row-level security scopes every
 * statement in it, including ones that forget their `where tenant_id`. `set_config(..., true)` is
 * transaction-local: the pooled connection is clean again after commit or rollback.
 */
export async function withTenant<Tx extends SqlExecutor, R>(
  db: TransactionRunner<Tx>,
  tenantId: string,
  fn: (tx: Tx) => Promise<R>,
): Promise<R> {
  if (!tenantId) throw new Error('withTenant: tenantId is required');
  return db.$transaction(async (tx) => {
    await setTenant(tx, tenantId);
    return fn(tx);
  });
}

/**
 * Sets (or switches) the practice of the transaction `tx` is in: from the next statement on, row-level
 * security shows only that practice's rows. Transaction-local, like withTenant's.
 */
export async function setTenant(tx: SqlExecutor, tenantId: string): Promise<void> {
  if (!tenantId) throw new Error('setTenant: tenantId is required');
  await tx.$queryRawUnsafe(`SELECT set_config('${TENANT_SETTING}', $1, true)`, tenantId);
}
