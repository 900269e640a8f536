import { describe, expect, it } from 'vitest';
import {
  alternateSeating,
  currentTurnMs,
  emptyCheckOut,
  emptyRoomState,
  evolve,
  roundComplete,
  speakingTurn,
  type RoomEvent,
  type RoomMember,
  type RoomState,
} from '../../../contracts/room-state';
import { check, type RoomActor } from './room.rules';

const member = (userId: string, organisationId: string | null, name = userId): RoomMember => ({
  userId,
  name,
  organisationId,
  organisationName: organisationId,
  stakeholderGroup: 'school',
});

function room(overrides: Partial<RoomState> = {}): RoomState {
  const members = [member('ann', 'school'), member('bob', 'college'), member('cat', 'school'), member('dan', 'care')];
  return {
    ...emptyRoomState('m1'),
    chairUserId: 'ann',
    members,
    seating: ['ann', 'bob', 'cat', 'dan'],
    present: ['ann', 'bob', 'cat', 'dan'],
    ...overrides,
  };
}

/** Applies events one second apart, as the server would (seq + 1, `at` moving on). */
function play(state: RoomState, ...events: RoomEvent[]): RoomState {
  return events.reduce(
    (s, event) => evolve(s, { seq: s.seq + 1, at: new Date(Date.UTC(2027, 0, 1, 19, 30, s.seq + 1)).toISOString(), by: 'ann', event }),
    state,
  );
}

const order = (s: RoomState) => s.round!.turns.map((t) => `${t.userId}:${t.status}${t.absent ? '(absent)' : ''}`);
const start = (turnSeconds: number | null = null, inputs = {}): RoomEvent => ({ kind: 'round.start', turnSeconds, inputs });
const next: RoomEvent = { kind: 'turn.next' };
const previous: RoomEvent = { kind: 'turn.previous' };

