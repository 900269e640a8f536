import { createContext, use, useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { drives, writesHarvest, writesNotes, type RoomIntent, type RoomState, type RoomViewer } from '../../../contracts/room-state';
import { RoomClient, type RoomSnapshot } from './client';
import { liveSocket } from './live';
import type { Draft } from './storage';
import type { Rejection } from './sync';

/** The room client of one meeting for the signed-in user, joined while the page is mounted. */
export function useRoomClient(meetingId: string, userId: string): { client: RoomClient; snapshot: RoomSnapshot } {
  const client = useMemo(() => new RoomClient(meetingId, userId, liveSocket()), [meetingId, userId]);
  useEffect(() => client.start(), [client]);
  const snapshot = useSyncExternalStore(client.subscribe, client.getSnapshot);
  return { client, snapshot };
}

/** What every part of the room page reads: the synced state and who I am in it. */
export interface RoomView {
  client: RoomClient;
  state: RoomState;
  me: RoomViewer;
  snapshot: RoomSnapshot;
  /** Intents can go out now (the socket is open and the room is in sync). */
  live: boolean;
  /** Server time minus client time. */
  clockOffset: number;
  send: (intent: RoomIntent) => string;
}

export const RoomContext = createContext<RoomView | null>(null);

export function useRoom(): RoomView {
  const room = use(RoomContext);
  if (!room) throw new Error('useRoom() outside the room page');
  return room;
}

/**
 * What the viewer may do, by the same rules the server applies to every intent (room.rules.ts):
 * the chair drives, or, while nobody holds the chair, whoever may take it. Harvests and notes may
 * still be corrected after the meeting is closed.
 */
export function useRoomRights() {
  const { state, me } = useRoom();
  const closed = state.closedAt !== null;
  const isChair = state.chairUserId === me.userId;
  const driver = drives(state, me);
  return {
    closed,
    isChair,
    /** May steer the meeting now (turns, items, presence, settings). */
    drives: driver && !closed,
    mayTakeChair: !closed && state.chairUserId === null && me.mayTakeChair,
    /** The speaker writes their own harvest once their turn has come; the chair may on anyone's behalf. */
    mayWriteHarvest: (userId: string) => {
      const turn = state.round?.turns.find((x) => x.userId === userId);
      return !!turn && turn.status !== 'waiting' && writesHarvest(state, me, userId);
    },
    mayWriteNotes: writesNotes(state, me),
  };
}

/** Member names by id ("?" for someone who left the circle meanwhile). */
export function useMemberName() {
  const { state } = useRoom();
  return useCallback((userId: string | null) => (userId ? (state.members.find((m) => m.userId === userId)?.name ?? '?') : ''), [state.members]);
}

/** The latest answer the server refused for intents matching `match`, with a way to dismiss it. */
export function useRejection(match: (intent: RoomIntent) => boolean): { rejection: Rejection | undefined; dismiss: () => void } {
  const { snapshot, client } = useRoom();
  const rejection = [...snapshot.rejections].reverse().find((r) => r.intent && match(r.intent));
  const id = rejection?.id;
  return { rejection, dismiss: useCallback(() => id && client.dismiss(id), [client, id]) };
}

/** Whether an intent matching `match` is still waiting for the server's answer. */
export function usePending(match: (intent: RoomIntent) => boolean): boolean {
  const { snapshot } = useRoom();
  return snapshot.outbox.some((e) => match(e.intent));
}

/** A draft kept in localStorage until the server has the text. */
export function useDraft(key: string): [Draft | undefined, (draft: Draft | undefined) => void] {
  const { client } = useRoom();
  const draft = useSyncExternalStore(client.drafts.subscribe, () => client.drafts.get(key));
  const set = useCallback((d: Draft | undefined) => client.drafts.set(key, d), [client, key]);
  return [draft, set];
}

/** Server time now (ms), re-rendering every second while `ticking`. */
export function useServerNow(ticking: boolean): number {
  const { clockOffset } = useRoom();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now + clockOffset;
}
