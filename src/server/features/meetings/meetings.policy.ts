import type { MemberRole } from '../../../contracts/enums';

/** The caller's relation to a community (and, for meeting-level checks, to one meeting). */
export interface MeetingAccess {
  roles: MemberRole[];
  isMember: boolean;
  isNetworkCoordinator: boolean;
  /** The caller chairs this meeting (false for community-level checks). */
  chairsMeeting: boolean;
}

const has = (a: MeetingAccess, ...roles: MemberRole[]) => roles.some((r) => a.roles.includes(r));
const coordinates = (a: MeetingAccess) => a.isNetworkCoordinator || has(a, 'coordinator');

/**
 * Who may do what with meetings. Not being able to `view` means the meeting does not exist for the
 * caller (404). Researchers and observers read only: they neither respond nor give input.
 */
export const meetingPolicy = {
  view: (a: MeetingAccess) => a.isMember || a.isNetworkCoordinator,
  /** Plan series and extra meetings, move and cancel meetings. */
  plan: (a: MeetingAccess) => coordinates(a) || has(a, 'chair') || a.chairsMeeting,
  /** Programme, minutes, presence, the input reminder: the chair of this meeting or a coordinator. */
  chair: (a: MeetingAccess) => coordinates(a) || a.chairsMeeting,
  participate: (a: MeetingAccess) => a.isMember && has(a, 'member', 'chair', 'coordinator'),
  seeAbsenceReasons: (a: MeetingAccess) => coordinates(a) || a.chairsMeeting,
  /** Change the chair mode, assign a chair by hand. */
  manageRota: (a: MeetingAccess) => coordinates(a) || has(a, 'chair'),
};

export type MeetingAction = keyof typeof meetingPolicy;

