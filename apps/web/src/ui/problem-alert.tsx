import { Alert } from '@mantine/core';
import { ApiError } from '../api/problem';

/** A failed request, said as the problem's sentence with its request id (what support asks for). */
export function ProblemAlert({ error, title = 'That did not work' }: { error: unknown; title?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiError ? error.problem.requestId : undefined;
  return (
    <Alert color="red" role="alert" title={title}>
      {message}
      {requestId && ` (request ${requestId})`}
    </Alert>
  );
}
