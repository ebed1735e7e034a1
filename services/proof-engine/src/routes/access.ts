import type { AccessRule } from '@plh/service-kit';

/** Who may do what in the proof engine (the gateway's route table says the same; this is the second check). */
export const ACCESS = {
  read: { roles: ['owner', 'approver', 'viewer', 'ops_admin', 'ops_agent'], scopes: ['orders:read', 'orders:write'] },
  write: { roles: ['owner', 'approver', 'ops_admin'], scopes: ['orders:write'] },
  generate: { roles: ['owner', 'approver', 'ops_admin', 'ops_agent'], scopes: ['orders:write'] },
} satisfies Record<string, AccessRule>;
