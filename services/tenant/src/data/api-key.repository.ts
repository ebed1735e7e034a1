import type { Tx } from './db';

export interface NewApiKey {
  id: string;
  keyId: string;
  name: string;
  secretHash: string;
  scopes: string[];
  rateLimitPerMin: number;
  expiresAt: Date | null;
  createdBy: string;
}

/** A practice's API keys (RLS). The gateway's lookup by key id is the system repository's. */
export function apiKeyRepository(tx: Tx, tenantId: string) {
  return {
    create: (key: NewApiKey) => tx.apiKey.create({ data: { ...key, tenantId } }),
    list: () => tx.apiKey.findMany({ where: { tenantId }, orderBy: { createdAt: 'desc' } }),
    findById: (id: string) => tx.apiKey.findFirst({ where: { id, tenantId } }),
    revoke: (id: string, at: Date) => tx.apiKey.update({ where: { id }, data: { revokedAt: at } }),
  };
}
export type ApiKeyRecord = Awaited<ReturnType<ReturnType<typeof apiKeyRepository>['create']>>;
