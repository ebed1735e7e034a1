import type { Prisma } from '../../generated/prisma';
import type { Tx } from './db';

export interface IdempotencyRecord {
  principalId: string;
  method: string;
  path: string;
  requestHash: string;
  responseStatus: number | null;
  responseBody: unknown;
  /** The answer's headers a client acts on (REPLAYED_HEADERS of routes/idempotency.ts). */
  responseHeaders: unknown;
  createdAt: Date;
}

/** Idempotency-Key records of one tenant. */
export function idempotencyRepository(tx: Tx, tenantId: string) {
  return {
    /** Claims the key; false when a record exists already. */
    async claim(
      key: string,
      r: Pick<IdempotencyRecord, 'principalId' | 'method' | 'path' | 'requestHash'>,
    ): Promise<boolean> {
      const inserted = await tx.$executeRawUnsafe(
        `INSERT INTO idempotency_key (tenant_id, key, principal_id, method, path, request_hash)
         VALUES ($1::uuid, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, key) DO NOTHING`,
        tenantId,
        key,
        r.principalId,
        r.method,
        r.path,
        r.requestHash,
      );
      return inserted === 1;
    },
    find: (key: string): Promise<IdempotencyRecord | null> => tx.idempotencyKey.findFirst({ where: { tenantId, key } }),
    /** Takes over a record whose request never finished (crash) or that expired. */
    async reclaim(key: string, r: Pick<IdempotencyRecord, 'principalId' | 'method' | 'path' | 'requestHash'>) {
      await tx.idempotencyKey.updateMany({
        where: { tenantId, key },
        data: {
          ...r,
          responseStatus: null,
          responseBody: undefined,
          responseHeaders: undefined,
          createdAt: new Date(),
        },
      });
    },
    complete: (key: string, status: number, body: unknown, headers: Record<string, string>) =>
      tx.idempotencyKey.updateMany({
        where: { tenantId, key },
        data: {
          responseStatus: status,
          responseBody: body as Prisma.InputJsonValue,
          responseHeaders: headers,
        },
      }),
    release: (key: string) => tx.idempotencyKey.deleteMany({ where: { tenantId, key } }),
  };
}
