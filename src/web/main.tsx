import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import './i18n';
import './ui/global.css';
import { isApiError } from './api/client';
import { router } from './routes';
import { meQuery } from './features/account/api';

// A 401 on any request means the session ended (expired, or signed out elsewhere): forget who we
// were, so the sign-in guard sends the user to /sign-in and back here afterwards.
const onError = (err: unknown) => {
  if (isApiError(err) && err.status === 401 && err.code === 'unauthenticated' && queryClient.getQueryData(meQuery.queryKey)) {
    queryClient.setQueryData(meQuery.queryKey, null);
  }
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A 4xx will not get better by asking again.
      retry: (count, err) => !(isApiError(err) && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
