import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ActionItem, Agenda, AgendaItem, AgendaItemKind, InputOverview, MeetingDetail, Minutes } from '../../../contracts/meetings';
import type { CommunityDetail } from '../../../contracts/api';
import { api, isApiError } from '../../api/client';
import { communityQuery } from '../communities/api';

const m = (id: string) => encodeURIComponent(id);

/** The meeting itself (same key and request as the meetings feature, so the cache is shared). */
export const meetingQuery = (meetingId: string) =>
  queryOptions({
    queryKey: ['meeting', meetingId],
    queryFn: () => api<MeetingDetail>(`/meetings/${m(meetingId)}`),
  });

export const agendaQuery = (meetingId: string) =>
  queryOptions({
    queryKey: ['meeting', meetingId, 'agenda'],
    queryFn: () => api<Agenda>(`/meetings/${m(meetingId)}/agenda`),
  });

export const minutesQuery = (meetingId: string) =>
  queryOptions({
    queryKey: ['meeting', meetingId, 'minutes'],
    queryFn: () => api<Minutes>(`/meetings/${m(meetingId)}/minutes`),
  });

export const inputsQuery = (meetingId: string) =>
  queryOptions({
    queryKey: ['meeting', meetingId, 'inputs'],
    queryFn: () => api<InputOverview>(`/meetings/${m(meetingId)}/inputs`),
  });

/**
 * Everything about this meeting (agenda, minutes, inputs' links, the meeting's own flags) and the
 * community page's rhythm card may show what changed.
 */
function refresh(qc: QueryClient, meetingId: string, communityId: string) {
  void qc.invalidateQueries({ queryKey: ['community', communityId, 'rhythm'] });
  void qc.invalidateQueries({ queryKey: ['community', communityId, 'meetings'] });
  // Returned, so that a caller's onSuccess runs once the lists show the change (and can focus it).
  return qc.invalidateQueries({ queryKey: ['meeting', meetingId] });
}

/** Put a changed item into the cached programme and minutes at once, so the list never flickers back. */
function patchItem(qc: QueryClient, item: AgendaItem) {
  qc.setQueryData<Agenda>(agendaQuery(item.meetingId).queryKey, (a) => (a ? { ...a, items: a.items.map((x) => (x.id === item.id ? item : x)) } : a));
  qc.setQueryData<Minutes>(minutesQuery(item.meetingId).queryKey, (mm) => (mm ? { ...mm, items: mm.items.map((x) => (x.id === item.id ? item : x)) } : mm));
}

function patchAction(qc: QueryClient, action: ActionItem) {
  qc.setQueryData<Minutes>(minutesQuery(action.meetingId).queryKey, (mm) =>
    mm ? { ...mm, actions: mm.actions.map((x) => (x.id === action.id ? action : x)) } : mm,
  );
}

export interface AgendaItemInput {
  kind: AgendaItemKind;
  title: string;
  durationMinutes: number;
  ownerUserId?: string | null;
  inputIds?: string[];
  position?: number;
}
export type AgendaItemChange = Partial<Omit<AgendaItemInput, 'position'>> & { version: number; notes?: string };

export function useStartAgenda(meetingId: string, communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<Agenda>(`/meetings/${m(meetingId)}/agenda/start`, { method: 'POST' }),
    onSuccess: (a) => {
      qc.setQueryData(agendaQuery(meetingId).queryKey, a);
      void refresh(qc, meetingId, communityId);
    },
  });
}

export function useCreateAgendaItem(meetingId: string, communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AgendaItemInput) => api<AgendaItem>(`/meetings/${m(meetingId)}/agenda/items`, { method: 'POST', body }),
    onSuccess: () => refresh(qc, meetingId, communityId),
  });
}

export function useUpdateAgendaItem(meetingId: string, communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: AgendaItemChange & { id: string }) => api<AgendaItem>(`/agenda-items/${m(id)}`, { method: 'PATCH', body }),
    onSuccess: (item) => {
      patchItem(qc, item);
      return refresh(qc, meetingId, communityId);
    },
  });
}

export function useDeleteAgendaItem(meetingId: string, communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/agenda-items/${m(id)}`, { method: 'DELETE' }),
    onSuccess: () => refresh(qc, meetingId, communityId),
  });
}

export function useReorderAgenda(meetingId: string, communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (itemIds: string[]) => api<Agenda>(`/meetings/${m(meetingId)}/agenda/order`, { method: 'PUT', body: { itemIds } }),
    onSuccess: (a) => {
      qc.setQueryData(agendaQuery(meetingId).queryKey, a);
      void refresh(qc, meetingId, communityId);
    },
    // The order is refused when someone else added or removed an item meanwhile: show theirs.
    onError: () => void qc.invalidateQueries({ queryKey: agendaQuery(meetingId).queryKey }),
  });
}

export function usePublishAgenda(meetingId: string, communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<Agenda>(`/meetings/${m(meetingId)}/agenda/publish`, { method: 'POST' }),
    onSuccess: (a) => {
      qc.setQueryData(agendaQuery(meetingId).queryKey, a);
      void refresh(qc, meetingId, communityId);
    },
  });
}

export interface ActionInput {
  title: string;
  ownerUserId?: string | null;
  dueDate?: string | null;
  agendaItemId?: string | null;
}
export type ActionChange = Partial<Omit<ActionInput, 'agendaItemId'>> & { version: number; done?: boolean };

export function useCreateAction(meetingId: string, communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ActionInput) => api<ActionItem>(`/meetings/${m(meetingId)}/actions`, { method: 'POST', body }),
    onSuccess: () => refresh(qc, meetingId, communityId),
  });
}

/** Also used for open actions of earlier meetings, so the meeting to refresh is the action's own. */
export function useUpdateAction(communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: ActionChange & { id: string }) => api<ActionItem>(`/actions/${m(id)}`, { method: 'PATCH', body }),
    onSuccess: (action) => {
      patchAction(qc, action);
      void qc.invalidateQueries({ queryKey: ['meeting'] });
      void qc.invalidateQueries({ queryKey: ['community', communityId, 'rhythm'] });
    },
  });
}

export function useDeleteAction(meetingId: string, communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/actions/${m(id)}`, { method: 'DELETE' }),
    onSuccess: () => refresh(qc, meetingId, communityId),
  });
}

export function usePublishMinutes(meetingId: string, communityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<Minutes>(`/meetings/${m(meetingId)}/minutes/publish`, { method: 'POST' }),
    onSuccess: (mm) => {
      qc.setQueryData(minutesQuery(meetingId).queryKey, mm);
      void refresh(qc, meetingId, communityId);
    },
  });
}

/** The object the server holds now, carried by a 409 for a stale edit (null for any other error). */
export function currentOf<T extends { id: string; version: number }>(err: unknown): T | null {
  if (!isApiError(err) || err.status !== 409 || !err.current || typeof err.current !== 'object') return null;
  const c = err.current as Partial<T>;
  return typeof c.id === 'string' && typeof c.version === 'number' ? (c as T) : null;
}

/** The message for a field or any of its elements (`inputIds` also covers `inputIds.2`). */
export function fieldErrorUnder(err: unknown, path: string): string | undefined {
  return isApiError(err) ? err.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message : undefined;
}

export interface MemberOption {
  userId: string;
  name: string;
  organisationName: string | null;
}

/** Who can own a programme item or an action: everyone in the community, by name. */
export function membersOf(c: CommunityDetail | undefined): MemberOption[] {
  if (!c) return [];
  return c.members
    .map((x) => ({ userId: x.userId, name: x.name, organisationName: x.organisationName }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export { communityQuery };
