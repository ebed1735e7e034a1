import { Alert, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../api/problem';

/** Loading, error (as a sentence, with the request id) or the content: the same on every page. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loader aria-label="Loading" />;
  if (query.isError) {
    const requestId = query.error instanceof ApiError ? query.error.problem.requestId : undefined;
    return (
      <Alert color="red" role="alert" title="This could not be loaded">
        {query.error.message}
        {requestId && ` (request ${requestId})`}
      </Alert>
    );
  }
  return <>{children(query.data)}</>;
}
