import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { conflict, forbidden, notFound, staleVersion } from '../../lib/errors';
import type { SessionUser } from '../../plugins/auth';
import type { InputKind, InputOverview, MeetingInput } from '../../../contracts/meetings';
import { meetingPolicy } from '../meetings/meetings.policy';
import { listAttendees, type MeetingRow } from '../meetings/meetings.repository';
import { requireMeeting } from '../meetings/meetings.access';
import { queueInputReminder } from '../notifications/notifications.service';
import * as repo from './input.repository';

/** Links to programme items are shown only to those who may see the programme (no peeking at a draft). */
function toInput(r: repo.InputWithAuthor, me: SessionUser, programmeVisible: boolean): MeetingInput {
  const i = r.input;
  return {
    id: i.id,
    meetingId: i.meetingId,
    author: { userId: i.authorId, name: r.authorName, organisationName: r.organisationName },
    kind: i.kind as InputKind,
    title: i.title,
    body: i.body,
    mine: i.authorId === me.id,
    agendaItemIds: programmeVisible ? r.agendaItemIds : [],
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

type Found = Awaited<ReturnType<typeof requireMeeting>>;
const programmeVisible = (found: Found) => found.meeting.programmePublishedAt !== null || meetingPolicy.chair(found.access);

/** Input is open from the moment a meeting is planned until its deadline; never for a cancelled one. */
function assertOpen(ctx: AppContext, m: MeetingRow) {
  if (m.status === 'cancelled') throw conflict('meetingCancelled');
  if (ctx.now() >= m.inputDeadline) throw conflict('inputClosed');
}

async function mapped(ctx: AppContext, me: SessionUser, found: Found, inputId: string, db: DbOrTx = ctx.db) {
  const row = await repo.findInputWithAuthor(db, inputId);
  if (!row) throw notFound();
  return toInput(row, me, programmeVisible(found));
}

export async function getOverview(ctx: AppContext, me: SessionUser, meetingId: string): Promise<InputOverview> {
  const found = await requireMeeting(ctx, me, meetingId, 'view');
  return overviewOf(ctx, me, found);
}

async function overviewOf(ctx: AppContext, me: SessionUser, found: Found): Promise<InputOverview> {
  const m = found.meeting;
  const [inputs, participants] = await Promise.all([repo.listInputs(ctx.db, m.id), listAttendees(ctx.db, m.id, m.communityId)]);
  const authors = new Set(inputs.map((r) => r.input.authorId));
  const missing = participants.filter((p) => !authors.has(p.userId)).map((p) => ({ userId: p.userId, name: p.name }));
  const visible = programmeVisible(found);
  return {
    meetingId: m.id,
    deadline: m.inputDeadline.toISOString(),
    open: m.status === 'planned' && ctx.now() < m.inputDeadline,
    inputs: inputs.map((r) => toInput(r, me, visible)),
    missing: meetingPolicy.chair(found.access) ? missing : null,
    memberCount: participants.length,
    contributorCount: participants.length - missing.length,
    reminderSentAt: m.inputReminderSentAt?.toISOString() ?? null,
  };
}

export async function addInput(ctx: AppContext, me: SessionUser, meetingId: string, body: { kind: InputKind; title: string; body?: string }) {
  const found = await requireMeeting(ctx, me, meetingId, 'participate');
  const m = found.meeting;
  assertOpen(ctx, m);
  const now = ctx.now();
  const row = await repo.insertInput(ctx.db, {
    networkId: m.networkId,
    meetingId: m.id,
    authorId: me.id,
    kind: body.kind,
    title: body.title,
    body: body.body ?? '',
    createdAt: now,
    updatedAt: now,
  });
  return mapped(ctx, me, found, row.id);
}

/** Own input only, while input is open. The input's meeting decides who may see it at all. */
async function requireOwnInput(ctx: AppContext, me: SessionUser, inputId: string) {
  const input = await repo.findInput(ctx.db, inputId);
  if (!input) throw notFound();
  const found = await requireMeeting(ctx, me, input.meetingId, 'view');
  if (input.authorId !== me.id || !meetingPolicy.participate(found.access)) throw forbidden();
  assertOpen(ctx, found.meeting);
  return { input, found };
}

export async function updateInput(ctx: AppContext, me: SessionUser, inputId: string, body: { version: number; kind?: InputKind; title?: string; body?: string }) {
  const { found } = await requireOwnInput(ctx, me, inputId);
  const { version, ...set } = body;
  const updated = await repo.updateInputIfVersion(ctx.db, inputId, version, set, ctx.now());
  if (!updated) throw staleVersion(await mapped(ctx, me, found, inputId));
  return mapped(ctx, me, found, inputId);
}

export async function deleteInput(ctx: AppContext, me: SessionUser, inputId: string) {
  await requireOwnInput(ctx, me, inputId);
  await repo.deleteInput(ctx.db, inputId);
}

/** The chair's one reminder, to participants without input, while input is still open. */
export async function remind(ctx: AppContext, me: SessionUser, meetingId: string) {
  const found = await requireMeeting(ctx, me, meetingId, 'chair');
  assertOpen(ctx, found.meeting);
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.claimReminder(tx, meetingId, ctx.now()))) throw conflict('reminderAlreadySent');
    await queueInputReminder(ctx, tx, meetingId, me.name);
  });
  ctx.jobs.kick();
  return getOverview(ctx, me, meetingId);
}
