/**
 * Part 3, the live meeting room: its state and the one handler per event that evolves it.
 *
 * The server is the authority: it checks an intent, turns it into an event, applies it with
 * `evolve`, stores it with the next sequence number and broadcasts it. Every client applies the same
 * `evolve` to the same events in the same order, so every screen shows the same room. No zod here:
 * the web bundles this file.
 */

export const noteModes = ['noteTaker', 'anyone'] as const;
export type NoteMode = (typeof noteModes)[number];

export interface RoomMember {
  userId: string;
  name: string;
  organisationId: string | null;
  organisationName: string | null;
  stakeholderGroup: string;
}

export interface RoomItem {
  id: string;
  kind: string;
  title: string;
  durationMinutes: number;
}

/** Input a member gave beforehand; read out in their turn when they are absent. */
export interface RoomInput {
  kind: string;
  title: string;
  body: string;
}

export type TurnStatus = 'waiting' | 'speaking' | 'spoke' | 'passed';

export interface Turn {
  userId: string;
  /** The member is absent; their input is read out in their turn. */
  absent: boolean;
  status: TurnStatus;
  /** Time spoken so far, excluding pauses and the running stretch (see `round.runningSince`). */
  spokenMs: number;
  firstStartedAt: string | null;
}

export interface Round {
  turns: Turn[];
  /** Optional time per turn, for the countdown. */
  turnSeconds: number | null;
  startedAt: string;
  completedAt: string | null;
  /** When the current turn's clock last started; null while paused or when nobody speaks. */
  runningSince: string | null;
}

export interface Harvest {
  userId: string;
  text: string;
  version: number;
  writtenBy: string;
  updatedAt: string;
}

