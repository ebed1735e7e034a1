import { TENANT_SETTING } from './rls';

/** The part of a Prisma client (or of its transaction client) that tenant scoping needs. */
export interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}
export interface TransactionRunner<Tx extends RawExecutor> {
  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: { timeout?: number; maxWait?: number }): Promise<R>;
}

/**
 * Runs `fn` in a transaction whose `app.tenant_id` is `tenantId`, so row-level security scopes every
 * statement in it, including ones that forget their `where tenant_id`. `set_config(..., true)` is
 * transaction-local: the pooled connection is clean again after commit or rollback.
 */
export async function withTenant<Tx extends RawExecutor, R>(
  db: TransactionRunner<Tx>,
  tenantId: string,
  fn: (tx: Tx) => Promise<R>,
): Promise<R> {
  if (!tenantId) throw new Error('withTenant: tenantId is required');
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT set_config('${TENANT_SETTING}', $1, true)`, tenantId);
    return fn(tx);
  });
}
