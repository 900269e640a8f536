import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { AppError, conflict, forbidden, notFound, staleVersion, type FieldError } from '../../lib/errors';
import type { SessionUser } from '../../plugins/auth';
import type { Locale } from '../../../contracts/enums';
import type { ActionItem, Agenda, AgendaItem, AgendaItemKind, Minutes } from '../../../contracts/meetings';
import { toZoned } from '../../../contracts/zoned';
import { meetingPolicy } from '../meetings/meetings.policy';
import { listAttendees, lockMeeting, participantIds, type MeetingRow } from '../meetings/meetings.repository';
import { requireMeeting } from '../meetings/meetings.access';
import { queueMinutesPublished, queueProgrammePublished } from '../notifications/notifications.service';
import * as repo from './agenda.repository';

type Found = Awaited<ReturnType<typeof requireMeeting>>;

/** Titles of the items every new programme opens and closes with, in the language of the chair who starts it. */
const FRAME_TITLES: Record<Locale, { harvestRound: string; checkOut: string }> = {
  nl: { harvestRound: 'Rondje kennisoogst', checkOut: 'Check-out' },
  en: { harvestRound: 'Harvest round', checkOut: 'Check-out' },
};

/**
 * The harvest round takes 30 minutes and the check-out 10, unless the meeting is short: then the
 * harvest round takes at most a quarter of it and the check-out 5 minutes (never less than 5 each).
 */
export function frameDurations(meetingMinutes: number) {
  const quarter = Math.floor(meetingMinutes / 4 / 5) * 5;
  return { harvestRound: Math.max(5, Math.min(30, quarter)), checkOut: meetingMinutes >= 60 ? 10 : 5 };
}

const lengthOf = (m: MeetingRow) => Math.round((m.endsAt.getTime() - m.startsAt.getTime()) / 60_000);