export interface RoomNote {
  text: string;
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface RoomAction {
  id: string;
  title: string;
  ownerUserId: string | null;
  dueDate: string | null;
  agendaItemId: string | null;
}

/**
 * The check-out in aggregate: nobody's own score is broadcast. While it is open, only who answered
 * is shared (a growing aggregate would give each answer away); closing the meeting reveals it.
 */
export interface CheckOutSummary {
  open: boolean;
  /** How many answered 1, 2, 3, 4 and 5. */
  distribution: [number, number, number, number, number];
  /** The words given, sorted, without names. */
  words: string[];
  answered: string[];
}

/** A proposal the chair put on screen (part 4): members respond live, every screen shows the responses. */
export interface RoomProposal {
  id: string;
  title: string;
  body: string;
  process: 'consent' | 'consensus' | 'advice';
  status: 'open' | 'closed' | 'withdrawn';
  result: 'passed' | 'notPassed' | 'advised' | null;
  round: number;
  closesAt: string | null;
  /** The quorum the proposal opened with; absent in rooms stored before it was carried. */
  quorum?: 'groups' | 'groupsAndMajority' | 'everyone';
  /** Who is asked to respond (for advice not the proposer); absent means the whole circle. */
  participantIds?: string[];
  /** Responses of the circle; `current` false means it answers an earlier wording. */
  responses: { userId: string; position: string; reason: string; current: boolean; version: number }[];
}

export interface RoomState {
  meetingId: string;
  seq: number;
  chairUserId: string | null;
  /** The circle: participants (members, chairs, coordinators) in seating order. */
  members: RoomMember[];
  seating: string[];
  present: string[];
  inputs: Record<string, RoomInput[]>;
  items: RoomItem[];
  currentItemId: string | null;
  paused: boolean;
  round: Round | null;
  harvests: Record<string, Harvest>;
  notesMode: NoteMode;
  noteTakerUserId: string | null;
  notes: Record<string, RoomNote>;
  actions: RoomAction[];
  checkOut: CheckOutSummary;
  closedAt: string | null;
  /** The proposal on screen; absent in rooms stored before part 4. */
  proposal?: RoomProposal | null;
}

/** What a client asks for. Every intent carries a client-generated id (see RoomClientMessage). */
export type RoomIntent =
  | { kind: 'presence.set'; userId: string; present: boolean }
  | { kind: 'seating.set'; order: string[] }
  | { kind: 'round.start'; turnSeconds: number | null }
  | { kind: 'turn.next' }
  | { kind: 'turn.previous' }
  | { kind: 'turn.pass'; userId: string }
  | { kind: 'harvest.save'; userId: string; text: string; baseVersion: number | null }
  | { kind: 'room.pause' }
  | { kind: 'room.resume' }
  | { kind: 'item.next' }
  | { kind: 'item.previous' }
  | { kind: 'chair.handOver'; userId: string }
  | { kind: 'notes.configure'; mode: NoteMode; noteTakerUserId: string | null }
  | { kind: 'note.save'; itemId: string; text: string; baseVersion: number }
  | { kind: 'action.add'; title: string; ownerUserId: string | null; dueDate: string | null; agendaItemId: string | null }
  | { kind: 'checkOut.open' }
  | { kind: 'checkOut.submit'; score: number; word: string }
  | { kind: 'proposal.show'; proposalId: string | null }
  | { kind: 'room.close' };
export type RoomIntentKind = RoomIntent['kind'];

/** What happened: the intent as the server applied it, with the facts only the server knows. */
export type RoomEvent =
  | { kind: 'presence.set'; userId: string; present: boolean }
  | { kind: 'seating.set'; order: string[] }
  | { kind: 'round.start'; turnSeconds: number | null; inputs: Record<string, RoomInput[]> }
  | { kind: 'turn.next' }
  | { kind: 'turn.previous' }
  | { kind: 'turn.pass'; userId: string }
  | { kind: 'harvest.save'; userId: string; text: string; version: number }
  | { kind: 'room.pause' }
  | { kind: 'room.resume' }
  | { kind: 'item.next'; items: RoomItem[]; currentItemId: string | null }
  | { kind: 'item.previous'; items: RoomItem[]; currentItemId: string | null }
  | { kind: 'chair.handOver'; userId: string }
  | { kind: 'notes.configure'; mode: NoteMode; noteTakerUserId: string | null }
  | { kind: 'note.save'; itemId: string; text: string; version: number }
  | { kind: 'action.add'; action: RoomAction }
  | { kind: 'checkOut.open' }
  | { kind: 'checkOut.submit'; summary: CheckOutSummary }
  /** Closing reveals the check-out in aggregate (while it is open only who answered is shared). */
  | { kind: 'room.close'; checkOut: CheckOutSummary }
  /** The server's own: the community's members changed since the room opened (someone joined or left). */
  | { kind: 'circle.sync'; members: RoomMember[] }
  /** The chair puts a proposal on screen (or takes it off). */
  | { kind: 'proposal.show'; proposal: RoomProposal | null }
  /** The server's own: the proposal on screen changed (a response, an amendment, closing). */
  | { kind: 'proposal.sync'; proposal: RoomProposal };
export type RoomEventKind = RoomEvent['kind'];

/** An event as stored and broadcast: its place in the room's order, when and by whom. */
export interface RoomEnvelope {
  meetingId: string;
  seq: number;
  at: string;
  by: string;
  event: RoomEvent;
}

// ----- wire messages ------------------------------------------------------------------
export type RoomClientMessage =
  | { type: 'join'; meetingId: string }
  | { type: 'leave'; meetingId: string }
  | { type: 'intent'; id: string; meetingId: string; intent: RoomIntent };

export type RoomServerMessage =
  | { type: 'snapshot'; meetingId: string; state: RoomState; serverTime: string; me: RoomViewer }
  | ({ type: 'event' } & RoomEnvelope)
  | { type: 'ack'; id: string; meetingId: string; seq: number }
  | { type: 'rejected'; id: string; meetingId: string; status: number; code: string; message: string; current?: unknown }
  | { type: 'error'; meetingId: string | null; status: number; code: string; message: string };

/** What the receiving user may do in the room (the server checks again on every intent). */
export interface RoomViewer {
  userId: string;
  participant: boolean;
  /** May drive when nobody holds the chair (coordinators, the meeting's chair). */
  mayTakeChair: boolean;
}

// ----- who may: the rules both sides apply (the server enforces them, the web shows them) ------
/** Only the chair drives the room; while nobody holds the chair, whoever may take it. */
export const drives = (s: RoomState, a: RoomViewer) => (s.chairUserId ? s.chairUserId === a.userId : a.mayTakeChair);

/** Live notes and action items: the chair, the note-taker, or every participant when the community chose so. */
export const writesNotes = (s: RoomState, a: RoomViewer) =>
  drives(s, a) || (a.participant && (s.notesMode === 'anyone' || s.noteTakerUserId === a.userId));

/** A harvest is written by the speaker once their turn has come, or by the chair on their behalf. */
export const writesHarvest = (s: RoomState, a: RoomViewer, speakerId: string) =>
  drives(s, a) || (a.participant && a.userId === speakerId);

// ----- the state machine --------------------------------------------------------------
const ms = (iso: string) => Date.parse(iso);

export const emptyCheckOut = (): CheckOutSummary => ({ open: false, distribution: [0, 0, 0, 0, 0], words: [], answered: [] });

/** A room with nobody in it yet: what a new room starts from before the meeting's data is added. */
export const emptyRoomState = (meetingId: string): RoomState => ({
  meetingId,
  seq: 0,
  chairUserId: null,
  members: [],
  seating: [],
  present: [],
  inputs: {},
  items: [],
  currentItemId: null,
  paused: false,
  round: null,
  harvests: {},
  notesMode: 'noteTaker',
  noteTakerUserId: null,
  notes: {},
  actions: [],
  checkOut: emptyCheckOut(),
  closedAt: null,
  proposal: null,
});

export const speakingTurn = (round: Round | null): Turn | null => round?.turns.find((t) => t.status === 'speaking') ?? null;

/** Milliseconds the current turn has run at `now` (pauses excluded). */
export function currentTurnMs(round: Round | null, now: string): number {
  const turn = speakingTurn(round);
  if (!round || !turn) return 0;
  return turn.spokenMs + (round.runningSince ? Math.max(0, ms(now) - ms(round.runningSince)) : 0);
}

/** Whether every turn has been taken (spoke or passed). */
export const roundComplete = (round: Round | null) => !!round && round.turns.every((t) => t.status === 'spoke' || t.status === 'passed');

/**
 * Puts waiting turns in circle order, continuing from the current speaker's seat (or the last one
 * who had a turn, or the first seat). Turns already taken keep their order.
 */
export function orderTurns(turns: Turn[], seating: string[]): Turn[] {
  const seat = (userId: string) => {
    const i = seating.indexOf(userId);
    return i < 0 ? seating.length : i;
  };
  const settled = turns.filter((t) => t.status !== 'waiting');
  const waiting = turns.filter((t) => t.status === 'waiting');
  const anchorTurn = settled.find((t) => t.status === 'speaking') ?? settled[settled.length - 1];
  const n = Math.max(seating.length, 1);
  const distance = (userId: string) => {
    const s = seat(userId);
    if (s >= seating.length) return n + 1;
    if (!anchorTurn) return s;
    const a = seat(anchorTurn.userId);
    return a >= seating.length ? s : (s - a + n) % n;
  };
  waiting.sort((x, y) => distance(x.userId) - distance(y.userId) || x.userId.localeCompare(y.userId));
  return [...settled, ...waiting];
}

/** Stops the current turn's clock and adds what ran to its time. */
function stopClock(round: Round, at: string): Round {
  const turn = speakingTurn(round);
  if (!turn || !round.runningSince) return { ...round, runningSince: null };
  const ran = Math.max(0, ms(at) - ms(round.runningSince));
  return { ...round, runningSince: null, turns: round.turns.map((t) => (t === turn ? { ...t, spokenMs: t.spokenMs + ran } : t)) };
}

/** Gives the turn to the first waiting member (if any) and starts the clock unless paused. */
function giveNextTurn(round: Round, at: string, paused: boolean): Round {
  const idx = round.turns.findIndex((t) => t.status === 'waiting');
  if (idx < 0) return { ...round, runningSince: null, completedAt: roundComplete(round) ? (round.completedAt ?? at) : null };
  const turns = round.turns.map((t, i) => (i === idx ? { ...t, status: 'speaking' as const, firstStartedAt: t.firstStartedAt ?? at } : t));
  return { ...round, turns, completedAt: null, runningSince: paused ? null : at };
}

/** Ends the speaking turn with `status` and moves on. */
function endTurn(state: RoomState, at: string, status: 'spoke' | 'passed'): RoomState {
  if (!state.round) return state;
  const stopped = stopClock(state.round, at);
  const turns = stopped.turns.map((t) => (t.status === 'speaking' ? { ...t, status } : t));
  return { ...state, round: giveNextTurn({ ...stopped, turns: orderTurns(turns, state.seating) }, at, state.paused) };
}

function turnFor(userId: string, absent: boolean): Turn {
  return { userId, absent, status: 'waiting', spokenMs: 0, firstStartedAt: null };
}

/** Who takes a turn: present members, and absent members who gave input (it is read out). */
export function turnsFor(state: Pick<RoomState, 'seating' | 'present' | 'inputs'>): Turn[] {
  return state.seating
    .filter((u) => state.present.includes(u) || (state.inputs[u]?.length ?? 0) > 0)
    .map((u) => turnFor(u, !state.present.includes(u)));
}

function withPresence(state: RoomState, userId: string, present: boolean): RoomState {
  const list = present ? [...new Set([...state.present, userId])] : state.present.filter((u) => u !== userId);
  const next = { ...state, present: state.seating.filter((u) => list.includes(u)) };
  const round = state.round;
  if (!round || round.completedAt) return next;
  const existing = round.turns.find((t) => t.userId === userId);
  let turns = round.turns;
  if (present) {
    turns = existing ? turns.map((t) => (t.userId === userId ? { ...t, absent: false } : t)) : [...turns, turnFor(userId, false)];
  } else if (existing?.status === 'waiting') {
    const hasInput = (state.inputs[userId]?.length ?? 0) > 0;
    turns = hasInput ? turns.map((t) => (t.userId === userId ? { ...t, absent: true } : t)) : turns.filter((t) => t.userId !== userId);
  } else if (existing) {
    turns = turns.map((t) => (t.userId === userId ? { ...t, absent: true } : t));
  }
  return { ...next, round: { ...round, turns: orderTurns(turns, state.seating) } };
}

/**
 * The one handler per event. Pure: the server and every client run it on the same envelopes. An
 * envelope out of order is a programming error on the caller's side (clients resynchronize).
 */
export function evolve(state: RoomState, envelope: Pick<RoomEnvelope, 'seq' | 'at' | 'by' | 'event'>): RoomState {
  const { at, event } = envelope;
  const s: RoomState = { ...state, seq: envelope.seq };
  switch (event.kind) {
    case 'presence.set':
      return withPresence(s, event.userId, event.present);
    case 'seating.set': {
      const next = { ...s, seating: event.order, present: event.order.filter((u) => s.present.includes(u)) };
      return next.round ? { ...next, round: { ...next.round, turns: orderTurns(next.round.turns, event.order) } } : next;
    }
    case 'round.start': {
      const inputs = event.inputs;
      const turns = orderTurns(turnsFor({ ...s, inputs }), s.seating);
      const round: Round = { turns, turnSeconds: event.turnSeconds, startedAt: at, completedAt: null, runningSince: null };
      return { ...s, inputs, round: giveNextTurn(round, at, s.paused) };
    }
    case 'turn.next':
      if (!s.round) return s;
      return speakingTurn(s.round) ? endTurn(s, at, 'spoke') : { ...s, round: giveNextTurn(s.round, at, s.paused) };
    case 'turn.pass':
      return endTurn(s, at, 'passed');
    case 'turn.previous': {
      if (!s.round) return s;
      const stopped = stopClock(s.round, at);
      const current = speakingTurn(stopped);
      const settled = stopped.turns.filter((t) => t.status !== 'waiting' && t !== current);
      const back = settled[settled.length - 1];
      if (!back) return s;
      const turns = stopped.turns.map((t) => (t === current ? { ...t, status: 'waiting' as const } : t === back ? { ...t, status: 'speaking' as const } : t));
      // The turn taken back moves to the end of the settled turns, so that it is current again.
      const reordered = [...turns.filter((t) => t.status !== 'waiting' && t.userId !== back.userId), turns.find((t) => t.userId === back.userId)!, ...turns.filter((t) => t.status === 'waiting')];
      return { ...s, round: { ...stopped, turns: orderTurns(reordered, s.seating), completedAt: null, runningSince: s.paused ? null : at } };
    }
    case 'harvest.save':
      return { ...s, harvests: { ...s.harvests, [event.userId]: { userId: event.userId, text: event.text, version: event.version, writtenBy: envelope.by, updatedAt: at } } };
    case 'room.pause':
      return { ...s, paused: true, round: s.round ? stopClock(s.round, at) : null };
    case 'room.resume':
      if (!s.paused) return s;
      return { ...s, paused: false, round: s.round && speakingTurn(s.round) ? { ...s.round, runningSince: at } : s.round };
    case 'item.next':
    case 'item.previous':
      return { ...s, items: event.items, currentItemId: event.currentItemId };
    case 'chair.handOver':
      return { ...s, chairUserId: event.userId };
    case 'notes.configure':
      return { ...s, notesMode: event.mode, noteTakerUserId: event.noteTakerUserId };
    case 'note.save':
      return { ...s, notes: { ...s.notes, [event.itemId]: { text: event.text, version: event.version, updatedBy: envelope.by, updatedAt: at } } };
    case 'action.add':
      return { ...s, actions: [...s.actions, event.action] };
    case 'checkOut.open':
      return { ...s, checkOut: { ...s.checkOut, open: true } };
    case 'checkOut.submit':
      return { ...s, checkOut: event.summary };
    case 'room.close': {
      const round = s.round ? stopClock(s.round, at) : null;
      return { ...s, round, closedAt: at, checkOut: { ...event.checkOut, open: false } };
    }
    case 'circle.sync':
      return syncCircle(s, event.members);
    case 'proposal.show':
      return { ...s, proposal: event.proposal };
    case 'proposal.sync':
      return s.proposal?.id === event.proposal.id ? { ...s, proposal: event.proposal } : s;
  }
}

/**
 * Takes in the community's current members: newcomers sit at the end of the circle (not yet present),
 * those who left lose their seat and a turn they had not had yet; turns already taken stay in the record.
 */
function syncCircle(state: RoomState, members: RoomMember[]): RoomState {
  const ids = new Set(members.map((m) => m.userId));
  const kept = state.seating.filter((u) => ids.has(u));
  const seating = [...kept, ...members.map((m) => m.userId).filter((u) => !kept.includes(u))];
  const next: RoomState = {
    ...state,
    members,
    seating,
    present: state.present.filter((u) => ids.has(u)),
    // A chair from the circle who left frees the chair (a coordinator can take it); one from outside keeps it.
    chairUserId: state.chairUserId && state.seating.includes(state.chairUserId) && !ids.has(state.chairUserId) ? null : state.chairUserId,
    noteTakerUserId: state.noteTakerUserId && ids.has(state.noteTakerUserId) ? state.noteTakerUserId : null,
  };
  if (!next.round) return next;
  const turns = next.round.turns.filter((t) => ids.has(t.userId) || t.status !== 'waiting');
  return { ...next, round: { ...next.round, turns: orderTurns(turns, seating) } };
}

/** Whether the circle in `state` differs from the community's `members` (who, names, organisations, groups). */
export function circleDiffers(state: RoomState, members: RoomMember[]): boolean {
  const key = (list: RoomMember[]) =>
    JSON.stringify([...list].sort((a, b) => a.userId.localeCompare(b.userId)).map((m) => [m.userId, m.name, m.organisationId, m.organisationName, m.stakeholderGroup]));
  return key(state.members) !== key(members);
}

/** The default circle: organisations alternate (largest first), then by name within each. */
export function alternateSeating(members: RoomMember[]): string[] {
  const groups = new Map<string, RoomMember[]>();
  for (const m of [...members].sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId))) {
    const key = m.organisationId ?? `none:${m.userId}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const queues = [...groups.values()].sort((a, b) => b.length - a.length || a[0]!.name.localeCompare(b[0]!.name));
  const order: string[] = [];
  let last: string | null = null;
  while (queues.some((q) => q.length > 0)) {
    // Take from the fullest queue whose organisation did not just speak, so neighbours differ where they can.
    const candidates = queues.filter((q) => q.length > 0).sort((a, b) => b.length - a.length);
    const pick = candidates.find((q) => (q[0]!.organisationId ?? `none:${q[0]!.userId}`) !== last) ?? candidates[0]!;
    const m = pick.shift()!;
    order.push(m.userId);
    last = m.organisationId ?? `none:${m.userId}`;
  }
  return order;
}