describe('the harvest round', () => {
  it('goes around the circle in seating order and is complete when everyone present had a turn', () => {
    let s = play(room(), start());
    expect(order(s)).toEqual(['ann:speaking', 'bob:waiting', 'cat:waiting', 'dan:waiting']);
    s = play(s, next, next, next);
    expect(speakingTurn(s.round)!.userId).toBe('dan');
    expect(s.round!.completedAt).toBeNull();
    s = play(s, next);
    expect(order(s)).toEqual(['ann:spoke', 'bob:spoke', 'cat:spoke', 'dan:spoke']);
    expect(roundComplete(s.round)).toBe(true);
    expect(s.round!.completedAt).not.toBeNull();
    expect(s.seq).toBe(5);
  });

  it('counts a pass as a turn taken', () => {
    const s = play(room(), start(), next, { kind: 'turn.pass', userId: 'bob' }, next, next);
    expect(order(s)).toEqual(['ann:spoke', 'bob:passed', 'cat:spoke', 'dan:spoke']);
    expect(roundComplete(s.round)).toBe(true);
  });

  it('gives an absent member with input a turn (read out) and leaves out an absent member without input', () => {
    const s = play(room({ present: ['ann', 'bob', 'cat'] }), start(null, { dan: [{ kind: 'practice', title: 'Voorlezen', body: '' }] }));
    expect(order(s)).toEqual(['ann:speaking', 'bob:waiting', 'cat:waiting', 'dan:waiting(absent)']);
    const without = play(room({ present: ['ann', 'bob', 'cat'] }), start());
    expect(order(without)).toEqual(['ann:speaking', 'bob:waiting', 'cat:waiting']);
  });

  it('adds a latecomer in their seat order among those still waiting, and drops someone who leaves before their turn', () => {
    let s = play(room({ present: ['ann', 'cat', 'dan'] }), start());
    expect(order(s)).toEqual(['ann:speaking', 'cat:waiting', 'dan:waiting']);
    s = play(s, { kind: 'presence.set', userId: 'bob', present: true });
    expect(order(s)).toEqual(['ann:speaking', 'bob:waiting', 'cat:waiting', 'dan:waiting']);
    s = play(s, { kind: 'presence.set', userId: 'cat', present: false });
    expect(order(s)).toEqual(['ann:speaking', 'bob:waiting', 'dan:waiting']);
    s = play(s, next, next, next);
    expect(roundComplete(s.round)).toBe(true);
  });

  it('continues around the circle from the current speaker after a reorder', () => {
    let s = play(room(), start(), next);
    expect(speakingTurn(s.round)!.userId).toBe('bob');
    s = play(s, { kind: 'seating.set', order: ['ann', 'bob', 'dan', 'cat'] });
    expect(order(s)).toEqual(['ann:spoke', 'bob:speaking', 'dan:waiting', 'cat:waiting']);
    // A reorder that puts someone "behind" the speaker: the round still reaches them after the others.
    s = play(s, { kind: 'seating.set', order: ['cat', 'ann', 'bob', 'dan'] });
    expect(order(s)).toEqual(['ann:spoke', 'bob:speaking', 'dan:waiting', 'cat:waiting']);
  });

  it('takes a turn back with "previous" and goes on from there', () => {
    let s = play(room(), start(), next, next);
    expect(speakingTurn(s.round)!.userId).toBe('cat');
    s = play(s, previous);
    expect(order(s)).toEqual(['ann:spoke', 'bob:speaking', 'cat:waiting', 'dan:waiting']);
    s = play(s, previous);
    expect(order(s)).toEqual(['ann:speaking', 'bob:waiting', 'cat:waiting', 'dan:waiting']);
    s = play(s, next, next, next, next);
    expect(roundComplete(s.round)).toBe(true);
    // After the round is complete, "previous" reopens the last turn.
    s = play(s, previous);
    expect(speakingTurn(s.round)!.userId).toBe('dan');
    expect(s.round!.completedAt).toBeNull();
  });

  it('keeps the round going when the chair is handed over mid-round; only the new chair drives', () => {
    let s = play(room(), start(), next);
    s = play(s, { kind: 'chair.handOver', userId: 'bob' });
    expect(s.chairUserId).toBe('bob');
    expect(speakingTurn(s.round)!.userId).toBe('bob');
    const ann: RoomActor = { userId: 'ann', participant: true, mayTakeChair: true };
    const bob: RoomActor = { userId: 'bob', participant: true, mayTakeChair: false };
    expect(check(s, { kind: 'turn.next' }, ann)).toEqual({ status: 403, code: 'notTheChair' });
    expect(check(s, { kind: 'turn.next' }, bob)).toBeNull();
    s = play(s, next, next, next);
    expect(roundComplete(s.round)).toBe(true);
  });

  it('times each turn without the pauses', () => {
    let s = play(room(), start(60)); // ann starts at :01
    s = play(s, { kind: 'room.pause' }); // :02 → 1 s spoken
    expect(s.round!.runningSince).toBeNull();
    s = play(s, { kind: 'room.resume' }); // :03 resumes
    expect(currentTurnMs(s.round, new Date(Date.UTC(2027, 0, 1, 19, 30, 5)).toISOString())).toBe(3000);
    s = play(s, next); // :04 → 1 + 1 = 2 s
    expect(s.round!.turns[0]!.spokenMs).toBe(2000);
    // A second "resume" (another device, a double click) loses no spoken time.
    const running = s.round!.runningSince;
    s = play(s, { kind: 'room.resume' });
    expect(s.round!.runningSince).toBe(running);
    // Starting a turn while paused does not run its clock.
    s = play(s, { kind: 'room.pause' }, next);
    expect(s.round!.runningSince).toBeNull();
  });
});

