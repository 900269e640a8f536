import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { communityMembers } from '../../db/schema';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';
import type { Rota } from '../../../contracts/meetings';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());
beforeEach(() => t.clock.set('2026-01-01T09:00:00Z'));

/**
 * Six members in three organisations (two each) and a network coordinator who is not at the table;
 * six monthly meetings from 13 January 2026. Anna has the chair role, the others are members.
 */
async function setup() {
  const coordinator = await t.signedInUser({ name: 'Coördinator' });
  const network = await f.createNetwork(t.ctx, coordinator);
  const orgs = await Promise.all(
    ['De Regenboog', 'Het Baken', 'Pabo Noord'].map((name) => f.createOrganisation(t.ctx, coordinator, network.id, { name: `${name} ${Math.random().toString(36).slice(2, 6)}` })),
  );
  const community = await f.createCommunity(t.ctx, coordinator, network.id, { name: 'Leesbevordering' });
  const names = ['Anna', 'Bram', 'Carla', 'Dirk', 'Eva', 'Frank'];
  const members = [];
  for (const [i, name] of names.entries()) {
    const user = await t.signedInUser({ name });
    const org = orgs[i % 3]!;
    await f.addMember(t.ctx, community, user, { organisationId: org.id, roles: i === 0 ? ['chair'] : ['member'] });
    members.push({ ...user, organisationId: org.id });
  }
  // Joined long before the meetings (the database stamps joining with the wall clock, not the test clock).
  await t.ctx.db.update(communityMembers).set({ joinedAt: new Date('2025-06-01T00:00:00Z') }).where(eq(communityMembers.communityId, community.id));
  const series = await t.http.post(`/api/communities/${community.id}/series`, {
    cookie: coordinator.cookie,
    body: { startDate: '2026-01-13', startTime: '19:30', durationMinutes: 120, rrule: 'FREQ=MONTHLY;BYDAY=2TU;COUNT=6' },
  });
  expect(series.statusCode).toBe(201);
  const byId = new Map(members.map((m) => [m.id, m]));
  const [anna, bram, carla, dirk, eva, frank] = members as [Member, Member, Member, Member, Member, Member];
  return { coordinator, network, community, members, byId, anna, bram, carla, dirk, eva, frank };
}
type Member = Awaited<ReturnType<TestApp['signedInUser']>> & { organisationId: string };
type Setup = Awaited<ReturnType<typeof setup>>;

async function rotaOf(s: Setup, cookie = s.coordinator.cookie): Promise<Rota> {
  const res = await t.http.get(`/api/communities/${s.community.id}/rota`, { cookie });
  expect(res.statusCode).toBe(200);
  return res.json();
}
const chairs = (r: Rota) => r.upcoming.map((u) => u.chair?.userId ?? null);
const namesOf = (s: Setup, ids: (string | null)[]) => ids.map((id) => (id ? s.byId.get(id)!.name : null));

async function rotating(s: Setup) {
  const before = await rotaOf(s);
  const res = await t.http.put(`/api/communities/${s.community.id}/rota`, { cookie: s.coordinator.cookie, body: { version: before.version, mode: 'rotating' } });
  expect(res.statusCode).toBe(200);
  return res.json() as Rota;
}

/** Everyone willing chairs exactly once in the six meetings. */
function expectEachOnce(s: Setup, r: Rota, who: Member[]) {
  expect(r.upcoming).toHaveLength(6);
  expect(namesOf(s, chairs(r)).sort()).toEqual(who.map((m) => m.name).sort());
}

