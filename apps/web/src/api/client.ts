import createClient, { type Middleware } from 'openapi-fetch';
import { refreshSession, session } from '../session/session';
import { ApiError, type Problem } from './problem';
import type { paths } from './generated/openapi';

/**
 * The typed API client: every path, parameter and answer comes from the gateway's OpenAPI document
 * (src/api/generated/openapi.d.ts), so a route that changes breaks this app's type check. Same origin as the
 * gateway. An expired access token is refreshed once, then the request repeated.
 */
export const api = createClient<paths>({ baseUrl: '' });

/** An untouched copy of each request, kept until its answer: fetch consumes the original's body. */
const copies = new WeakMap<Request, Request>();

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.accessToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    copies.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    const copy = copies.get(request);
    copies.delete(request);
    if (response.status !== 401 || request.url.includes('/api/auth/') || !session.accessToken() || !copy)
      return response;
    if (!(await refreshSession())) return response;
    const retry = copy;
    retry.headers.set('authorization', `Bearer ${session.accessToken()}`);
    return fetch(retry);
  },
};
api.use(auth);

/**
 * The data of an answer, or the problem thrown as an ApiError (for TanStack Query). Success is the status,
 * not the body: a `204` (a revoked key, a suspended practice) or a `202` without one is a success too.
 */
export function dataOf<T>(answer: { data?: T; error?: unknown; response: Response }): T {
  if (!answer.response.ok) {
    const problem = (answer.error ?? {}) as Problem;
    throw new ApiError({ ...problem, status: problem.status ?? answer.response.status });
  }
  return answer.data as T;
}
