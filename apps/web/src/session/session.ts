/**
 * The signed-in session, in memory only: nothing is written to localStorage or sessionStorage, so a
 * script injected into the page finds no token to steal beyond this tab's lifetime.
 */
export interface Session {
  accessToken: string;
  refreshToken: string;
}

let current: Session | null = null;
const listeners = new Set<() => void>();

export const session = {
  get: () => current,
  set(next: Session | null) {
    current = next;
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};
