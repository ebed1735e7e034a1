import { Forbidden, NotFound, Unauthorized, isOpsRole, type Principal, type ProblemError } from '@plh/service-kit';
import type { Access } from './route-table';

/**
 * The gateway's decision for one request: null to let it through, or the problem to answer.
 * Another tenant's resource is 404, never 403 (that would confirm it exists).
 */
export function authorize(
  access: Access,
  principal: Principal | null,
  params: Record<string, string>,
): ProblemError | null {
  if (access.kind === 'public') return null;
  if (!principal) return new Unauthorized();
  const tenantInPath = access.tenantParam ? params[access.tenantParam] : undefined;
  if (principal.kind === 'user') {
    const crossesTenants = isOpsRole(principal.role);
    if (tenantInPath !== undefined && !crossesTenants && principal.tenantId !== tenantInPath) return new NotFound();
    if (!access.roles.includes(principal.role)) return new Forbidden();
    return null;
  }
  if (principal.kind === 'api_key') {
    if (tenantInPath !== undefined && principal.tenantId !== tenantInPath) return new NotFound();
    if (!access.scopes.some((scope) => principal.scopes.includes(scope)))
      return new Forbidden('The API key lacks the scope this needs.');
    return null;
  }
  return new Forbidden(); // service principals do not come through the gateway
}
