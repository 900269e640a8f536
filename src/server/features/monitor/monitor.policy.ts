import type { MemberRole } from '../../../contracts/enums';

/** The caller's relation to a community (from communities.repository findWithAccess). */
export interface MonitorAccess {
  roles: MemberRole[];
  isMember: boolean;
  isNetworkCoordinator: boolean;
}

const has = (a: MonitorAccess, ...roles: MemberRole[]) => a.isMember && roles.some((r) => a.roles.includes(r));
const participates = (a: MonitorAccess) => has(a, 'member', 'chair', 'coordinator');
const coordinates = (a: MonitorAccess) => a.isNetworkCoordinator || has(a, 'coordinator');

/**
 * Who may do what with a community's monitor. Not being able to `view` means the community does not
 * exist for the caller (404). Researchers and observers see the community's figures, but no row that
 * names a member; evaluation answers are only ever shown in aggregate, to everyone alike.
 */
export const monitorPolicy = {
  view: (a: MonitorAccess) => a.isMember || a.isNetworkCoordinator,
  /** Member-level rows (attendance, voice and quiet per person, chairs by name). */
  seeMembers: (a: MonitorAccess) => participates(a) || coordinates(a),
  /** State your own time for the community. */
  stateTime: participates,
  /** Open or close an evaluation early: coordinators and researchers. */
  evaluate: (a: MonitorAccess) => coordinates(a) || has(a, 'researcher'),
  answer: participates,
  /** Record an improvement action, or mark one done: the community itself and its coordinators. */
  act: (a: MonitorAccess) => participates(a) || coordinates(a),
};

export type MonitorAction = keyof typeof monitorPolicy;
