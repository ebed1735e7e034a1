import { USERS_READ_SCOPE, type DirectoryUser } from '@plh/contracts';
import { createServiceClient, ServiceUnavailable, type createInternalTokenMinter } from '@plh/service-kit';
import type { UserDirectory } from '../domain/deps';

const UNAVAILABLE = 'The user directory could not be read; the notice will be delivered when it can.';

/**
 * The tenant service's users (GET /internal/tenants/:id/users, /internal/users/:id, /internal/ops-users
 * with a service token carrying `users:read`). When it does not answer, the event's handling fails and
 * is redelivered: nobody is skipped because the directory was down.
 */
export function userDirectoryClient(input: {
  tenantUrl: string;
  mint: ReturnType<typeof createInternalTokenMinter>;
}): UserDirectory {
  const tenant = createServiceClient({
    baseUrl: input.tenantUrl,
    mint: input.mint,
    caller: 'notification',
    audience: 'tenant',
    scopes: [USERS_READ_SCOPE],
    unavailable: UNAVAILABLE,
    timeoutMs: 10_000,
  });
  return {
    async practiceUsers(tenantId) {
      const answer = await tenant.get<{ items: DirectoryUser[] }>(
        `/internal/tenants/${encodeURIComponent(tenantId)}/users`,
      );
      if (!answer) throw new ServiceUnavailable(UNAVAILABLE);
      return answer.items;
    },
    // A 404 here is an answer: the user was deleted since (an invitation revoked); nobody to tell.
    user: (userId) => tenant.get<DirectoryUser>(`/internal/users/${encodeURIComponent(userId)}`),
    async opsUsers() {
      const answer = await tenant.get<{ items: DirectoryUser[] }>('/internal/ops-users');
      if (!answer) throw new ServiceUnavailable(UNAVAILABLE);
      return answer.items;
    },
    close: () => tenant.close(),
  };
}
