import type { Tx } from './db';

export interface NewUser {
  id: string;
  email: string;
  /** Null while invited (the CHECK constraint ties it to the status). */
  passwordHash: string | null;
  role: string;
  status?: 'invited' | 'active';
}

/** The users of one practice (RLS: another practice's users are invisible here). */
export function userRepository(tx: Tx, tenantId: string) {
  return {
    list: () => tx.user.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' } }),
    findById: (id: string) => tx.user.findFirst({ where: { id, tenantId } }),
    /** Emails are unique across the platform: checked through the lookup function, which sees every practice. */
    emailInUse: async (email: string) =>
      (await tx.$queryRawUnsafe<unknown[]>('SELECT 1 FROM auth_user_by_email($1)', email)).length > 0,
    /** Locks the practice's owners: two concurrent demotions cannot both pass the last-owner check. */
    lockOwners: () =>
      tx.$executeRawUnsafe(`SELECT 1 FROM app_user WHERE tenant_id = $1::uuid AND role = 'owner' FOR UPDATE`, tenantId),
    countActiveOwners: () => tx.user.count({ where: { tenantId, role: 'owner', status: 'active' } }),
    create: (user: NewUser) => tx.user.create({ data: { ...user, tenantId } }),
    update: (id: string, data: { role?: string; status?: string }) => tx.user.update({ where: { id }, data }),
    /** Revokes every refresh-token family of one user (suspension). */
    revokeSessionsOf: (userId: string, at: Date) =>
      tx.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } }),
    /** Revokes every refresh-token family of every user of the practice (the practice is suspended). */
    revokeAllSessions: (at: Date) =>
      tx.refreshToken.updateMany({ where: { revokedAt: null, user: { tenantId } }, data: { revokedAt: at } }),
    createInvite: (invite: { id: string; userId: string; tokenHash: string; expiresAt: Date; createdBy: string }) =>
      tx.invite.create({ data: invite }),
    /** Ends a user's open invitations (a new one was sent, or the invitation was revoked). */
    expireInvites: (userId: string, at: Date) =>
      tx.invite.updateMany({ where: { userId, acceptedAt: null, expiresAt: { gt: at } }, data: { expiresAt: at } }),
    /** An invited user who never accepted leaves no account behind (their invitations go with them). */
    deleteInvited: (id: string) => tx.user.deleteMany({ where: { id, tenantId, status: 'invited' } }),
  };
}
export type UserRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof userRepository>['findById']>>>;
