import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CalendarSubscription, NotificationKind, NotificationPreferences } from '../../../contracts/meetings';
import { api } from '../../api/client';

export const preferencesQuery = queryOptions({
  queryKey: ['account', 'notifications'],
  queryFn: () => api<NotificationPreferences>('/account/notifications'),
});

export const calendarQuery = queryOptions({
  queryKey: ['account', 'calendar'],
  queryFn: () => api<CalendarSubscription>('/account/calendar'),
});

/** One switch at a time; the switch moves at once and moves back if saving fails. */
export function useSetPreference() {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: ['account', 'notifications', 'set'],
    mutationFn: ({ kind, on }: { kind: NotificationKind; on: boolean }) =>
      api<NotificationPreferences>('/account/notifications', { method: 'PUT', body: { [kind]: on } }),
    onMutate: async ({ kind, on }) => {
      await qc.cancelQueries({ queryKey: preferencesQuery.queryKey });
      const before = qc.getQueryData(preferencesQuery.queryKey);
      if (before) qc.setQueryData(preferencesQuery.queryKey, { ...before, [kind]: on });
      return { before };
    },
    onError: (_err, _vars, ctx) => {
      if (ctx?.before) qc.setQueryData(preferencesQuery.queryKey, ctx.before);
    },
    // With another switch still on its way, its optimistic value must not be overwritten.
    onSuccess: (prefs) => {
      if (qc.isMutating({ mutationKey: ['account', 'notifications', 'set'] }) <= 1) qc.setQueryData(preferencesQuery.queryKey, prefs);
    },
  });
}

/** A new private address; any earlier one stops working. */
export function useNewCalendarLink() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<CalendarSubscription>('/account/calendar', { method: 'POST' }),
    onSuccess: (sub) => qc.setQueryData(calendarQuery.queryKey, sub),
  });
}

export function useRevokeCalendarLink() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/account/calendar', { method: 'DELETE' }),
    onSuccess: () => qc.setQueryData<CalendarSubscription>(calendarQuery.queryKey, { url: null, webcalUrl: null, createdAt: null }),
  });
}
