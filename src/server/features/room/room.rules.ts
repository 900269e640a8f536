import { drives, writesHarvest, writesNotes, type RoomIntent, type RoomState, type RoomViewer } from '../../../contracts/room-state';
import type { ProblemCode } from '../../lib/errors';

/** Who sends an intent, as far as the room is concerned: the viewer of room-state.ts. */
export type RoomActor = RoomViewer;

export interface Refusal {
  status: number;
  code: ProblemCode;
  current?: unknown;
}

const refuse = (status: number, code: ProblemCode): Refusal => ({ status, code });

const isMember = (s: RoomState, userId: string) => s.members.some((m) => m.userId === userId);

/** Intents still allowed after the meeting is closed: corrections to what was written. */
const AFTER_CLOSE = new Set<RoomIntent['kind']>(['harvest.save', 'note.save', 'action.add']);

/**
 * Whether `actor` may do `intent` in a room in `state`, and whether it makes sense now. Pure: the
 * server calls it inside the room's lock, right before applying. Null means go ahead.
 */
export function check(state: RoomState, intent: RoomIntent, actor: RoomActor): Refusal | null {
  if (state.closedAt && !AFTER_CLOSE.has(intent.kind)) return refuse(409, 'roomClosed');
  const chair = drives(state, actor);
  const round = state.round;
  switch (intent.kind) {
    case 'presence.set':
      if (!chair) return refuse(403, 'notTheChair');
      return isMember(state, intent.userId) ? null : refuse(422, 'notInCircle');
    case 'seating.set': {
      if (!chair) return refuse(403, 'notTheChair');
      const ids = state.members.map((m) => m.userId);
      const same = intent.order.length === ids.length && new Set(intent.order).size === ids.length && ids.every((id) => intent.order.includes(id));
      return same ? null : refuse(422, 'seatingDiffers');
    }
    case 'round.start':
      if (!chair) return refuse(403, 'notTheChair');
      if (round) return refuse(409, 'roundAlreadyStarted');
      // Absent members' input is only known when the round starts: here, present members count.
      return state.present.length > 0 || Object.keys(state.inputs).some((u) => state.seating.includes(u)) ? null : refuse(409, 'nobodyInRound');
    case 'turn.next':
      if (!chair) return refuse(403, 'notTheChair');
      if (!round) return refuse(409, 'roundNotStarted');
      return round.turns.some((t) => t.status === 'speaking' || t.status === 'waiting') ? null : refuse(409, 'roundComplete');
    case 'turn.previous': {
      if (!chair) return refuse(403, 'notTheChair');
      if (!round) return refuse(409, 'roundNotStarted');
      const taken = round.turns.filter((t) => t.status === 'spoke' || t.status === 'passed');
      return taken.length > 0 ? null : refuse(409, 'noPreviousTurn');
    }
    case 'turn.pass': {
      if (!round) return refuse(409, 'roundNotStarted');
      if (!chair && intent.userId !== actor.userId) return refuse(403, 'notTheChair');
      if (!chair && !actor.participant) return refuse(403, 'forbidden');
      const speaking = round.turns.find((t) => t.status === 'speaking');
      return speaking?.userId === intent.userId ? null : refuse(409, 'notSpeaking');
    }
    case 'harvest.save': {
      if (!round) return refuse(409, 'roundNotStarted');
      if (!writesHarvest(state, actor, intent.userId)) return refuse(403, 'notYourHarvest');
      const turn = round.turns.find((t) => t.userId === intent.userId);
      if (!turn) return refuse(422, 'notInCircle');
      return turn.status === 'waiting' ? refuse(409, 'turnNotReached') : null;
    }
    case 'room.pause':
    case 'room.resume':
    case 'item.next':
    case 'item.previous':
    case 'checkOut.open':
    case 'room.close':
    case 'proposal.show':
      return chair ? null : refuse(403, 'notTheChair');
    case 'chair.handOver':
      // Whoever may chair (a coordinator, the meeting's chair) can take over a chair held by someone who is gone.
      if (!chair && !actor.mayTakeChair) return refuse(403, 'notTheChair');
      // To someone in the circle, or to yourself when you may chair (a coordinator who facilitates from outside it).
      return isMember(state, intent.userId) || (intent.userId === actor.userId && actor.mayTakeChair) ? null : refuse(422, 'notInCircle');
    case 'notes.configure':
      if (!chair) return refuse(403, 'notTheChair');
      return intent.noteTakerUserId === null || isMember(state, intent.noteTakerUserId) ? null : refuse(422, 'notInCircle');
    case 'note.save':
      if (!writesNotes(state, actor)) return refuse(403, 'notTheNoteTaker');
      return state.items.some((i) => i.id === intent.itemId) ? null : refuse(422, 'unknownItem');
    case 'action.add':
      if (!writesNotes(state, actor)) return refuse(403, 'notTheNoteTaker');
      if (intent.ownerUserId !== null && !isMember(state, intent.ownerUserId)) return refuse(422, 'notInCircle');
      return intent.agendaItemId === null || state.items.some((i) => i.id === intent.agendaItemId) ? null : refuse(422, 'unknownItem');
    case 'checkOut.submit':
      if (!actor.participant) return refuse(403, 'forbidden');
      return state.checkOut.open ? null : refuse(409, 'checkOutClosed');
  }
}
