import { describe, expect, it } from 'vitest';
import { emptyRoomState, type RoomEnvelope, type RoomServerMessage, type RoomState } from '../../../contracts/room-state';
import { backoffDelay } from './live';
import { STEER_TTL_MS, enqueue, join, newSession, receive, type OutboxEntry, type Session } from './sync';

const meetingId = 'm1';
const room = (seq = 3): RoomState => ({
  ...emptyRoomState(meetingId),
  seq,
  chairUserId: 'anna',
  members: [
    { userId: 'anna', name: 'Anna', organisationId: 'o1', organisationName: 'School', stakeholderGroup: 'school' },
    { userId: 'bram', name: 'Bram', organisationId: 'o2', organisationName: 'CJG', stakeholderGroup: 'care' },
  ],
  seating: ['anna', 'bram'],
  present: ['anna', 'bram'],
});

const snapshot = (state = room(), serverTime = '2026-03-10T19:30:00.000Z'): RoomServerMessage => ({
  type: 'snapshot',
  meetingId,
  state,
  serverTime,
  me: { userId: 'anna', participant: true, mayTakeChair: true },
});
const event = (seq: number, ev: RoomEnvelope['event'] = { kind: 'room.pause' }): RoomServerMessage => ({ type: 'event', meetingId, seq, at: '2026-03-10T19:31:00.000Z', by: 'anna', event: ev });
const entry = (id: string, intent: OutboxEntry['intent'], createdAt = 1_000, sentOn: number | null = null): OutboxEntry => ({ id, meetingId, intent, createdAt, sentOn });
const ctx = (connection = 1, now = 2_000) => ({ meetingId, connection, now });

function synced(outbox: OutboxEntry[] = [], connection = 1): Session {
  return receive(join(newSession(outbox), meetingId).session, snapshot(), ctx(connection)).session;
}

describe('joining and the snapshot', () => {
  it('asks to join and waits for the snapshot', () => {
    const step = join(newSession(), meetingId);
    expect(step.send).toEqual([{ type: 'join', meetingId }]);
    expect(step.session.awaiting).toBe(true);
  });

  it('takes the state, who I am and the clock offset from the snapshot', () => {
    const step = receive(join(newSession(), meetingId).session, snapshot(), ctx(1, Date.parse('2026-03-10T19:29:58.000Z')));
    expect(step.session.state?.seq).toBe(3);
    expect(step.session.me?.userId).toBe('anna');
    expect(step.session.clockOffset).toBe(2_000);
    expect(step.session.syncedOn).toBe(1);
    expect(step.session.awaiting).toBe(false);
  });

  it('re-sends what was not answered, with the same ids, after a (re)connect', () => {
    const outbox = [entry('harvest-1', { kind: 'harvest.save', userId: 'anna', text: 'Leesbevordering', baseVersion: null }, 1_000, 1)];
    const step = receive(join(newSession(outbox), meetingId).session, snapshot(), ctx(2));
    expect(step.send).toEqual([{ type: 'intent', id: 'harvest-1', meetingId, intent: outbox[0]!.intent }]);
    expect(step.session.outbox[0]!.sentOn).toBe(2);
  });

  it('does not send again on the connection it already went out on (a resync after a gap)', () => {
    const outbox = [entry('note-1', { kind: 'note.save', itemId: 'i1', text: 'x', baseVersion: 1 }, 1_000, 1)];
    const step = receive(join(newSession(outbox), meetingId).session, snapshot(), ctx(1));
    expect(step.send).toEqual([]);
  });

  it('drops an old button press but keeps old text', () => {
    const outbox = [entry('next-1', { kind: 'turn.next' }, 0), entry('word-1', { kind: 'checkOut.submit', score: 4, word: 'fijn' }, 0)];
    const step = receive(join(newSession(outbox), meetingId).session, snapshot(), ctx(1, STEER_TTL_MS + 1));
    expect(step.session.outbox.map((e) => e.id)).toEqual(['word-1']);
    expect(step.send.map((m) => (m.type === 'intent' ? m.id : m.type))).toEqual(['word-1']);
  });

  it('shows why the room was refused, and does not take that for a general problem', () => {
    const refused = receive(join(newSession(), meetingId).session, { type: 'error', meetingId, status: 403, code: 'forbidden', message: 'Geen toegang' }, ctx());
    expect(refused.session.joinError).toEqual({ status: 403, code: 'forbidden', message: 'Geen toegang' });
    const later = receive(synced(), { type: 'error', meetingId: null, status: 429, code: 'rateLimited', message: 'Te snel' }, ctx());
    expect(later.session.joinError).toBeNull();
    expect(later.session.notice?.code).toBe('rateLimited');
  });

  it('ignores messages about another meeting', () => {
    const s = synced();
    expect(receive(s, { ...event(4), meetingId: 'other' } as RoomServerMessage, ctx()).session).toBe(s);
  });
});

