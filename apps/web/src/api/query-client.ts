import { QueryClient } from '@tanstack/react-query';
import { session } from '../session/session';
import { ApiError } from './problem';

/** Server state of the signed-in user: every query and its cached answer. */
export const queryClient = new QueryClient({
  defaultOptions: {
    // A refusal (4xx) will not change by asking again; an outage might.
    queries: { retry: (count, err) => !(err instanceof ApiError && (err.problem.status ?? 500) < 500) && count < 2 },
  },
});

// Whatever the last user saw (orders, proofs, the audit log) leaves memory with their session: sign-out,
// sign-out everywhere or a refused refresh. The next person on this tab starts from nothing.
session.subscribe(() => {
  if (!session.accessToken()) queryClient.clear();
});
