import { randomBytes, randomUUID } from 'node:crypto';
import { ApiKeyCreated, createEvent } from '@plh/contracts';
import type { TenantDeps } from '../deps';
import { API_KEY_PREFIX, hashSecret, toApiKeyView, type ApiKeyScope, type ApiKeyView } from './api-key';

const alnum = (bytes: number) =>
  randomBytes(bytes)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 16);

/** Creates a key and returns it once; afterwards only its keyId and a hash of its secret exist. */
export async function createApiKey(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  input: {
    tenantId: string;
    actorId: string;
    name: string;
    scopes: ApiKeyScope[];
    rateLimitPerMin?: number;
    expiresAt?: Date;
  },
): Promise<{ apiKey: ApiKeyView; key: string }> {
  let keyId = alnum(24);
  while (keyId.length < 16) keyId = alnum(24);
  const secret = randomBytes(32).toString('base64url');
  const apiKey = await deps.unitOfWork.run(input.tenantId, async ({ apiKeys, outbox, audit }) => {
    const row = await apiKeys.create({
      id: randomUUID(),
      keyId,
      name: input.name,
      secretHash: hashSecret(secret),
      scopes: [...new Set(input.scopes)],
      rateLimitPerMin: input.rateLimitPerMin ?? 600,
      expiresAt: input.expiresAt ?? null,
      createdBy: input.actorId,
    });
    await outbox.enqueue(
      createEvent(ApiKeyCreated, {
        source: 'tenant',
        tenantId: input.tenantId,
        data: { apiKeyId: row.id, scopes: row.scopes, createdBy: input.actorId },
      }),
    );
    await audit.record({
      action: 'api-key.create',
      resource: { type: 'api-key', id: row.id },
      changes: [
        { field: 'keyId', to: row.keyId },
        { field: 'scopes', to: row.scopes.join(' ') },
        { field: 'rateLimitPerMin', to: row.rateLimitPerMin },
        { field: 'expiresAt', to: row.expiresAt?.toISOString() ?? null },
      ],
    });
    return row;
  });
  return { apiKey: toApiKeyView(apiKey), key: `${API_KEY_PREFIX}${keyId}_${secret}` };
}
