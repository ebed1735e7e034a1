import type { TenantDeps } from '../deps';
import { toUserView, type UserView } from './user-view';

export async function listUsers(deps: Pick<TenantDeps, 'unitOfWork'>, tenantId: string): Promise<UserView[]> {
  const users = await deps.unitOfWork.run(tenantId, ({ users }) => users.list());
  return users.map(toUserView);
}
