import { ApiKeyRevoked, createEvent } from '@plh/contracts';
import type { TenantDeps } from '../deps';
import { ApiKeyNotFound } from '../problems';

/** Revokes a key of `tenantId`; another practice's key id is simply not found. Revoking twice changes nothing. */
export async function revokeApiKey(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  input: { tenantId: string; actorId: string; apiKeyId: string },
): Promise<void> {
  await deps.unitOfWork.run(input.tenantId, async ({ apiKeys, outbox, audit }) => {
    const key = await apiKeys.findById(input.apiKeyId);
    if (!key) throw ApiKeyNotFound();
    if (key.revokedAt) return;
    const at = new Date();
    await apiKeys.revoke(key.id, at);
    await outbox.enqueue(
      createEvent(ApiKeyRevoked, {
        source: 'tenant',
        tenantId: input.tenantId,
        data: { apiKeyId: key.id, revokedBy: input.actorId },
      }),
    );
    await audit.record({
      action: 'api-key.revoke',
      resource: { type: 'api-key', id: key.id },
      changes: [{ field: 'revokedAt', from: null, to: at.toISOString() }],
    });
  });
}
