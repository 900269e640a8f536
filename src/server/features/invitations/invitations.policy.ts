import type { InvitationStatus } from '../../../contracts/enums';

export const INVITATION_DAYS = 14;

export type InvitationState = 'valid' | 'expired' | 'used' | 'withdrawn';

/**
 * What a link in someone's mailbox means now. A held invitation has no link out yet, so it reads
 * as withdrawn; a link replaced by a newer one (resent) reads as expired, so it offers the newest.
 */
export function invitationState(row: { status: string; expiresAt: Date }, superseded = false, now = new Date()): InvitationState {
  const status = row.status as InvitationStatus;
  if (status === 'accepted') return 'used';
  if (status === 'withdrawn' || status === 'held') return 'withdrawn';
  if (superseded) return 'expired';
  return row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'valid';
}

/** In the pre-phase, groups other than the ones invited first wait until the community is active. */
export function shouldHold(community: { phase: string; firstGroups: string[] }, stakeholderGroup: string) {
  return community.phase === 'prePhase' && community.firstGroups.length > 0 && !community.firstGroups.includes(stakeholderGroup);
}
