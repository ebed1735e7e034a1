/**
 * The one-time token of an invitation or reset link (`/invite#token=…`): in the fragment, so it never
 * reaches a server log. Read once, then removed from the address bar and the history entry.
 */
export function takeTokenFromFragment(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (token) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return token;
}
