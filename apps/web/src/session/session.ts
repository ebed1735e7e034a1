/**
 * The signed-in session: the access token, in memory only (never localStorage or sessionStorage). The
 * refresh token is an httpOnly cookie the gateway sets on /api/auth: no script here can read it, and a
 * reload signs back in silently with it.
 */
let accessToken: string | null = null;
const listeners = new Set<() => void>();

export const session = {
  accessToken: () => accessToken,
  set(token: string | null) {
    accessToken = token;
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};

/**
 * What the access token says of its holder (its payload, not verified here: the API verifies it on every
 * call). The practice id lets pages ask for their data while `/api/me` is still on its way.
 */
export function tokenClaims(): { tid: string | null; role: string | null } | null {
  const payload = accessToken?.split('.')[1];
  if (!payload) return null;
  try {
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as {
      tid: string | null;
      role: string | null;
    };
  } catch {
    return null;
  }
}

/** Asks the gateway for the refresh cookie instead of a refresh token in the answer. */
export const SESSION_HEADERS = { 'x-plh-session': 'cookie' } as const;

let refreshing: Promise<boolean> | null = null;

/** A new access token from the refresh cookie (once at a time); false when there is no session. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const res = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: SESSION_HEADERS,
      credentials: 'same-origin',
    });
    if (!res.ok) {
      session.set(null);
      return false;
    }
    session.set(((await res.json()) as { accessToken: string }).accessToken);
    return true;
  })().finally(() => (refreshing = null));
  return refreshing;
}

export async function signOut(): Promise<void> {
  await fetch('/api/auth/logout', { method: 'POST', headers: SESSION_HEADERS, credentials: 'same-origin' }).catch(
    () => undefined,
  );
  session.set(null);
}

/** Ends every session of the user, on every device; this one too. */
export async function signOutEverywhere(): Promise<void> {
  const token = session.accessToken();
  if (token)
    await fetch('/api/me/logout-everywhere', {
      method: 'POST',
      headers: { ...SESSION_HEADERS, authorization: `Bearer ${token}` },
      credentials: 'same-origin',
    }).catch(() => undefined);
  session.set(null);
}
