import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomIntent } from '../../../contracts/room-state';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';
import { listenUrl, RoomTestClient } from '../../test/room-client';

/**
 * Every message type, sent by someone who may not: a member of another community in the same
 * network (the room does not exist for them) and a member who is not the chair. Nothing changes.
 */
let t: TestApp;
let baseUrl: string;
const clients: RoomTestClient[] = [];

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await listenUrl(t.app);
}, 180_000);
afterAll(async () => {
  for (const c of clients) c.close();
  await t?.close();
});

const ITEM = '00000000-0000-4000-8000-000000000001';

/** One intent of every kind. `{me}` and `{chair}` are filled in per caller. */
function everyIntent(me: string, chair: string, itemId: string): RoomIntent[] {
  return [
    { kind: 'presence.set', userId: chair, present: false },
    { kind: 'seating.set', order: [chair, me] },
    { kind: 'round.start', turnSeconds: 60 },
    { kind: 'turn.next' },
    { kind: 'turn.previous' },
    { kind: 'turn.pass', userId: chair },
    { kind: 'harvest.save', userId: chair, text: 'niet van mij', baseVersion: null },
    { kind: 'room.pause' },
    { kind: 'room.resume' },
    { kind: 'item.next' },
    { kind: 'item.previous' },
    { kind: 'chair.handOver', userId: me },
    { kind: 'notes.configure', mode: 'anyone', noteTakerUserId: null },
    { kind: 'note.save', itemId, text: 'notitie', baseVersion: 1 },
    { kind: 'action.add', title: 'Actie', ownerUserId: null, dueDate: null, agendaItemId: null },
    { kind: 'checkOut.open' },
    { kind: 'checkOut.submit', score: 3, word: 'woord' },
    { kind: 'room.close' },
  ];
}