function toItem(r: repo.ItemWithOwner): AgendaItem {
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

function toAction(r: repo.ActionWithContext): ActionItem {
  const a = r.action;
  return {
    id: a.id,
    meetingId: a.meetingId,
    meetingDate: toZoned(r.meetingStartsAt, r.meetingTimeZone).date,
    agendaItemId: a.agendaItemId,
    title: a.title,
    owner: a.ownerUserId && r.ownerName !== null ? { userId: a.ownerUserId, name: r.ownerName } : null,
    dueDate: a.dueDate,
    done: a.doneAt !== null,
    version: a.version,
  };
}

const validation = (fields: FieldError[]) => new AppError(422, 'validation', {}, fields);

/** Owners are people who take part in the community; linked inputs belong to this meeting. */
async function checkReferences(db: DbOrTx, m: MeetingRow, body: { ownerUserId?: string | null; inputIds?: string[] }) {
  const fields: FieldError[] = [];
  if (body.ownerUserId) {
    const participants = await participantIds(db, m.communityId);
    if (!participants.includes(body.ownerUserId)) fields.push({ path: 'ownerUserId', code: 'notAMember' });
  }
  if (body.inputIds?.length) {
    const known = await repo.inputIdsOf(db, m.id, body.inputIds);
    body.inputIds.forEach((id, i) => {
      if (!known.has(id)) fields.push({ path: `inputIds.${i}`, code: 'inputNotInMeeting' });
    });
  }
  if (fields.length) throw validation(fields);
}

// ----- the programme --------------------------------------------------------------------------------
async function agendaOf(ctx: AppContext, found: Found, db: DbOrTx = ctx.db): Promise<Agenda> {
  const m = found.meeting;
  const chair = meetingPolicy.chair(found.access);
  const visible = m.programmePublishedAt !== null || chair;
  // Action items of minutes still in draft are for the chair's eyes only.
  const [items, open] = visible ? await Promise.all([repo.listItems(db, m.id), repo.openActionsBefore(db, m.communityId, m.startsAt, !chair)]) : [[], []];
  return {
    meetingId: m.id,
    started: m.agendaStartedAt !== null,
    items: items.map(toItem),
    totalMinutes: items.reduce((sum, r) => sum + r.item.durationMinutes, 0),
    meetingMinutes: lengthOf(m),
    publishedAt: m.programmePublishedAt?.toISOString() ?? null,
    openActions: open.map(toAction),
    visible,
    canEdit: chair,
  };
}

/** Re-reads the meeting after a change, so flags set in this request show. */
async function freshAgenda(ctx: AppContext, me: SessionUser, meetingId: string) {
  return agendaOf(ctx, await requireMeeting(ctx, me, meetingId, 'view'));
}

export async function getAgenda(ctx: AppContext, me: SessionUser, meetingId: string) {
  return freshAgenda(ctx, me, meetingId);
}

/** Opens the programme with a harvest round and closes it with a check-out; once. */
export async function startAgenda(ctx: AppContext, me: SessionUser, meetingId: string, locale: Locale) {
  await requireMeeting(ctx, me, meetingId, 'chair');
  await ctx.db.transaction(async (tx) => {
    const m = await lockMeeting(tx, meetingId);
    if (!m) throw notFound();
    if (m.agendaStartedAt) return;
    const durations = frameDurations(lengthOf(m));
    const titles = FRAME_TITLES[locale];
    const now = ctx.now();
    const base = { networkId: m.networkId, meetingId: m.id, updatedAt: now };
    await repo.insertItems(tx, [
      { ...base, position: 0, kind: 'harvestRound', title: titles.harvestRound, durationMinutes: durations.harvestRound },
      { ...base, position: 1, kind: 'checkOut', title: titles.checkOut, durationMinutes: durations.checkOut },
    ]);
    await repo.setFlagOnce(tx, m.id, 'agendaStartedAt', now);
  });
  return freshAgenda(ctx, me, meetingId);
}

export interface CreateItem {
  kind: AgendaItemKind;
  title: string;
  durationMinutes: number;
  ownerUserId?: string | null;
  inputIds?: string[];
  position?: number;
}

/** Adds an item before the closing check-out, or at `position` when given. */
export async function createItem(ctx: AppContext, me: SessionUser, meetingId: string, body: CreateItem) {
  await requireMeeting(ctx, me, meetingId, 'chair');
  const id = await ctx.db.transaction(async (tx) => {
    const m = await lockMeeting(tx, meetingId);
    if (!m) throw notFound();
    if (!m.agendaStartedAt) throw conflict('agendaNotStarted');
    await checkReferences(tx, m, body);
    const items = await repo.listItems(tx, m.id);
    const last = items.at(-1)?.item;
    const index = body.position !== undefined ? Math.min(body.position, items.length) : last?.kind === 'checkOut' ? items.length - 1 : items.length;
    const at = items[index]?.item.position ?? (last ? last.position + 1 : 0);
    if (index < items.length) await repo.shiftFrom(tx, m.id, at);
    const [row] = await repo.insertItems(tx, [
      {
        networkId: m.networkId,
        meetingId: m.id,
        position: at,
        kind: body.kind,
        title: body.title,
        durationMinutes: body.durationMinutes,
        ownerUserId: body.ownerUserId ?? null,
        inputIds: [...new Set(body.inputIds ?? [])],
        updatedAt: ctx.now(),
      },
    ]);
    return row!.id;
  });
  return itemById(ctx, id);
}

async function itemById(ctx: AppContext, itemId: string, db: DbOrTx = ctx.db) {
  const row = await repo.findItemWithOwner(db, itemId);
  if (!row) throw notFound();
  return toItem(row);
}

async function requireItem(ctx: AppContext, me: SessionUser, itemId: string) {
  const item = await repo.findItem(ctx.db, itemId);
  if (!item) throw notFound();
  return { item, found: await requireMeeting(ctx, me, item.meetingId, 'chair') };
}

export interface UpdateItem {
  version: number;
  kind?: AgendaItemKind;
  title?: string;
  durationMinutes?: number;
  ownerUserId?: string | null;
  inputIds?: string[];
  notes?: string;
}

/** A save based on an older version is refused with the item as it is now: never a silent overwrite. */
export async function updateItem(ctx: AppContext, me: SessionUser, itemId: string, body: UpdateItem) {
  const { found } = await requireItem(ctx, me, itemId);
  await checkReferences(ctx.db, found.meeting, body);
  const { version, inputIds, ...rest } = body;
  const set = { ...rest, ...(inputIds ? { inputIds: [...new Set(inputIds)] } : {}) };
  const updated = await repo.updateItemIfVersion(ctx.db, itemId, version, set, ctx.now());
  if (!updated) throw staleVersion(await itemById(ctx, itemId));
  return itemById(ctx, itemId);
}

export async function deleteItem(ctx: AppContext, me: SessionUser, itemId: string) {
  const { item } = await requireItem(ctx, me, itemId);
  await ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, item.meetingId);
    await repo.deleteItem(tx, itemId);
    await repo.renumber(tx, item.meetingId);
  });
}

/** The new order must name exactly the items there are now (else someone changed the programme meanwhile). */
export async function reorder(ctx: AppContext, me: SessionUser, meetingId: string, body: { itemIds: string[] }) {
  await requireMeeting(ctx, me, meetingId, 'chair');
  await ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, meetingId);
    const current = new Set((await repo.listItems(tx, meetingId)).map((r) => r.item.id));
    const given = new Set(body.itemIds);
    const same = given.size === body.itemIds.length && given.size === current.size && body.itemIds.every((id) => current.has(id));
    if (!same) throw validation([{ path: 'itemIds', code: 'itemsDiffer' }]);
    await repo.setOrder(tx, body.itemIds);
  });
  return freshAgenda(ctx, me, meetingId);
}

