import { useQuery } from '@tanstack/react-query';
import { tokenClaims } from '../session/session';
import { api, dataOf } from './client';

/** Who is signed in (role, practice): asked once, shared by every page through the query cache. */
export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: async () => dataOf(await api.GET('/api/me')) });
}

/**
 * The signed-in user's practice; undefined for the ops team. Known from the access token before `/api/me`
 * answers, so a page's own queries start at once (the dashboard's first figures come one round trip sooner).
 */
export function usePracticeId(): string | undefined {
  const me = useMe();
  return me.data ? (me.data.practice?.id ?? undefined) : (tokenClaims()?.tid ?? undefined);
}

export const isOps = (role: string | null | undefined) => role === 'ops_admin' || role === 'ops_agent';
