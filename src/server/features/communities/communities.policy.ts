import type { MemberRole } from '../../../contracts/enums';

export interface CommunityAccess {
  /** Roles of the caller's own membership; empty when not a member. */
  roles: MemberRole[];
  isMember: boolean;
  isNetworkCoordinator: boolean;
}

const has = (a: CommunityAccess, ...roles: MemberRole[]) => roles.some((r) => a.roles.includes(r));

/**
 * Who may do what to a community. Not being able to `view` means the community does not exist
 * for the caller (404); being able to view but not act means 403.
 */
export const communityPolicy = {
  view: (a: CommunityAccess) => a.isMember || a.isNetworkCoordinator,
  edit: (a: CommunityAccess) => a.isNetworkCoordinator || has(a, 'chair', 'coordinator'),
  invite: (a: CommunityAccess) => a.isNetworkCoordinator || has(a, 'chair', 'coordinator'),
  manageMembers: (a: CommunityAccess) => a.isNetworkCoordinator || has(a, 'coordinator'),
  leave: (a: CommunityAccess) => a.isMember,
};

export type CommunityAction = keyof typeof communityPolicy;

/** Researchers and observers sit with the community but do not take a seat in the count. */
export const takesSeat = (roles: readonly string[]) => roles.includes('member') || roles.includes('chair');
