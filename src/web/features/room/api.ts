import { queryOptions } from '@tanstack/react-query';
// Types only: the room's chunks stay free of zod.
import type { VoiceSummary } from '../../../contracts/room';
import { api } from '../../api/client';

/** The harvest round of a meeting for its minutes: every turn, how long, who passed. */
export const voicesQuery = (meetingId: string) =>
  queryOptions({
    // Under the meeting's key, so whatever refreshes the meeting refreshes this too.
    queryKey: ['meeting', meetingId, 'voices'],
    queryFn: () => api<VoiceSummary>(`/meetings/${encodeURIComponent(meetingId)}/voices`),
  });
