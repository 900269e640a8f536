import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { forbidden, notFound } from '../../lib/errors';
import type { SessionUser } from '../../plugins/auth';
import { findWithAccess } from '../communities/communities.repository';
import { meetingPolicy, type MeetingAccess, type MeetingAction } from './meetings.policy';
import * as repo from './meetings.repository';

/** The access check meeting use-cases start with: 404 when the caller cannot see it, 403 when they may not act. */
export async function requireMeeting(ctx: AppContext, me: SessionUser, meetingId: string, action: MeetingAction, db: DbOrTx = ctx.db) {
  const found = await repo.findMeetingWithAccess(db, meetingId, me.id);
  if (!found || !meetingPolicy.view(found.access)) throw notFound();
  if (!meetingPolicy[action](found.access)) throw forbidden();
  return found;
}

/** Community-level access for meeting use-cases (planning, lists, the rota). */
export async function requireCommunityMeetings(ctx: AppContext, me: SessionUser, communityId: string, action: MeetingAction, db: DbOrTx = ctx.db) {
  const found = await findWithAccess(db, communityId, me.id);
  if (!found) throw notFound();
  const access: MeetingAccess = { ...found.access, chairsMeeting: false };
  if (!meetingPolicy.view(access)) throw notFound();
  if (!meetingPolicy[action](access)) throw forbidden();
  return { community: found.community, access };
}
