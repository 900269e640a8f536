/**
 * The room as this browser knows it, and how each server message changes that. Pure functions, so
 * the order rules (apply the next event, skip duplicates, resynchronize on a gap) and the outbox
 * (send again with the same id after a reconnect) are unit-tested without a socket.
 */
import { evolve, type RoomClientMessage, type RoomIntent, type RoomServerMessage, type RoomState, type RoomViewer } from '../../../contracts/room-state';

export interface OutboxEntry {
  id: string;
  meetingId: string;
  intent: RoomIntent;
  /** Client time it was made (ms). */
  createdAt: number;
  /** The connection it was last sent on; null when not sent yet. */
  sentOn: number | null;
}

export interface RoomProblem {
  status: number;
  code: string;
  message: string;
}

export interface Rejection extends RoomProblem {
  id: string;
  intent: RoomIntent | null;
  current?: unknown;
}

export interface Session {
  state: RoomState | null;
  me: RoomViewer | null;
  /** Server time minus client time, measured at the last snapshot (ms). */
  clockOffset: number;
  /** The connection on which the last snapshot arrived; intents go out only then. */
  syncedOn: number | null;
  /** A join was sent and its snapshot has not arrived yet (events are ignored meanwhile). */
  awaiting: boolean;
  outbox: OutboxEntry[];
  rejections: Rejection[];
  /** The server refused to let us into this room (not found, no access). */
  joinError: RoomProblem | null;
  /** Any other problem the server reported. */
  notice: RoomProblem | null;
}

export interface Step {
  session: Session;
  send: RoomClientMessage[];
  acked: OutboxEntry[];
  rejected: Rejection[];
}

/** What the people in the room wrote: kept until the server has it, however long that takes. */
const CONTENT: ReadonlySet<RoomIntent['kind']> = new Set(['harvest.save', 'note.save', 'action.add', 'checkOut.submit']);
/**
 * A button press (next turn, pause) that never got an answer is dropped after this long: pressed
 * an hour ago before the lid closed, it should not move the meeting on when the lid opens.
 */
export const STEER_TTL_MS = 60_000;
const KEEP_REJECTIONS = 10;

export const isContent = (intent: RoomIntent) => CONTENT.has(intent.kind);

export function newSession(outbox: OutboxEntry[] = []): Session {
  return { state: null, me: null, clockOffset: 0, syncedOn: null, awaiting: false, outbox, rejections: [], joinError: null, notice: null };
}

const step = (session: Session, send: RoomClientMessage[] = []): Step => ({ session, send, acked: [], rejected: [] });

/** A (new) connection opened, or we want a fresh snapshot: ask to join. */
export function join(session: Session, meetingId: string): Step {
  return step({ ...session, awaiting: true }, [{ type: 'join', meetingId }]);
}

/** The connection went away: nothing more can be sent on it. */
export function disconnected(session: Session): Session {
  return { ...session, syncedOn: null, awaiting: false };
}

/** Sends what the server has not seen on this connection; drops stale button presses. */
function flush(session: Session, connection: number, now: number): Step {
  const outbox = session.outbox.filter((e) => isContent(e.intent) || now - e.createdAt < STEER_TTL_MS);
  const send: RoomClientMessage[] = [];
  const next = outbox.map((e) => {
    if (e.sentOn === connection) return e;
    send.push({ type: 'intent', id: e.id, meetingId: e.meetingId, intent: e.intent });
    return { ...e, sentOn: connection };
  });
  return step({ ...session, outbox: next }, send);
}

/** Queues an intent and sends it at once when the room is in sync on this connection. */
export function enqueue(session: Session, entry: OutboxEntry, connection: number): Step {
  const queued = { ...session, outbox: [...session.outbox, { ...entry, sentOn: null }] };
  return session.syncedOn === connection && !session.awaiting ? flush(queued, connection, entry.createdAt) : step(queued);
}

export function dismiss(session: Session, id: string): Session {
  return { ...session, rejections: session.rejections.filter((r) => r.id !== id) };
}

export function receive(session: Session, msg: RoomServerMessage, ctx: { meetingId: string; connection: number; now: number }): Step {
  if (msg.meetingId !== ctx.meetingId && !(msg.type === 'error' && msg.meetingId === null)) return step(session);
  switch (msg.type) {
    case 'snapshot': {
      const synced: Session = {
        ...session,
        state: msg.state,
        me: msg.me,
        clockOffset: Number.isNaN(Date.parse(msg.serverTime)) ? 0 : Date.parse(msg.serverTime) - ctx.now,
        syncedOn: ctx.connection,
        awaiting: false,
        joinError: null,
      };
      return flush(synced, ctx.connection, ctx.now);
    }
    case 'event': {
      const state = session.state;
      if (!state || session.awaiting || msg.seq <= state.seq) return step(session);
      if (msg.seq !== state.seq + 1) return join(session, ctx.meetingId);
      try {
        return step({ ...session, state: evolve(state, msg) });
      } catch {
        // Our copy disagrees with the server's: take theirs.
        return join(session, ctx.meetingId);
      }
    }
    case 'ack': {
      const entry = session.outbox.find((e) => e.id === msg.id);
      if (!entry) return step(session);
      return { ...step({ ...session, outbox: session.outbox.filter((e) => e.id !== msg.id) }), acked: [entry] };
    }
    case 'rejected': {
      const entry = session.outbox.find((e) => e.id === msg.id);
      const rejection: Rejection = { id: msg.id, intent: entry?.intent ?? null, status: msg.status, code: msg.code, message: msg.message, current: msg.current };
      const rejections = [...session.rejections.filter((r) => r.id !== msg.id), rejection].slice(-KEEP_REJECTIONS);
      return { ...step({ ...session, outbox: session.outbox.filter((e) => e.id !== msg.id), rejections }), rejected: [rejection] };
    }
    case 'error': {
      const problem = { status: msg.status, code: msg.code, message: msg.message };
      // Refused while joining: we are not in this room.
      if (session.awaiting && msg.meetingId === ctx.meetingId) return step({ ...session, awaiting: false, joinError: problem });
      return step({ ...session, notice: problem });
    }
  }
}
