import { useQuery } from '@tanstack/react-query';
import { api, dataOf } from './client';

/** Who is signed in (role, practice): asked once, shared by every page through the query cache. */
export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: async () => dataOf(await api.GET('/api/me')) });
}

/** The signed-in user's practice; undefined for the ops team (and while loading). */
export function usePracticeId(): string | undefined {
  return useMe().data?.practice?.id;
}

export const isOps = (role: string | null | undefined) => role === 'ops_admin' || role === 'ops_agent';
