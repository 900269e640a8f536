import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ChairMode, Rhythm, Rota } from '../../../contracts/meetings';
import { api, isApiError } from '../../api/client';

const e = (id: string) => encodeURIComponent(id);

export const rotaQuery = (communityId: string) =>
  queryOptions({
    queryKey: ['community', communityId, 'rota'],
    queryFn: () => api<Rota>(`/communities/${e(communityId)}/rota`),
  });

/** The community page's view of the meeting rhythm: next meeting, its programme and input, last minutes. */
export const rhythmQuery = (communityId: string) =>
  queryOptions({
    queryKey: ['community', communityId, 'rhythm'],
    queryFn: () => api<Rhythm>(`/communities/${e(communityId)}/rhythm`),
  });

/** A new rota changes who chairs which meeting: everything that shows a chair follows. */
function applied(qc: QueryClient, communityId: string, rota: Rota) {
  qc.setQueryData(rotaQuery(communityId).queryKey, rota);
  void qc.invalidateQueries({ queryKey: ['community', communityId, 'meetings'] });
  void qc.invalidateQueries({ queryKey: ['community', communityId, 'rhythm'] });
  void qc.invalidateQueries({ queryKey: ['meeting'] });
}

export function useUpdateRota(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; mode: ChairMode; fixedChairUserId?: string | null }) =>
      api<Rota>(`/communities/${e(communityId)}/rota`, { method: 'PUT', body }),
    onSuccess: (r) => applied(qc, communityId, r),
  });
}

export function useSetWilling(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (willing: boolean) => api<Rota>(`/communities/${e(communityId)}/rota/willing`, { method: 'PUT', body: { willing } }),
    onSuccess: (r) => applied(qc, communityId, r),
  });
}

export function useSkipTurn(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (meetingId: string) => api<Rota>(`/meetings/${e(meetingId)}/chair/skip`, { method: 'POST' }),
    onSuccess: (r) => applied(qc, communityId, r),
  });
}

export function useSwapChair(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ meetingId, otherMeetingId }: { meetingId: string; otherMeetingId: string }) =>
      api<Rota>(`/meetings/${e(meetingId)}/chair/swap`, { method: 'POST', body: { otherMeetingId } }),
    onSuccess: (r) => applied(qc, communityId, r),
  });
}

export function useAssignChair(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ meetingId, userId }: { meetingId: string; userId: string }) =>
      api<Rota>(`/meetings/${e(meetingId)}/chair`, { method: 'PUT', body: { userId } }),
    onSuccess: (r) => applied(qc, communityId, r),
  });
}

/** The rota as the server holds it now, from a 409 on a stale mode change. */
export function currentRota(err: unknown): Rota | null {
  if (!isApiError(err) || err.status !== 409 || !err.current || typeof err.current !== 'object') return null;
  const r = err.current as Partial<Rota>;
  return typeof r.version === 'number' && (r.mode === 'fixed' || r.mode === 'rotating') && Array.isArray(r.members) ? (r as Rota) : null;
}
