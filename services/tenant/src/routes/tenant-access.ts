import { Forbidden, NotFound, type Principal, type Role } from '@plh/service-kit';

/**
 * May this principal act on `tenantId` with one of `roles`? Ops roles cross tenants; customers and
 * keys only ever see their own, and another tenant's resources answer 404 (never 403: that would
 * confirm they exist).
 */
export function assertTenantAccess(principal: Principal, tenantId: string, roles: readonly Role[]): void {
  if (principal.kind !== 'user') throw new Forbidden('This needs a signed-in user.');
  const isOps = principal.tenantId === null;
  if (!isOps && principal.tenantId !== tenantId) throw new NotFound();
  if (!roles.includes(principal.role)) throw new Forbidden(`This needs one of the roles: ${roles.join(', ')}.`);
}
