import createClient, { type Middleware } from 'openapi-fetch';
import { session } from '../session/session';
import { ApiError, type Problem } from './problem';
import type { paths } from './generated/openapi';

/**
 * The typed API client: every path, parameter and answer comes from the gateway's OpenAPI document
 * (src/api/generated/openapi.d.ts), so a route that changes breaks this app's type check. Same origin as the
 * gateway. An expired access token is refreshed once, then the request repeated.
 */
export const api = createClient<paths>({ baseUrl: '' });

let refreshing: Promise<boolean> | null = null;

async function refresh(): Promise<boolean> {
  const current = session.get();
  if (!current) return false;
  const res = await fetch('/api/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: current.refreshToken }),
  });
  if (!res.ok) {
    session.set(null);
    return false;
  }
  const next = (await res.json()) as { accessToken: string; refreshToken: string };
  session.set({ accessToken: next.accessToken, refreshToken: next.refreshToken });
  return true;
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.get()?.accessToken;
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || request.url.includes('/api/auth/') || !session.get()) return response;
    refreshing ??= refresh().finally(() => (refreshing = null));
    if (!(await refreshing)) return response;
    const retry = request.clone();
    retry.headers.set('authorization', `Bearer ${session.get()!.accessToken}`);
    return fetch(retry);
  },
};
api.use(auth);

/** The data of an answer, or the problem thrown as an ApiError (for TanStack Query). */
export function dataOf<T>(answer: { data?: T; error?: unknown; response: Response }): T {
  if (answer.error !== undefined || answer.data === undefined) {
    const problem = (answer.error ?? {}) as Problem;
    throw new ApiError({ ...problem, status: problem.status ?? answer.response.status });
  }
  return answer.data;
}
