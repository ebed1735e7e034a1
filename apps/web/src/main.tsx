import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api/problem';
import { router } from './router';
import { cssVariablesResolver, theme } from './theme';

const queries = new QueryClient({
  defaultOptions: {
    // A refusal (4xx) will not change by asking again; an outage might.
    queries: { retry: (count, err) => !(err instanceof ApiError && (err.problem.status ?? 500) < 500) && count < 2 },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queries}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
