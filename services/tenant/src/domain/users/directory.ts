import type { DirectoryUser } from '@plh/contracts';
import type { TenantDeps } from '../deps';

const toDirectoryUser = (u: { id: string; tenantId: string | null; email: string; role: string; status: string }) => ({
  id: u.id,
  tenantId: u.tenantId,
  email: u.email,
  role: u.role,
  status: u.status,
});

/** The users of one practice, for the notification service (whom to tell about its orders and alerts). */
export async function practiceDirectory(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  tenantId: string,
): Promise<DirectoryUser[]> {
  const users = await deps.unitOfWork.run(tenantId, ({ users }) => users.list());
  return users.map(toDirectoryUser);
}

/** One user of any practice or of the ops team (an invitation, a password reset), or null. */
export async function directoryUser(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  userId: string,
): Promise<DirectoryUser | null> {
  const user = await deps.unitOfWork.system(({ identity }) => identity.userById(userId));
  return user ? toDirectoryUser(user) : null;
}

/** The ops team: who hears about escalated compliance alerts and disabled endpoints platform-wide. */
export async function opsDirectory(deps: Pick<TenantDeps, 'unitOfWork'>): Promise<DirectoryUser[]> {
  const users = await deps.unitOfWork.system(({ identity }) => identity.opsUsers());
  return users.map(toDirectoryUser);
}
