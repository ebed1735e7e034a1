import type { DirectoryUser } from '@plh/contracts';
import type { UserDirectory } from '../deps';
import { TOPICS, type Topic } from '../topics';

/** The people a notice is for, by its topic's audience: active users only (invitations aside). */
export async function peopleFor(
  directory: UserDirectory,
  topic: Topic,
  tenantId: string,
  userId: string | undefined,
): Promise<DirectoryUser[]> {
  const audience = TOPICS[topic].audience;
  if ('subjectUser' in audience) {
    const user = userId ? await directory.user(userId) : null;
    // An invitation goes to an invited user; a reset link to an active one. Nobody else by this path.
    return user && user.status !== 'suspended' ? [user] : [];
  }
  if ('opsTeam' in audience) return (await directory.opsUsers()).filter((u) => u.status === 'active');
  const roles: readonly string[] = audience.roles;
  return (await directory.practiceUsers(tenantId)).filter((u) => u.status === 'active' && roles.includes(u.role));
}
