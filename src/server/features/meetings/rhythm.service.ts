import type { AppContext } from '../../context';
import type { SessionUser } from '../../plugins/auth';
import type { ActionItem, AgendaItem, AgendaItemKind, Rhythm } from '../../../contracts/meetings';
import { toZoned } from '../../../contracts/zoned';
import { meetingPolicy } from './meetings.policy';
import * as repo from './meetings.repository';
import { requireCommunityMeetings } from './meetings.access';
import { summariesFor } from './meetings.service';

/** More than six weeks between two meetings: the advice is about monthly. */
export const GAP_WARNING_DAYS = 42;

function toItem(r: Awaited<ReturnType<typeof repo.agendaItemsOf>>[number]): AgendaItem {
  const i = r.item;
  return {
    id: i.id,
    meetingId: i.meetingId,
    position: i.position,
    kind: i.kind as AgendaItemKind,
    title: i.title,
    durationMinutes: i.durationMinutes,
    owner: i.ownerUserId && r.ownerName !== null ? { userId: i.ownerUserId, name: r.ownerName } : null,
    inputIds: i.inputIds,
    notes: i.notes,
    version: i.version,
    updatedAt: i.updatedAt.toISOString(),
  };
}

/** The community page's view of its rhythm: what comes next, what was last agreed, and the gap. */
export async function getRhythm(ctx: AppContext, me: SessionUser, communityId: string): Promise<Rhythm> {
  const { access } = await requireCommunityMeetings(ctx, me, communityId, 'view');
  const now = ctx.now();
  const { last, next } = await repo.lastHeldAndNext(ctx.db, communityId, now);
  const [nextSummary] = next ? await summariesFor(ctx, ctx.db, me, [next.id]) : [];

  let nextAgenda: AgendaItem[] | null = null;
  let nextInput: Rhythm['nextInput'] = null;
  if (next) {
    const chairs = meetingPolicy.chair({ ...access, chairsMeeting: next.chairUserId === me.id });
    if (next.programmePublishedAt || chairs) nextAgenda = (await repo.agendaItemsOf(ctx.db, next.id)).map(toItem);
    const status = await repo.inputStatus(ctx.db, next.id, communityId, me.id);
    nextInput = {
      deadline: next.inputDeadline.toISOString(),
      open: now < next.inputDeadline,
      contributorCount: status.contributors,
      memberCount: nextSummary ? nextSummary.counts.yes + nextSummary.counts.no + nextSummary.counts.maybe + nextSummary.counts.unanswered : 0,
      mine: status.mine,
    };
  }

  let lastMinutes: Rhythm['lastMinutes'] = null;
  const minutesId = await repo.lastMinutesMeeting(ctx.db, communityId);
  if (minutesId) {
    const [meeting] = await summariesFor(ctx, ctx.db, me, [minutesId]);
    const items = (await repo.agendaItemsOf(ctx.db, minutesId)).filter((r) => r.item.notes.trim()).map((r) => ({ title: r.item.title, notes: r.item.notes }));
    const openActions: ActionItem[] = (await repo.openActionsOfCommunity(ctx.db, communityId)).map((r) => ({
      id: r.action.id,
      meetingId: r.action.meetingId,
      meetingDate: toZoned(r.meetingStartsAt, r.meetingTimeZone).date,
      agendaItemId: r.action.agendaItemId,
      title: r.action.title,
      owner: r.action.ownerUserId && r.ownerName !== null ? { userId: r.action.ownerUserId, name: r.ownerName } : null,
      dueDate: r.action.dueDate,
      done: false,
      version: r.action.version,
    }));
    if (meeting) lastMinutes = { meeting, items, openActions };
  }

  let gapWarning: Rhythm['gapWarning'] = null;
  if (last && next) {
    const days = (next.startsAt.getTime() - last.startsAt.getTime()) / 86_400_000;
    if (days > GAP_WARNING_DAYS) gapWarning = { previousAt: last.startsAt.toISOString(), nextAt: next.startsAt.toISOString(), weeks: Math.round((days / 7) * 10) / 10 };
  }

  return { communityId, nextMeeting: nextSummary ?? null, nextAgenda, nextInput, lastMinutes, gapWarning, canPlan: meetingPolicy.plan(access) };
}
