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

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.accessToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || request.url.includes('/api/auth/') || !session.accessToken()) return response;
    if (!(await refreshSession())) return response;
    const retry = request.clone();
    retry.headers.set('authorization', `Bearer ${session.accessToken()}`);
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
