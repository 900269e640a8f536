import type { CommunityDetail } from '../../../contracts/api';

/** Who may plan meetings for a community: whoever may edit it, its chairs and coordinators. */
export function canPlanMeetings(c: CommunityDetail): boolean {
  return c.permissions.edit || c.myRoles.includes('chair') || c.myRoles.includes('coordinator');
}
