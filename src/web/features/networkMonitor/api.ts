import { queryOptions } from '@tanstack/react-query';
// Types only: zod stays out of the browser bundle.
import type { NetworkMonitor } from '../../../contracts/monitor';
import { api } from '../../api/client';

const enc = encodeURIComponent;

/** While communities are still being computed in the background, ask again this often. */
export const PENDING_REFRESH_MS = 10_000;

export const networkMonitorQuery = (networkId: string) =>
  queryOptions({
    queryKey: ['network', networkId, 'monitor'],
    queryFn: () => api<NetworkMonitor>(`/networks/${enc(networkId)}/monitor`),
    refetchInterval: (q) => ((q.state.data?.pending ?? 0) > 0 ? PENDING_REFRESH_MS : false),
  });

/** The heat map as CSV (the browser downloads it with the session cookie). */
export const networkMonitorCsvUrl = (networkId: string) => `/api/networks/${enc(networkId)}/monitor.csv`;
