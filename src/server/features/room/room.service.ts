import crypto from 'node:crypto';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { AppError, conflict } from '../../lib/errors';
import type { SessionUser } from '../../plugins/auth';
import { notifyPayload, ROOM_CHANNEL, type Subscriber } from '../../plugins/realtime';
import {
  alternateSeating,
  circleDiffers,
  emptyCheckOut,
  emptyRoomState,
  evolve,
  type RoomEnvelope,
  type RoomEvent,
  type RoomIntent,
  type RoomState,
  type RoomViewer,
} from '../../../contracts/room-state';
import { requireMeeting } from '../meetings/meetings.access';
import { meetingPolicy, type MeetingAccess } from '../meetings/meetings.policy';
import type { MeetingRow } from '../meetings/meetings.repository';
import { findProposal } from '../proposals/proposals.repository';
import { roomProposal } from '../proposals/proposals.view';
import * as repo from './room.repository';
import { check, type RoomActor } from './room.rules';

/** The caller as the room sees them: what they may do there follows from their relation to the meeting. */
const actorOf = (userId: string, access: MeetingAccess): RoomActor => ({
  userId,
  participant: meetingPolicy.participate(access),
  mayTakeChair: meetingPolicy.chair(access),
});

/** The state a room starts from when someone first opens it. */
async function initialState(db: DbOrTx, meeting: MeetingRow): Promise<RoomState> {
  const seed = await repo.roomSeed(db, meeting.id, meeting.communityId);
  const seating = alternateSeating(seed.members);
  return {
    ...emptyRoomState(meeting.id),
    chairUserId: meeting.chairUserId && seed.members.some((m) => m.userId === meeting.chairUserId) ? meeting.chairUserId : null,
    members: seed.members,
    seating,
    present: seating.filter((u) => seed.present.includes(u)),
    inputs: seed.inputs,
    items: seed.items,
    harvests: Object.fromEntries(seed.harvests.map((h) => [h.userId, h])),
    notesMode: seed.notesMode,
    notes: seed.notes,
    actions: seed.actions,
    checkOut: { ...seed.checkOut, open: false },
  };
}

/** The room's state, created on first use (concurrent first uses create it once). */
async function loadOrCreate(db: DbOrTx, meeting: MeetingRow): Promise<RoomState> {
  const existing = await repo.findRoom(db, meeting.id);
  if (existing) return existing;
  await repo.insertRoom(db, { meetingId: meeting.id, networkId: meeting.networkId, communityId: meeting.communityId, state: await initialState(db, meeting) });
  return (await repo.findRoom(db, meeting.id))!;
}

/** Opens the room for a viewer: the current state and what they may do. Anyone who may see the meeting may watch. */
export async function getRoom(ctx: AppContext, me: SessionUser, meetingId: string) {
  const found = await requireMeeting(ctx, me, meetingId, 'view');
  const state = await loadOrCreate(ctx.db, found.meeting);
  return { state, viewer: actorOf(me.id, found.access), communityId: found.meeting.communityId };
}

/** Throws (404) when `me` may no longer see the meeting: for sockets that stay open. */
export async function mayWatch(ctx: AppContext, me: SessionUser, meetingId: string) {
  await requireMeeting(ctx, me, meetingId, 'view');
}

/**
 * Subscribes a connection to a room: the access check first, the circle brought up to date with the
 * community, then the snapshot and every later event in order (see RoomHub.join).
 */
export async function joinRoom(ctx: AppContext, me: SessionUser, meetingId: string, subscriber: Subscriber, send: (state: RoomState, viewer: RoomViewer) => void) {
  const found = await requireMeeting(ctx, me, meetingId, 'view');
  const viewer = actorOf(me.id, found.access);
  await syncCircle(ctx, me, found.meeting);
  await ctx.live.hub.join(meetingId, subscriber, () => loadOrCreate(ctx.db, found.meeting), (state) => send(state, viewer));
  return { communityId: found.meeting.communityId };
}

/**
 * Someone joined or left the community since the room opened: the server records a `circle.sync`
 * event (by whoever's join noticed it), so every screen seats the same people.
 */
