import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { forbidden, notFound } from '../../lib/errors';
import type { SessionUser } from '../../plugins/auth';
import { findWithAccess } from '../communities/communities.repository';
import { monitorPolicy, type MonitorAccess, type MonitorAction } from './monitor.policy';

/** The access check monitor and evaluation use-cases start with: 404 when the caller cannot see the community, 403 when they may not act. */
export async function requireMonitor(ctx: AppContext, me: SessionUser, communityId: string, action: MonitorAction, db: DbOrTx = ctx.db) {
  const found = await findWithAccess(db, communityId, me.id);
  if (!found) throw notFound();
  const access: MonitorAccess = found.access;
  if (!monitorPolicy.view(access)) throw notFound();
  if (!monitorPolicy[action](access)) throw forbidden();
  return { community: found.community, access };
}