describe('the circle follows the community', () => {
  it('seats a newcomer at the end (not present yet) and drops a leaver with their waiting turn; turns taken stay', () => {
    let s = play(room(), start(), next); // ann spoke, bob speaks, cat and dan wait
    const members = room().members.filter((m) => m.userId !== 'cat');
    s = play(s, { kind: 'circle.sync', members: [...members, member('eve', 'care')] });
    expect(s.seating).toEqual(['ann', 'bob', 'dan', 'eve']);
    expect(s.present).toEqual(['ann', 'bob', 'dan']);
    expect(order(s)).toEqual(['ann:spoke', 'bob:speaking', 'dan:waiting']);
    s = play(s, { kind: 'presence.set', userId: 'eve', present: true });
    expect(order(s)).toEqual(['ann:spoke', 'bob:speaking', 'dan:waiting', 'eve:waiting']);
    // Someone who already spoke and then left keeps their turn in the record.
    s = play(s, { kind: 'circle.sync', members: s.members.filter((m) => m.userId !== 'ann') });
    expect(order(s)).toEqual(['ann:spoke', 'bob:speaking', 'dan:waiting', 'eve:waiting']);
    expect(s.seating).toEqual(['bob', 'dan', 'eve']);
    // ann chaired from the circle and left: the chair is free again.
    expect(s.chairUserId).toBeNull();
  });
});

