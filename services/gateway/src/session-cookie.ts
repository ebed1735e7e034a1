import type { FastifyRequest } from '@plh/service-kit';
import { ProblemError } from '@plh/service-kit';

/**
 * Web sessions: the refresh token lives in an httpOnly, Secure, SameSite=Strict cookie that only this
 * gateway sets and reads (on /api/auth), so no script in the page can read it. A browser asks for it
 * with `X-PLH-Session: cookie` on login, refresh and logout; that header is also what a cross-site page
 * cannot send without a CORS preflight, on top of SameSite=Strict. API clients without the header keep
 * the refresh token in the JSON answer, as before.
 */
export const SESSION_HEADER = 'x-plh-session';
export const REFRESH_COOKIE = 'plh_refresh';
const COOKIE_ATTRIBUTES = 'Path=/api/auth; HttpOnly; Secure; SameSite=Strict';

export const wantsCookieSession = (req: FastifyRequest) => req.headers[SESSION_HEADER] === 'cookie';

export function refreshCookie(token: string, maxAgeSec: number): string {
  return `${REFRESH_COOKIE}=${encodeURIComponent(token)}; ${COOKIE_ATTRIBUTES}; Max-Age=${maxAgeSec}`;
}
export const clearedRefreshCookie = `${REFRESH_COOKIE}=; ${COOKIE_ATTRIBUTES}; Max-Age=0`;

export function refreshTokenOf(req: FastifyRequest): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE) return decodeURIComponent(value.join('=')) || null;
  }
  return null;
}

export class NoSession extends ProblemError {
  constructor() {
    super(401, 'NO_SESSION', 'Unauthorized', 'There is no session to refresh: sign in.');
  }
}

/** What the gateway changes about a login, refresh or logout of a web session. */
export interface SessionRewrite {
  /** The body sent to the tenant service instead of the client's (the cookie's token). */
  body?: Buffer;
  /** The answer's body for the browser (without the refresh token) and the cookie to set. */
  answer(status: number, body: Buffer): { body: Buffer; cookie: string | null };
}

/** For `POST /api/auth/{login,refresh,logout}` with the session header: how to rewrite the exchange. */
export function sessionRewrite(req: FastifyRequest, path: string, maxAgeSec: number): SessionRewrite | null {
  if (!wantsCookieSession(req)) return null;
  const intoCookie = (status: number, body: Buffer) => {
    if (status !== 200) return { body, cookie: status === 401 ? clearedRefreshCookie : null };
    const parsed = JSON.parse(body.toString('utf8')) as { refreshToken?: string };
    const token = parsed.refreshToken;
    delete parsed.refreshToken;
    return { body: Buffer.from(JSON.stringify(parsed)), cookie: token ? refreshCookie(token, maxAgeSec) : null };
  };
  if (path === '/api/auth/login') return { answer: intoCookie };
  // Every session ended: this browser's cookie goes too (it is not sent here: its path is /api/auth).
  if (path === '/api/me/logout-everywhere')
    return { answer: (status, answer) => ({ body: answer, cookie: status === 204 ? clearedRefreshCookie : null }) };
  const token = refreshTokenOf(req);
  if (!token) {
    if (path === '/api/auth/refresh') throw new NoSession();
    return null;
  }
  const body = Buffer.from(JSON.stringify({ refreshToken: token }));
  if (path === '/api/auth/refresh') return { body, answer: intoCookie };
  if (path === '/api/auth/logout')
    return { body, answer: (_status, answer) => ({ body: answer, cookie: clearedRefreshCookie }) };
  return null;
}
