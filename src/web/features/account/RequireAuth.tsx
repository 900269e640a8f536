import { useQuery } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router';
import { meQuery } from './api';
import { Loading, QueryError } from '../../ui/Page';

/** Pages behind this need a session; otherwise we go to sign-in and come back afterwards. */
export function RequireAuth() {
  const me = useQuery(meQuery);
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const redirectTo = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?redirectTo=${redirectTo}`} replace />;
  }
  return <Outlet />;
}
