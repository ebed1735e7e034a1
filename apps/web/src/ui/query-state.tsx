import { Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ProblemAlert } from './problem-alert';

/** Loading, error (as a sentence, with the request id) or the content: the same on every page. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loader aria-label="Loading" />;
  if (query.isError) return <ProblemAlert error={query.error} title="This could not be loaded" />;
  return <>{children(query.data)}</>;
}