/** Members are told the first time; publishing again just shows the programme as it is. */
export async function publishAgenda(ctx: AppContext, me: SessionUser, meetingId: string) {
  const { meeting: m } = await requireMeeting(ctx, me, meetingId, 'chair');
  if (m.status === 'cancelled') throw conflict('meetingCancelled');
  if (!m.agendaStartedAt) throw conflict('agendaNotStarted');
  const queued = await ctx.db.transaction(async (tx) => {
    if (!(await repo.setFlagOnce(tx, meetingId, 'programmePublishedAt', ctx.now()))) return false;
    await queueProgrammePublished(ctx, tx, meetingId);
    return true;
  });
  if (queued) ctx.jobs.kick();
  return freshAgenda(ctx, me, meetingId);
}

// ----- minutes ---------------------------------------------------------------------------------------
async function minutesOf(ctx: AppContext, found: Found): Promise<Minutes> {
  const m = found.meeting;
  const chair = meetingPolicy.chair(found.access);
  const visible = m.minutesPublishedAt !== null || chair;
  const base = { meetingId: m.id, publishedAt: m.minutesPublishedAt?.toISOString() ?? null, visible, canEdit: chair };
  if (!visible) return { ...base, items: [], actions: [], present: [], absent: [] };
  const [items, actions, attendees] = await Promise.all([repo.listItems(ctx.db, m.id), repo.listActions(ctx.db, m.id), listAttendees(ctx.db, m.id, m.communityId)]);
  const person = (a: { userId: string; name: string }) => ({ userId: a.userId, name: a.name });
  return {
    ...base,
    items: items.map(toItem),
    actions: actions.map(toAction),
    present: attendees.filter((a) => a.present === true).map(person),
    absent: attendees.filter((a) => a.present === false).map(person),
  };
}

export async function getMinutes(ctx: AppContext, me: SessionUser, meetingId: string) {
  return minutesOf(ctx, await requireMeeting(ctx, me, meetingId, 'view'));
}

export async function publishMinutes(ctx: AppContext, me: SessionUser, meetingId: string) {
  const { meeting: m } = await requireMeeting(ctx, me, meetingId, 'chair');
  if (m.status === 'cancelled') throw conflict('meetingCancelled');
  const queued = await ctx.db.transaction(async (tx) => {
    if (!(await repo.setFlagOnce(tx, meetingId, 'minutesPublishedAt', ctx.now()))) return false;
    await queueMinutesPublished(ctx, tx, meetingId);
    return true;
  });
  if (queued) ctx.jobs.kick();
  return getMinutes(ctx, me, meetingId);
}

// ----- action items -------------------------------------------------------------------------------------
async function actionById(ctx: AppContext, actionId: string) {
  const row = await repo.findActionWithContext(ctx.db, actionId);
  if (!row) throw notFound();
  return toAction(row);
}

export async function createAction(
  ctx: AppContext,
  me: SessionUser,
  meetingId: string,
  body: { title: string; ownerUserId?: string | null; dueDate?: string | null; agendaItemId?: string | null },
) {
  const { meeting: m } = await requireMeeting(ctx, me, meetingId, 'chair');
  await checkReferences(ctx.db, m, body);
  if (body.agendaItemId && !(await repo.itemInMeeting(ctx.db, m.id, body.agendaItemId))) throw validation([{ path: 'agendaItemId', code: 'invalid' }]);
  const row = await repo.insertAction(ctx.db, {
    networkId: m.networkId,
    communityId: m.communityId,
    meetingId: m.id,
    agendaItemId: body.agendaItemId ?? null,
    title: body.title,
    ownerUserId: body.ownerUserId ?? null,
    dueDate: body.dueDate ?? null,
    createdAt: ctx.now(),
  });
  return actionById(ctx, row.id);
}

/**
 * The chair changes anything; the owner of an action item may only tick it off (or undo that).
 * Like programme items, a save based on an older version gets 409 with the current one.
 */
export async function updateAction(
  ctx: AppContext,
  me: SessionUser,
  actionId: string,
  body: { version: number; title?: string; ownerUserId?: string | null; dueDate?: string | null; done?: boolean },
) {
  const action = await repo.findAction(ctx.db, actionId);
  if (!action) throw notFound();
  const found = await requireMeeting(ctx, me, action.meetingId, 'view');
  if (!meetingPolicy.chair(found.access)) {
    const onlyDone = Object.keys(body).every((k) => k === 'version' || k === 'done');
    if (action.ownerUserId !== me.id || !onlyDone || !meetingPolicy.participate(found.access)) throw forbidden();
  }
  await checkReferences(ctx.db, found.meeting, body);
  const { version, done, ...set } = body;
  const updated = await repo.updateActionIfVersion(ctx.db, actionId, version, set, done, ctx.now());
  if (!updated) throw staleVersion(await actionById(ctx, actionId));
  return actionById(ctx, actionId);
}

export async function deleteAction(ctx: AppContext, me: SessionUser, actionId: string) {
  const action = await repo.findAction(ctx.db, actionId);
  if (!action) throw notFound();
  await requireMeeting(ctx, me, action.meetingId, 'chair');
  await repo.deleteAction(ctx.db, actionId);
}