export async function syncCircle(ctx: AppContext, me: SessionUser, meeting: MeetingRow) {
  const state = await loadOrCreate(ctx.db, meeting);
  if (state.closedAt || !circleDiffers(state, await repo.circleMembers(ctx.db, meeting.communityId))) return;
  await ctx.live.queue.run(meeting.id, () =>
    commit(ctx, meeting, me.id, `circle-${crypto.randomUUID()}`, async (tx, current) => {
      const members = await repo.circleMembers(tx, meeting.communityId);
      return current.closedAt || !circleDiffers(current, members) ? null : { kind: 'circle.sync', members };
    }),
  );
}

/** As syncCircle, for a room someone in this process watches when the community's members change. */
export async function refreshCircle(ctx: AppContext, me: SessionUser, meetingId: string) {
  const found = await requireMeeting(ctx, me, meetingId, 'view');
  await syncCircle(ctx, me, found.meeting);
}

export interface Applied {
  seq: number;
  /** False when this intent id was applied before (a retry): nothing happened again. */
  applied: boolean;
}

/**
 * Applies one intent: checks who may, applies it in order, stores the event and the new state in
 * one transaction (with the NOTIFY for other processes), then delivers it to this process's
 * subscribers. A retried intent id answers with the first result and changes nothing.
 */
export function applyIntent(ctx: AppContext, me: SessionUser, meetingId: string, clientId: string, intent: RoomIntent): Promise<Applied> {
  return ctx.live.queue.run(meetingId, async () => {
    const found = await requireMeeting(ctx, me, meetingId, 'view');
    const meeting = found.meeting;
    const actor = actorOf(me.id, found.access);
    // A copy of an intent refused before (sent twice around a reconnect) gets the same answer: had the
    // room changed in between, it could otherwise act after all.
    const refused = ctx.live.refusals.get(meetingId, clientId);
    if (refused) throw refused;
    try {
      const result = await commit(ctx, meeting, me.id, clientId, async (tx, state, at) => {
        if (meeting.status === 'cancelled') throw conflict('meetingCancelled');
        const refusal = check(state, intent, actor);
        if (refusal) throw new AppError(refusal.status, refusal.code);
        return toEvent(tx, meeting, state, intent, me.id, at);
      });
      return { seq: result.seq, applied: result.envelope !== null };
    } catch (err) {
      if (err instanceof AppError) ctx.live.refusals.remember(meetingId, clientId, err);
      throw err;
    }
  });
}

/**
 * One step of a room, in one transaction: lock the room, answer a known id with its first sequence
 * number, otherwise let `decide` make the event (or nothing), apply it, store event + state + NOTIFY;
 * after commit, deliver it here. Callers hold the room's queue.
 */
async function commit(
  ctx: AppContext,
  meeting: MeetingRow,
  by: string,
  clientId: string,
  decide: (tx: DbOrTx, state: RoomState, at: Date) => Promise<RoomEvent | null>,
): Promise<{ seq: number; envelope: RoomEnvelope | null }> {
  const at = ctx.now();
  const result = await ctx.db.transaction(async (tx) => {
    let locked = await repo.lockRoomFor(tx, meeting.id, clientId);
    if (!locked) {
      await loadOrCreate(tx, meeting);
      locked = (await repo.lockRoomFor(tx, meeting.id, clientId))!;
    }
    const { state, seen } = locked;
    if (seen !== null) return { seq: seen, envelope: null };
    const event = await decide(tx, state, at);
    if (!event) return { seq: state.seq, envelope: null };
    const envelope: RoomEnvelope = { meetingId: meeting.id, seq: state.seq + 1, at: at.toISOString(), by, event };
    await repo.appendEvent(tx, {
      networkId: meeting.networkId,
      clientId,
      envelope,
      state: evolve(state, envelope),
      notify: ctx.database.kind === 'postgres' ? { channel: ROOM_CHANNEL, payload: notifyPayload(ctx.live.processId, envelope) } : null,
    });
    return { seq: envelope.seq, envelope };
  });
  if (result.envelope) void ctx.live.hub.deliver(meeting.id, result.seq, result.envelope);
  return result;
}

const stale = (current: { text: string; version: number }) => new AppError(409, 'staleVersion', {}, [], {}, current);