describe('every room message is authorized', () => {
  it('refuses every message type from a non-member and every driving one from a non-chair; the room does not change', async () => {
    const coordinator = await t.signedInUser({ name: 'Coördinator' });
    const network = await f.createNetwork(t.ctx, coordinator);
    const chair = await t.signedInUser({ name: 'Anna Voorzitter' });
    const member = await t.signedInUser({ name: 'Bram Lid' });
    const observer = await t.signedInUser({ name: 'Olaf Kijker' });
    const outsider = await t.signedInUser({ name: 'Olga Buiten' });
    const community = await f.createCommunity(t.ctx, coordinator, network.id, { name: 'Rekenen' });
    await f.addMember(t.ctx, community, chair, { roles: ['chair'] });
    await f.addMember(t.ctx, community, member, {});
    await f.addMember(t.ctx, community, observer, { roles: ['observer'] });
    const elsewhere = await f.createCommunity(t.ctx, coordinator, network.id, { name: 'Taal' });
    await f.addMember(t.ctx, elsewhere, outsider, {});
    const meeting = (await t.http.post(`/api/communities/${community.id}/meetings`, { cookie: chair.cookie, body: { date: '2027-03-02', startTime: '15:00', durationMinutes: 90 } })).json() as { id: string };
    await t.http.put(`/api/meetings/${meeting.id}/chair`, { cookie: coordinator.cookie, body: { userId: chair.id } });
    await t.http.post(`/api/meetings/${meeting.id}/agenda/start`, { cookie: chair.cookie });

    const chairClient = new RoomTestClient({ baseUrl, cookie: chair.cookie, meetingId: meeting.id });
    clients.push(chairClient);
    await chairClient.connect();
    const itemId = chairClient.state!.items[0]?.id ?? ITEM;
    // The chair starts the round and opens the check-out, so that turn.pass / harvest.save / checkOut.submit are refused for who, not when.
    expect(await chairClient.send({ kind: 'presence.set', userId: member.id, present: true })).toMatchObject({ type: 'ack' });
    expect(await chairClient.send({ kind: 'round.start', turnSeconds: null })).toMatchObject({ type: 'ack' });
    expect(await chairClient.send({ kind: 'checkOut.open' })).toMatchObject({ type: 'ack' });
    const seqBefore = chairClient.state!.seq;

    // A non-member: joining shows nothing, and every intent is answered "not found".
    const stranger = new RoomTestClient({ baseUrl, cookie: outsider.cookie, meetingId: meeting.id });
    clients.push(stranger);
    void stranger.connect().catch(() => {});
    await stranger.waitFor(() => stranger.errors.length > 0);
    expect(stranger.errors[0]).toMatchObject({ type: 'error', meetingId: meeting.id, status: 404, code: 'notFound' });
    expect(stranger.state).toBeNull();
    for (const intent of everyIntent(outsider.id, chair.id, itemId)) {
      expect(await stranger.send(intent), intent.kind).toMatchObject({ type: 'rejected', status: 404, code: 'notFound' });
    }
    stranger.rawSend({ type: 'leave', meetingId: meeting.id });
    // Over HTTP the same.
    const viaHttp = await t.http.post(`/api/meetings/${meeting.id}/room/intents`, { cookie: outsider.cookie, body: { id: 'outsider-0001', intent: { kind: 'turn.next' } } });
    expect(viaHttp.statusCode).toBe(404);

    // A member who is not the chair: every driving intent is refused; their own turn/harvest are not theirs now.
    const bram = new RoomTestClient({ baseUrl, cookie: member.cookie, meetingId: meeting.id });
    clients.push(bram);
    await bram.connect();
    const expected: Record<string, string> = {
      'presence.set': 'notTheChair',
      'seating.set': 'notTheChair',
      'round.start': 'notTheChair',
      'turn.next': 'notTheChair',
      'turn.previous': 'notTheChair',
      'turn.pass': 'notTheChair',
      'harvest.save': 'notYourHarvest',
      'room.pause': 'notTheChair',
      'room.resume': 'notTheChair',
      'item.next': 'notTheChair',
      'item.previous': 'notTheChair',
      'chair.handOver': 'notTheChair',
      'notes.configure': 'notTheChair',
      'note.save': 'notTheNoteTaker',
      'action.add': 'notTheNoteTaker',
      'checkOut.open': 'notTheChair',
      'room.close': 'notTheChair',
    };
    for (const intent of everyIntent(member.id, chair.id, itemId)) {
      if (intent.kind === 'checkOut.submit') continue; // a member may answer the check-out: see the observer below
      expect(await bram.send(intent), intent.kind).toMatchObject({ type: 'rejected', status: 403, code: expected[intent.kind] });
    }
    // An observer sits outside the circle: not even the check-out or their own harvest.
    const olaf = new RoomTestClient({ baseUrl, cookie: observer.cookie, meetingId: meeting.id });
    clients.push(olaf);
    await olaf.connect();
    for (const intent of everyIntent(observer.id, chair.id, itemId)) {
      expect((await olaf.send(intent)).type, intent.kind).toBe('rejected');
    }
    expect(await olaf.send({ kind: 'checkOut.submit', score: 3, word: 'woord' })).toMatchObject({ status: 403, code: 'forbidden' });

    // Nothing happened.
    const state = (await t.http.get(`/api/meetings/${meeting.id}/room`, { cookie: chair.cookie })).json().state;
    expect(state.seq).toBe(seqBefore);
    expect(bram.state!.seq).toBe(seqBefore);
    // Garbage is refused with a translated error, not a crash.
    bram.rawSend('{not json');
    bram.rawSend({ type: 'intent', id: 'short', meetingId: meeting.id, intent: { kind: 'turn.next' } });
    bram.rawSend({ type: 'intent', id: 'bad-kind-0001', meetingId: meeting.id, intent: { kind: 'room.explode' } });
    await bram.waitFor(() => bram.errors.length >= 1 && bram.messages.some((m) => m.type === 'rejected' && m.id === 'bad-kind-0001'));
    expect(bram.messages.find((m) => m.type === 'rejected' && m.id === 'short')).toMatchObject({ status: 422, code: 'validation' });
    expect(bram.errors[0]).toMatchObject({ status: 422, code: 'validation' });
    expect(bram.messages.find((m) => m.type === 'rejected' && m.id === 'bad-kind-0001')).toMatchObject({ status: 422, code: 'validation' });

    // A flood is cut off, and every intent in it still gets an answer.
    const flood = await Promise.all(Array.from({ length: 210 }, (_, i) => bram.send({ kind: 'turn.next' }, `flood-${String(i).padStart(4, '0')}`)));
    expect(flood.filter((r) => r.type === 'rejected' && r.code === 'rateLimited').length).toBeGreaterThan(0);
    expect(flood.every((r) => r.type === 'rejected')).toBe(true);
  });
});