describe('rotating chair', () => {
  it('gives everyone a turn before anyone a second, alternating organisations; only chairs and coordinators choose the mode', async () => {
    const s = await setup();
    const fixed = await rotaOf(s, s.bram.cookie);
    expect(fixed).toMatchObject({ mode: 'fixed', fixedChair: { userId: s.anna.id }, canManage: false });
    expect(new Set(chairs(fixed))).toEqual(new Set([s.anna.id]));

    const plain = await t.http.put(`/api/communities/${s.community.id}/rota`, { cookie: s.bram.cookie, body: { version: fixed.version, mode: 'rotating' } });
    expect(plain.statusCode).toBe(403);

    const r = await rotating(s);
    expect(r).toMatchObject({ mode: 'rotating', version: fixed.version + 1, canManage: true });
    expectEachOnce(s, r, s.members);
    const orgs = chairs(r).map((id) => s.byId.get(id!)!.organisationId);
    for (let i = 1; i < orgs.length; i++) expect(orgs[i], `meetings ${i} and ${i + 1}`).not.toBe(orgs[i - 1]);
    expect(r.members.map((m) => m.turnsPlanned)).toEqual([1, 1, 1, 1, 1, 1]);
    // Every meeting shows its chair.
    const meetings = (await t.http.get(`/api/communities/${s.community.id}/meetings`, { cookie: s.bram.cookie })).json() as { chair: { userId: string } | null }[];
    expect(meetings.map((m) => m.chair?.userId ?? null)).toEqual(chairs(r));

    const stale = await t.http.put(`/api/communities/${s.community.id}/rota`, { cookie: s.anna.cookie, body: { version: fixed.version, mode: 'fixed' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ mode: 'rotating', version: r.version });
    expect((await rotaOf(s)).mode).toBe('rotating');

    // Carla is not willing: she is never planned, the other five share the six meetings.
    const unwilling = await t.http.put(`/api/communities/${s.community.id}/rota/willing`, { cookie: s.carla.cookie, body: { willing: false } });
    expect(unwilling.statusCode).toBe(200);
    const without = unwilling.json() as Rota;
    expect(without.members.find((m) => m.userId === s.carla.id)).toMatchObject({ willing: false, turnsPlanned: 0 });
    expect(chairs(without)).not.toContain(s.carla.id);
    expect(new Set(chairs(without).slice(0, 5)).size).toBe(5);
    expect(chairs(without).every((id) => id !== null)).toBe(true);
  });

  it('lets the chair of a meeting skip or swap a turn; a hand-picked chair is kept; fixed mode puts one chair everywhere', async () => {
    const s = await setup();
    const r = await rotating(s);
    const [first, second] = r.upcoming;
    const firstChair = first!.chair!.userId;
    const notChair = s.members.find((m) => m.id !== first!.chair!.userId && m.id !== r.upcoming[1]!.chair!.userId && m.id !== s.anna.id)!;

    const notYours = await t.http.post(`/api/meetings/${first!.meetingId}/chair/skip`, { cookie: notChair.cookie });
    expect(notYours.statusCode).toBe(409);
    expect(notYours.json().code).toBe('notYourTurn');

    const skip = await t.http.post(`/api/meetings/${first!.meetingId}/chair/skip`, { cookie: s.byId.get(firstChair)!.cookie });
    expect(skip.statusCode).toBe(200);
    const skipped = skip.json() as Rota;
    expect(skipped.upcoming[0]!.chair!.userId).not.toBe(firstChair);
    expect(skipped.upcoming[0]!.skipped.map((p) => p.userId)).toEqual([firstChair]);
    // The skipper keeps a turn later in the round: still one each.
    expectEachOnce(s, skipped, s.members);

    const a = skipped.upcoming[1]!;
    const b = skipped.upcoming[2]!;
    expect(a.meetingId).toBe(second!.meetingId);
    const swapper = s.byId.get(a.chair!.userId)!;
    const outsider = s.members.find((m) => m.id !== a.chair!.userId && m.id !== b.chair!.userId && m.id !== s.anna.id)!;
    expect((await t.http.post(`/api/meetings/${a.meetingId}/chair/swap`, { cookie: outsider.cookie, body: { otherMeetingId: b.meetingId } })).json().code).toBe('notYourTurn');
    const swap = await t.http.post(`/api/meetings/${a.meetingId}/chair/swap`, { cookie: swapper.cookie, body: { otherMeetingId: b.meetingId } });
    expect(swap.statusCode).toBe(200);
    const swapped = swap.json() as Rota;
    expect(swapped.upcoming[1]).toMatchObject({ chair: { userId: b.chair!.userId }, pinned: true });
    expect(swapped.upcoming[2]).toMatchObject({ chair: { userId: a.chair!.userId }, pinned: true });
    expectEachOnce(s, swapped, s.members);

    // By hand: the coordinator gives the fourth meeting to whoever had the sixth; the rota plans around it.
    const fourth = swapped.upcoming[3]!;
    const sixthChair = swapped.upcoming[5]!.chair!.userId;
    expect((await t.http.put(`/api/meetings/${fourth.meetingId}/chair`, { cookie: s.bram.cookie, body: { userId: sixthChair } })).statusCode).toBe(403);
    const notMember = await t.http.put(`/api/meetings/${fourth.meetingId}/chair`, { cookie: s.coordinator.cookie, body: { userId: s.coordinator.id } });
    expect(notMember.statusCode).toBe(422);
    expect(notMember.json().errors[0]).toMatchObject({ path: 'userId', code: 'notAMember' });
    const assign = await t.http.put(`/api/meetings/${fourth.meetingId}/chair`, { cookie: s.coordinator.cookie, body: { userId: sixthChair } });
    expect(assign.statusCode).toBe(200);
    const assigned = assign.json() as Rota;
    expect(assigned.upcoming[3]).toMatchObject({ chair: { userId: sixthChair }, pinned: true });
    expect(assigned.upcoming.slice(0, 3).map((u) => u.chair?.userId)).toEqual(swapped.upcoming.slice(0, 3).map((u) => u.chair?.userId));
    expectEachOnce(s, assigned, s.members);

    // Fixed: Dirk chairs every meeting, swaps and picks of the rota included.
    const fixed = await t.http.put(`/api/communities/${s.community.id}/rota`, { cookie: s.anna.cookie, body: { version: assigned.version, mode: 'fixed', fixedChairUserId: s.dirk.id } });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({ mode: 'fixed', fixedChair: { userId: s.dirk.id } });
    expect(chairs(fixed.json())).toEqual(Array(6).fill(s.dirk.id));
    const meetings = (await t.http.get(`/api/communities/${s.community.id}/meetings`, { cookie: s.eva.cookie })).json() as { chair: { name: string } | null }[];
    expect(meetings.map((m) => m.chair?.name)).toEqual(Array(6).fill('Dirk'));
    const outside = await t.http.put(`/api/communities/${s.community.id}/rota`, { cookie: s.anna.cookie, body: { version: fixed.json().version, mode: 'fixed', fixedChairUserId: s.coordinator.id } });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0]).toMatchObject({ path: 'fixedChairUserId', code: 'notAMember' });
  });

  it('takes a member who leaves the table, or becomes an observer, out of the upcoming turns', async () => {
    const s = await setup();
    const r = await rotating(s);
    const leaver = s.byId.get(r.upcoming[0]!.chair!.userId)!;
    const community = (await t.http.get(`/api/communities/${s.community.id}`, { cookie: s.coordinator.cookie })).json() as { members: { id: string; userId: string }[] };
    const membership = (userId: string) => community.members.find((m) => m.userId === userId)!.id;

    const removed = await t.http.delete(`/api/communities/${s.community.id}/members/${membership(leaver.id)}`, { cookie: s.coordinator.cookie });
    expect(removed.statusCode).toBe(204);
    const after = await rotaOf(s);
    expect(after.members.map((m) => m.userId)).not.toContain(leaver.id);
    expect(chairs(after)).not.toContain(leaver.id);
    expect(new Set(chairs(after).slice(0, 5)).size).toBe(5);

    const observer = s.byId.get(chairs(after)[0]!)!;
    const demoted = await t.http.patch(`/api/communities/${s.community.id}/members/${membership(observer.id)}`, { cookie: s.coordinator.cookie, body: { roles: ['observer'] } });
    expect(demoted.statusCode).toBe(200);
    const later = await rotaOf(s);
    expect(chairs(later)).not.toContain(observer.id);
    expect(chairs(later)).not.toContain(leaver.id);
    expect(new Set(chairs(later).slice(0, 4)).size).toBe(4);
    expect(chairs(later).every((id) => id !== null)).toBe(true);

    // Someone leaving by themselves too.
    const goer = s.byId.get(chairs(later)[0]!)!;
    expect((await t.http.post(`/api/communities/${s.community.id}/leave`, { cookie: goer.cookie })).statusCode).toBe(204);
    expect(chairs(await rotaOf(s))).not.toContain(goer.id);
  });
});