/** The intent as an event: the server's facts added, and what it changes outside the room written down. */
async function toEvent(tx: DbOrTx, meeting: MeetingRow, state: RoomState, intent: RoomIntent, by: string, at: Date): Promise<RoomEvent> {
  const ids = { networkId: meeting.networkId, communityId: meeting.communityId, meetingId: meeting.id };
  switch (intent.kind) {
    case 'presence.set':
      await repo.setPresent(tx, { meetingId: meeting.id, networkId: meeting.networkId, userId: intent.userId, present: intent.present, at });
      return intent;
    case 'round.start': {
      const inputs = await repo.inputsByAuthor(tx, meeting.id);
      const inCircle = Object.fromEntries(Object.entries(inputs).filter(([userId]) => state.seating.includes(userId)));
      return { kind: 'round.start', turnSeconds: intent.turnSeconds, inputs: inCircle };
    }
    case 'harvest.save': {
      const saved = await repo.saveHarvest(tx, { ...ids, speakerId: intent.userId, writtenBy: by, text: intent.text, baseVersion: intent.baseVersion, at });
      if ('stale' in saved) throw stale(saved.stale);
      return { kind: 'harvest.save', userId: intent.userId, text: intent.text, version: saved.version };
    }
    case 'item.next':
    case 'item.previous': {
      const { items } = await repo.programme(tx, meeting.id);
      const index = items.findIndex((i) => i.id === state.currentItemId);
      const target = intent.kind === 'item.next' ? (index < 0 ? 0 : index + 1) : index - 1;
      if (target >= items.length || items.length === 0) throw conflict('noNextItem');
      if (target < 0) throw conflict('noPreviousItem');
      return { kind: intent.kind, items, currentItemId: items[target]!.id };
    }
    case 'note.save': {
      const saved = await repo.saveNote(tx, { meetingId: meeting.id, itemId: intent.itemId, text: intent.text, baseVersion: intent.baseVersion, at });
      if (!saved) throw new AppError(422, 'unknownItem');
      if ('stale' in saved) throw stale(saved.stale);
      return { kind: 'note.save', itemId: intent.itemId, text: intent.text, version: saved.version };
    }
    case 'action.add': {
      const { kind: _kind, ...fields } = intent;
      const id = await repo.insertAction(tx, { ...ids, ...fields, at });
      return { kind: 'action.add', action: { id, ...fields } };
    }
    case 'notes.configure':
      await repo.setNotesMode(tx, meeting.communityId, intent.mode);
      return intent;
    case 'checkOut.submit': {
      await repo.saveCheckOut(tx, { ...ids, userId: by, score: intent.score, word: intent.word, at });
      const { answered } = await repo.checkOutSummary(tx, meeting.id, true);
      return { kind: 'checkOut.submit', summary: { ...emptyCheckOut(), open: true, answered } };
    }
    case 'room.close':
      return { kind: 'room.close', checkOut: await repo.checkOutSummary(tx, meeting.id, false) };
    case 'proposal.show': {
      if (intent.proposalId === null) return { kind: 'proposal.show', proposal: null };
      const p = await findProposal(tx, intent.proposalId);
      if (!p || p.communityId !== meeting.communityId) throw new AppError(422, 'unknownProposal');
      return { kind: 'proposal.show', proposal: await roomProposal(tx, p, at) };
    }
    case 'seating.set':
    case 'turn.next':
    case 'turn.previous':
    case 'turn.pass':
    case 'room.pause':
    case 'room.resume':
    case 'chair.handOver':
    case 'checkOut.open':
      return intent;
  }
}

/**
 * A proposal changed (a response, an amendment, closing): every open room of its community that shows
 * it records a `proposal.sync`, so every screen in every process shows the same responses.
 */
export async function syncProposal(ctx: AppContext, proposalId: string, communityId: string, by: string | null) {
  for (const meetingId of await repo.roomsShowing(ctx.db, communityId, proposalId)) {
    const meeting = await repo.findMeetingRow(ctx.db, meetingId);
    if (!meeting) continue;
    await ctx.live.queue.run(meetingId, () =>
      commit(ctx, meeting, by ?? '', `proposal-${crypto.randomUUID()}`, async (tx, state, at) => {
        const p = await findProposal(tx, proposalId);
        return p && !state.closedAt && state.proposal?.id === proposalId ? { kind: 'proposal.sync', proposal: await roomProposal(tx, p, at) } : null;
      }),
    );
  }
}
