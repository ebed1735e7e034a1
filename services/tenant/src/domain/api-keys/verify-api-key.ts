import { timingSafeEqual } from 'node:crypto';
import type { TenantDeps } from '../deps';
import { InvalidApiKey } from '../problems';
import { API_KEY_PATTERN, hashSecret } from './api-key';

export interface VerifiedApiKey {
  apiKeyId: string;
  tenantId: string;
  scopes: string[];
  rateLimitPerMin: number;
}

/**
 * Checks a presented key (for the gateway, which caches the answer). Any failure is the same
 * InvalidApiKey, and the secret is compared in constant time whether or not the key id exists.
 */
export async function verifyApiKey(deps: Pick<TenantDeps, 'unitOfWork'>, presented: string): Promise<VerifiedApiKey> {
  const match = API_KEY_PATTERN.exec(presented);
  if (!match) throw new InvalidApiKey();
  const keyId = match[1] ?? '';
  const secret = match[2] ?? '';
  return deps.unitOfWork.system(async ({ identity }) => {
    const row = await identity.apiKeyByKeyId(keyId);
    const expected = Buffer.from(row?.secret_hash ?? '0'.repeat(64), 'hex');
    const actual = Buffer.from(hashSecret(secret), 'hex');
    const secretOk = timingSafeEqual(expected, actual) && !!row;
    if (
      !row ||
      !secretOk ||
      row.revoked_at ||
      (row.expires_at && row.expires_at <= new Date()) ||
      row.tenant_status !== 'active'
    ) {
      throw new InvalidApiKey();
    }
    await identity.touchApiKey(row.id);
    return {
      apiKeyId: row.id,
      tenantId: row.tenant_id,
      scopes: row.scopes ?? [],
      rateLimitPerMin: row.rate_limit_per_min,
    };
  });
}
