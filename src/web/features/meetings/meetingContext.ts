import { createContext, use } from 'react';
import type { MeetingDetail } from '../../../contracts/meetings';

/**
 * The meeting of the current /meetings/:meetingId page, provided by MeetingLayout to its tabs
 * (overview, programme, minutes). The outlet context stays the community, so useCommunity() keeps
 * working inside the tabs.
 */
export const MeetingContext = createContext<MeetingDetail | null>(null);

export function useMeeting(): MeetingDetail {
  const meeting = use(MeetingContext);
  if (!meeting) throw new Error('useMeeting() outside MeetingLayout');
  return meeting;
}