describe('events in order', () => {
  it('applies the next event with the shared reducer', () => {
    const step = receive(synced(), event(4), ctx());
    expect(step.session.state?.seq).toBe(4);
    expect(step.session.state?.paused).toBe(true);
  });

  it('ignores an event it already has', () => {
    const s = synced();
    expect(receive(s, event(3), ctx()).session).toBe(s);
    expect(receive(s, event(2), ctx()).session).toBe(s);
  });

  it('asks for a fresh snapshot on a gap and ignores events until it arrives', () => {
    const gap = receive(synced(), event(6), ctx());
    expect(gap.send).toEqual([{ type: 'join', meetingId }]);
    expect(gap.session.awaiting).toBe(true);
    expect(gap.session.state?.seq).toBe(3);
    const meanwhile = receive(gap.session, event(4), ctx());
    expect(meanwhile.session.state?.seq).toBe(3);
    const fresh = receive(meanwhile.session, snapshot(room(6)), ctx());
    expect(fresh.session.state?.seq).toBe(6);
    expect(receive(fresh.session, event(7), ctx()).session.state?.seq).toBe(7);
  });
});

describe('the outbox', () => {
  it('sends at once when in sync, and only queues when not', () => {
    const live = enqueue(synced(), entry('a', { kind: 'turn.next' }, 5_000), 1);
    expect(live.send).toHaveLength(1);
    expect(live.session.outbox[0]!.sentOn).toBe(1);
    const offline = enqueue(newSession(), entry('b', { kind: 'turn.next' }, 5_000), 1);
    expect(offline.send).toEqual([]);
    expect(offline.session.outbox).toHaveLength(1);
    // On another connection than the one the snapshot came on: wait for the next snapshot.
    expect(enqueue(synced([], 1), entry('c', { kind: 'turn.next' }), 2).send).toEqual([]);
  });

  it('forgets an intent once acknowledged and reports it', () => {
    const s = enqueue(synced(), entry('a', { kind: 'harvest.save', userId: 'anna', text: 'x', baseVersion: null }), 1).session;
    const step = receive(s, { type: 'ack', id: 'a', meetingId, seq: 4 }, ctx());
    expect(step.session.outbox).toEqual([]);
    expect(step.acked.map((e) => e.id)).toEqual(['a']);
    // A second ack for the same id (a retry the server de-duplicated) changes nothing.
    expect(receive(step.session, { type: 'ack', id: 'a', meetingId, seq: 4 }, ctx()).acked).toEqual([]);
  });

  it('keeps a refusal with the intent it refused', () => {
    const intent = { kind: 'harvest.save' as const, userId: 'bram', text: 'mine', baseVersion: 1 };
    const s = enqueue(synced(), entry('a', intent), 1).session;
    const step = receive(s, { type: 'rejected', id: 'a', meetingId, status: 409, code: 'staleVersion', message: 'Iemand was je voor', current: { text: 'theirs', version: 2 } }, ctx());
    expect(step.session.outbox).toEqual([]);
    expect(step.session.rejections).toEqual([{ id: 'a', intent, status: 409, code: 'staleVersion', message: 'Iemand was je voor', current: { text: 'theirs', version: 2 } }]);
  });
});

describe('reconnect backoff', () => {
  it('doubles from half a second to at most ten, with jitter', () => {
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(1, () => 1)).toBe(1_000);
    expect(backoffDelay(4, () => 1)).toBe(8_000);
    expect(backoffDelay(5, () => 1)).toBe(10_000);
    expect(backoffDelay(50, () => 0.5)).toBe(7_500);
  });
});
