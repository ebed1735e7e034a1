import type { AccessRule, Principal } from '@plh/service-kit';
import type { Actor } from '../domain/deps';

/** Who may do what in core (the gateway's route table says the same; this is the second check). */
export const ACCESS = {
  read: { roles: ['owner', 'approver', 'viewer', 'ops_admin', 'ops_agent'], scopes: ['orders:read', 'orders:write'] },
  writeProjects: { roles: ['owner', 'approver', 'ops_admin'], scopes: ['orders:write'] },
  writePatients: { roles: ['owner', 'approver', 'ops_admin'], scopes: ['patients:write'] },
  readPatients: { roles: ['owner', 'approver', 'ops_admin', 'ops_agent'], scopes: ['patients:write'] },
  quote: { roles: ['owner', 'approver', 'ops_admin'], scopes: ['orders:write'] },
  order: { roles: ['owner', 'approver', 'ops_admin'], scopes: ['orders:write'] },
  /** Order actions: the state machine decides which role may take which. */
  act: { roles: ['owner', 'approver', 'ops_admin', 'ops_agent'], scopes: ['orders:write'] },
} satisfies Record<string, AccessRule>;

export function actorOf(principal: Principal): Actor {
  return { id: principal.id, kind: principal.kind, role: principal.role };
}
