import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  AttendanceResponse,
  ChangeSeriesBody,
  CreateMeetingBody,
  CreateSeriesBody,
  InputKind,
  InputOverview,
  MeetingDetail,
  MeetingInput,
  MeetingSummary,
  Series,
  UpdateMeetingBody,
} from '../../../contracts/meetings';
import { api, isApiError } from '../../api/client';

/** A 409 because someone else saved first (the problem then carries the current object); other 409s say why in their title. */
export const isStale = (err: unknown) => isApiError(err) && err.status === 409 && err.code === 'conflict';

const enc = encodeURIComponent;
export type MeetingScope = 'upcoming' | 'past' | 'all';

// ----- queries ------------------------------------------------------------------------
export const meetingsQuery = (communityId: string, scope: MeetingScope) =>
  queryOptions({
    queryKey: ['community', communityId, 'meetings', scope],
    queryFn: () => api<MeetingSummary[]>(`/communities/${enc(communityId)}/meetings?scope=${scope}`),
  });

export const seriesListQuery = (communityId: string) =>
  queryOptions({
    queryKey: ['community', communityId, 'series'],
    queryFn: () => api<Series[]>(`/communities/${enc(communityId)}/series`),
  });

export const seriesQuery = (seriesId: string) =>
  queryOptions({
    queryKey: ['series', seriesId],
    queryFn: () => api<Series>(`/series/${enc(seriesId)}`),
  });

export const meetingQuery = (meetingId: string) =>
  queryOptions({
    queryKey: ['meeting', meetingId],
    queryFn: () => api<MeetingDetail>(`/meetings/${enc(meetingId)}`),
  });

export const inputsQuery = (meetingId: string) =>
  queryOptions({
    queryKey: ['meeting', meetingId, 'inputs'],
    queryFn: () => api<InputOverview>(`/meetings/${enc(meetingId)}/inputs`),
  });

// ----- cache upkeep ---------------------------------------------------------------------
/** The community's meeting lists, series, rota and rhythm; not the community itself (unchanged). */
function invalidateCommunityRhythm(qc: QueryClient, communityId: string) {
  void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'community' && q.queryKey[1] === communityId && q.queryKey.length > 2 });
}

/** A meeting changed: keep the answer as its detail, refresh what hangs off it and the community's lists. */
function meetingChanged(qc: QueryClient, m: MeetingDetail) {
  qc.setQueryData(meetingQuery(m.id).queryKey, m);
  void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'meeting' && q.queryKey[1] === m.id && q.queryKey.length > 2 });
  invalidateCommunityRhythm(qc, m.communityId);
}

/** Many meetings may have changed (a series was planned, changed or ended). */
function seriesChanged(qc: QueryClient, communityId: string) {
  invalidateCommunityRhythm(qc, communityId);
  void qc.invalidateQueries({ queryKey: ['series'] });
  void qc.invalidateQueries({ queryKey: ['meeting'] });
}

// ----- series -----------------------------------------------------------------------------
export function useCreateSeries(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSeriesBody) => api<Series>(`/communities/${enc(communityId)}/series`, { method: 'POST', body }),
    onSuccess: (s) => {
      qc.setQueryData(seriesQuery(s.id).queryKey, s);
      seriesChanged(qc, communityId);
    },
  });
}

export function useChangeSeries(seriesId: string, communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangeSeriesBody) => api<Series>(`/series/${enc(seriesId)}/change`, { method: 'POST', body }),
    onSuccess: (s) => {
      qc.setQueryData(seriesQuery(s.id).queryKey, s);
      seriesChanged(qc, communityId);
    },
  });
}

export function useEndSeries(seriesId: string, communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { fromDate: string; version: number; reason?: string }) => api<Series>(`/series/${enc(seriesId)}/end`, { method: 'POST', body }),
    onSuccess: (s) => {
      qc.setQueryData(seriesQuery(s.id).queryKey, s);
      seriesChanged(qc, communityId);
    },
  });
}

// ----- meetings ---------------------------------------------------------------------------
export function useCreateMeeting(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMeetingBody) => api<MeetingDetail>(`/communities/${enc(communityId)}/meetings`, { method: 'POST', body }),
    onSuccess: (m) => meetingChanged(qc, m),
  });
}

export function useUpdateMeeting(meetingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeetingBody) => api<MeetingDetail>(`/meetings/${enc(meetingId)}`, { method: 'PATCH', body }),
    onSuccess: (m) => meetingChanged(qc, m),
  });
}

export function useCancelMeeting(meetingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; reason: string }) => api<MeetingDetail>(`/meetings/${enc(meetingId)}/cancel`, { method: 'POST', body }),
    onSuccess: (m) => meetingChanged(qc, m),
  });
}

export function useRestoreMeeting(meetingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number }) => api<MeetingDetail>(`/meetings/${enc(meetingId)}/restore`, { method: 'POST', body }),
    onSuccess: (m) => meetingChanged(qc, m),
  });
}

export function useRespond(meetingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { response: AttendanceResponse; reason?: string }) => api<MeetingDetail>(`/meetings/${enc(meetingId)}/attendance`, { method: 'PUT', body }),
    onSuccess: (m) => meetingChanged(qc, m),
  });
}

export function useRecordPresence(meetingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (presentUserIds: string[]) => api<MeetingDetail>(`/meetings/${enc(meetingId)}/presence`, { method: 'PUT', body: { presentUserIds } }),
    onSuccess: (m) => meetingChanged(qc, m),
  });
}

// ----- input --------------------------------------------------------------------------------
function inputChanged(qc: QueryClient, meetingId: string, communityId: string) {
  void qc.invalidateQueries({ queryKey: ['meeting', meetingId] });
  void qc.invalidateQueries({ queryKey: ['community', communityId, 'rhythm'] });
}

export interface InputValues {
  kind: InputKind;
  title: string;
  body: string;
}

export function useAddInput(meetingId: string, communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InputValues) => api<MeetingInput>(`/meetings/${enc(meetingId)}/inputs`, { method: 'POST', body }),
    onSuccess: () => inputChanged(qc, meetingId, communityId),
  });
}

export function useUpdateInput(meetingId: string, communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ inputId, ...body }: Partial<InputValues> & { inputId: string; version: number }) =>
      api<MeetingInput>(`/inputs/${enc(inputId)}`, { method: 'PATCH', body }),
    onSuccess: () => inputChanged(qc, meetingId, communityId),
  });
}

export function useDeleteInput(meetingId: string, communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (inputId: string) => api<void>(`/inputs/${enc(inputId)}`, { method: 'DELETE' }),
    onSuccess: () => inputChanged(qc, meetingId, communityId),
  });
}

export function useRemindInput(meetingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<InputOverview>(`/meetings/${enc(meetingId)}/inputs/remind`, { method: 'POST' }),
    onSuccess: (o) => qc.setQueryData(inputsQuery(meetingId).queryKey, o),
    // Sent by someone else in the meantime: show that.
    onError: () => void qc.invalidateQueries({ queryKey: inputsQuery(meetingId).queryKey }),
  });
}
