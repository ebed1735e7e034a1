import { NotFound, type Principal } from '@plh/service-kit';
import type { TenantDeps } from '../deps';
import type { Identity } from './session';

/** `GET /api/me`: the caller as the platform knows it now (a user, or a practice's API key). */
export async function whoAmI(deps: Pick<TenantDeps, 'unitOfWork'>, principal: Principal): Promise<Identity> {
  return deps.unitOfWork.system(async ({ identity }) => {
    const practice = principal.tenantId ? await identity.practiceName(principal.tenantId) : null;
    if (principal.kind === 'api_key')
      return { id: principal.id, kind: 'api_key', email: null, role: null, scopes: principal.scopes, practice };
    const user = principal.kind === 'user' ? await identity.userById(principal.id) : null;
    if (!user) throw new NotFound('No such user.');
    return { id: user.id, kind: 'user', email: user.email, role: user.role, scopes: [], practice };
  });
}