describe('who may do what', () => {
  const chair: RoomActor = { userId: 'ann', participant: true, mayTakeChair: true };
  const bob: RoomActor = { userId: 'bob', participant: true, mayTakeChair: false };
  const observer: RoomActor = { userId: 'obs', participant: false, mayTakeChair: false };
  const coordinator: RoomActor = { userId: 'coo', participant: false, mayTakeChair: true };

  it('lets only the chair drive, and lets a coordinator take an empty chair', () => {
    const s = room();
    for (const kind of ['turn.next', 'room.pause', 'item.next', 'checkOut.open', 'room.close'] as const) {
      expect(check(s, { kind } as never, bob)).toEqual({ status: 403, code: 'notTheChair' });
    }
    expect(check(s, start() as never, chair)).toBeNull();
    const empty = room({ chairUserId: null });
    expect(check(empty, { kind: 'chair.handOver', userId: 'bob' }, coordinator)).toBeNull();
    expect(check(empty, { kind: 'chair.handOver', userId: 'bob' }, bob)).toEqual({ status: 403, code: 'notTheChair' });
    // A coordinator outside the circle may take the chair themselves, but not hand it to another outsider.
    expect(check(empty, { kind: 'chair.handOver', userId: 'coo' }, coordinator)).toBeNull();
    expect(check(empty, { kind: 'chair.handOver', userId: 'obs' }, coordinator)).toEqual({ status: 422, code: 'notInCircle' });
  });

  it('lets the speaker (or the chair) pass and write the harvest of a turn that has come', () => {
    const s = play(room(), start(), next); // bob speaks
    expect(check(s, { kind: 'turn.pass', userId: 'bob' }, bob)).toBeNull();
    expect(check(s, { kind: 'turn.pass', userId: 'cat' }, bob)).toEqual({ status: 403, code: 'notTheChair' });
    expect(check(s, { kind: 'turn.pass', userId: 'cat' }, chair)).toEqual({ status: 409, code: 'notSpeaking' });
    expect(check(s, { kind: 'harvest.save', userId: 'bob', text: 'x', baseVersion: null }, bob)).toBeNull();
    expect(check(s, { kind: 'harvest.save', userId: 'ann', text: 'x', baseVersion: null }, bob)).toEqual({ status: 403, code: 'notYourHarvest' });
    expect(check(s, { kind: 'harvest.save', userId: 'cat', text: 'x', baseVersion: null }, chair)).toEqual({ status: 409, code: 'turnNotReached' });
    expect(check(s, { kind: 'harvest.save', userId: 'obs', text: 'x', baseVersion: null }, observer)).toEqual({ status: 403, code: 'notYourHarvest' });
  });

  it('does not start a round nobody can take a turn in', () => {
    expect(check(room({ present: [] }), start() as never, chair)).toEqual({ status: 409, code: 'nobodyInRound' });
    expect(check(room({ present: [], inputs: { dan: [{ kind: 'topic', title: 'x', body: '' }] } }), start() as never, chair)).toBeNull();
  });

  it('lets whoever may chair take over a chair held by someone else', () => {
    const held = room({ chairUserId: 'gone' });
    expect(check(held, { kind: 'chair.handOver', userId: 'coo' }, coordinator)).toBeNull();
    expect(check(held, { kind: 'chair.handOver', userId: 'bob' }, bob)).toEqual({ status: 403, code: 'notTheChair' });
  });

  it('checks the circle: a seating must hold every member once; hand-over and presence only to members', () => {
    const s = room();
    expect(check(s, { kind: 'seating.set', order: ['ann', 'bob', 'cat'] }, chair)).toEqual({ status: 422, code: 'seatingDiffers' });
    expect(check(s, { kind: 'seating.set', order: ['ann', 'bob', 'cat', 'cat'] }, chair)).toEqual({ status: 422, code: 'seatingDiffers' });
    expect(check(s, { kind: 'seating.set', order: ['dan', 'cat', 'bob', 'ann'] }, chair)).toBeNull();
    expect(check(s, { kind: 'chair.handOver', userId: 'obs' }, chair)).toEqual({ status: 422, code: 'notInCircle' });
    expect(check(s, { kind: 'presence.set', userId: 'obs', present: true }, chair)).toEqual({ status: 422, code: 'notInCircle' });
  });

  it('lets the note-taker, the chair or — when the community chose so — anyone take notes', () => {
    const s = room({ items: [{ id: 'i1', kind: 'discussion', title: 'Lezen', durationMinutes: 30 }], noteTakerUserId: 'cat' });
    const note = { kind: 'note.save' as const, itemId: 'i1', text: 'x', baseVersion: 1 };
    expect(check(s, note, bob)).toEqual({ status: 403, code: 'notTheNoteTaker' });
    expect(check(s, note, { ...bob, userId: 'cat' })).toBeNull();
    expect(check(s, note, chair)).toBeNull();
    expect(check({ ...s, notesMode: 'anyone' }, note, bob)).toBeNull();
    expect(check({ ...s, notesMode: 'anyone' }, note, observer)).toEqual({ status: 403, code: 'notTheNoteTaker' });
    expect(check(s, { ...note, itemId: 'nope' }, chair)).toEqual({ status: 422, code: 'unknownItem' });
  });

  it('takes check-outs from participants while it is open; after closing only corrections', () => {
    const s = room();
    const answer = { kind: 'checkOut.submit' as const, score: 4, word: 'fijn' };
    expect(check(s, answer, bob)).toEqual({ status: 409, code: 'checkOutClosed' });
    const open = play(s, { kind: 'checkOut.open' });
    expect(check(open, answer, bob)).toBeNull();
    expect(check(open, answer, observer)).toEqual({ status: 403, code: 'forbidden' });
    const closed = play(open, { kind: 'room.close', checkOut: { ...emptyCheckOut(), distribution: [0, 0, 1, 1, 0], words: ['fijn', 'goed'], answered: ['ann', 'bob'] } });
    expect(closed.checkOut).toEqual({ open: false, distribution: [0, 0, 1, 1, 0], words: ['fijn', 'goed'], answered: ['ann', 'bob'] });
    expect(closed.checkOut.open).toBe(false);
    expect(check(closed, answer, bob)).toEqual({ status: 409, code: 'roomClosed' });
    expect(check(closed, { kind: 'turn.next' }, chair)).toEqual({ status: 409, code: 'roomClosed' });
  });
});

describe('the default circle', () => {
  it('alternates organisations, the largest first', () => {
    const seating = alternateSeating([
      member('a1', 'A', 'Anna'),
      member('a2', 'A', 'Aart'),
      member('a3', 'A', 'Ali'),
      member('b1', 'B', 'Bea'),
      member('b2', 'B', 'Bo'),
      member('c1', 'C', 'Cor'),
    ]);
    const orgs = seating.map((u) => u[0]);
    for (let i = 1; i < orgs.length; i++) expect(orgs[i]).not.toBe(orgs[i - 1]);
    expect(orgs[0]).toBe('a');
    expect(new Set(seating).size).toBe(6);
  });

  it('puts neighbours of one organisation together only when nothing else is left', () => {
    const seating = alternateSeating([member('a1', 'A'), member('a2', 'A'), member('a3', 'A'), member('b1', 'B')]);
    expect(seating.map((u) => u[0])).toEqual(['a', 'b', 'a', 'a']);
  });
});
