import { Forbidden, NotFound } from '../problem';
import type { AccessRule } from '@plh/contracts';
import type { Principal } from './internal-token';

export type { AccessRule };

/**
 * The service's own check behind the gateway's (defence in depth): may this principal act on
 * `tenantId`? Practice users and API keys only ever reach their own tenant, and another tenant's
 * resources answer 404 (never 403, which would confirm they exist); ops roles cross tenants.
 */
export function assertTenantAccess(principal: Principal, tenantId: string, rule: AccessRule): void {
  if (principal.kind === 'api_key') {
    if (principal.tenantId !== tenantId) throw new NotFound();
    const scopes = rule.scopes;
    if (!scopes.some((s) => principal.scopes.includes(s)))
      throw new Forbidden(
        scopes.length ? `This needs an API key with scope ${scopes.join(' or ')}.` : 'API keys cannot do this.',
      );
    return;
  }
  if (principal.kind !== 'user') throw new Forbidden('This needs a signed-in user or an API key.');
  const isOps = principal.tenantId === null;
  if (!isOps && principal.tenantId !== tenantId) throw new NotFound();
  if (!rule.roles.includes(principal.role))
    throw new Forbidden(`This needs one of the roles: ${rule.roles.join(', ')}.`);
}

/**
 * The check of a route without a practice in its path: those are the operations team's (the ops
 * queue, the practice list), so only tenantless users with one of the rule's roles pass (or a service
 * whose token carries one of the rule's service scopes); no practice's user or API key, whatever its scopes.
 */
export function assertAccess(principal: Principal, rule: AccessRule): void {
  if (principal.kind === 'service' && rule.serviceScopes?.some((s) => principal.scopes.includes(s))) return;
  if (principal.kind !== 'user' || principal.tenantId !== null) throw new Forbidden('This is for the operations team.');
  if (!rule.roles.includes(principal.role))
    throw new Forbidden(`This needs one of the roles: ${rule.roles.join(', ')}.`);
}

/** A route about the caller itself: any user of the rule's roles, any API key with one of its scopes. */
export function assertSelfAccess(principal: Principal, rule: AccessRule): void {
  if (principal.kind === 'user' && rule.roles.includes(principal.role)) return;
  if (principal.kind === 'api_key' && rule.scopes.some((s) => principal.scopes.includes(s))) return;
  throw new Forbidden();
}
