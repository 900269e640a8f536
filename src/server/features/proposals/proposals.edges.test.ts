import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';

// Edges found in review: advice is asked of the others, a decided proposal cannot be withdrawn, a
// block cannot be closed over, and an outcome can be corrected after its review date has come.

let t: TestApp;
let people: Awaited<ReturnType<typeof createPeople>>;
beforeAll(async () => {
  t = await createTestApp();
  people = await createPeople();
}, 180_000);
afterAll(async () => t?.close());
beforeEach(() => t.clock.set('2026-01-01T09:00:00Z'));

async function createPeople() {
  const coordinator = await t.signedInUser({ name: 'Coördinator' });
  const network = await f.createNetwork(t.ctx, coordinator);
  const school = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'De Regenboog' });
  const parents = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'Ouderraad', type: 'parentsCouncil' });
  const anna = await t.signedInUser({ name: 'Anna Voorzitter' });
  const bram = await t.signedInUser({ name: 'Bram Ouder' });
  return { coordinator, network, school, parents, anna, bram };
}

async function community() {
  const { coordinator, network, school, parents, anna, bram } = people;
  const c = await f.createCommunity(t.ctx, coordinator, network.id, { name: `Leesplan ${Math.random().toString(36).slice(2, 8)}` });
  await f.addMember(t.ctx, c, anna, { organisationId: school.id, roles: ['chair'] });
  await f.addMember(t.ctx, c, bram, { organisationId: parents.id, stakeholderGroup: 'parent' });
  return c;
}

type Who = { cookie: string };
const propose = async (communityId: string, who: Who, body: Record<string, unknown>) => {
  const res = await t.http.post(`/api/communities/${communityId}/proposals`, { cookie: who.cookie, body: { title: 'Leesouders', body: 'Twee ouders lezen mee.', ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; participants: number; rights: { respond: boolean } };
};
const respond = (id: string, who: Who, position: string, reason?: string) =>
  t.http.put(`/api/proposals/${id}/response`, { cookie: who.cookie, body: { position, baseVersion: null, ...(reason ? { reason } : {}) } });

describe('proposals at the edges', () => {
  it('respects a member who switched the "proposal opened" mail off', async () => {
    const c = await community();
    const bram = await t.http.get('/api/me', { cookie: people.bram.cookie });
    const email = (bram.json() as { email: string }).email;
    const sent = () => t.ctx.db.select().from(outbox).where(and(eq(outbox.to, email), eq(outbox.kind, 'proposalOpened')));
    const before = (await sent()).length;
    await propose(c.id, people.anna, { process: 'consent', closesAt: null });
    expect((await sent()).length).toBe(before + 1);
    expect((await t.http.put('/api/account/notifications', { cookie: people.bram.cookie, body: { proposalOpened: false } })).statusCode).toBe(200);
    await propose(c.id, people.anna, { process: 'consent', closesAt: null, title: 'Nog een voorstel' });
    expect((await sent()).length).toBe(before + 1);
    await t.http.put('/api/account/notifications', { cookie: people.bram.cookie, body: { proposalOpened: true } });
  });

  it('asks advice of the others only: the proposer neither advises nor is waited for', async () => {
    const c = await community();
    const p = await propose(c.id, people.anna, { process: 'advice', closesAt: null });
    expect(p).toMatchObject({ participants: 1, rights: { respond: false } });
    expect((await respond(p.id, people.anna, 'advice', 'Ik zou het doen')).statusCode).toBe(403);
    const advised = await respond(p.id, people.bram, 'advice', 'Begin met een kennismaking.');
    expect(advised.json()).toMatchObject({ status: 'closed', result: 'advised', participation: { participants: 1, responded: 1 } });
  });

  it('does not let a block be closed over, and does not let a decided proposal be withdrawn after its closing time', async () => {
    const c = await community();
    const p = await propose(c.id, people.anna, { process: 'consent', closesAt: '2026-01-08T17:00:00.000Z' });
    await respond(p.id, people.anna, 'noObjection');
    const blocked = (await respond(p.id, people.bram, 'objection', 'Te snel')).json();
    const close = await t.http.post(`/api/proposals/${p.id}/close`, { cookie: people.anna.cookie, body: { version: blocked.version } });
    expect(close.json()).toMatchObject({ status: 409, code: 'blockNotAnswered' });
    expect((await respond(p.id, people.bram, 'noObjection')).statusCode).toBe(409); // a second "first" response
    const changed = await t.http.put(`/api/proposals/${p.id}/response`, { cookie: people.bram.cookie, body: { position: 'noObjection', baseVersion: 1 } });
    expect(changed.statusCode).toBe(200);

    // The closing time has come but no job ran: withdrawing now would erase a decision.
    t.clock.set('2026-01-08T17:05:00Z');
    const withdraw = await t.http.post(`/api/proposals/${p.id}/withdraw`, { cookie: people.anna.cookie, body: { version: changed.json().version, reason: 'Toch niet' } });
    expect(withdraw.json()).toMatchObject({ status: 409, code: 'proposalClosed' });
    const now = (await t.http.get(`/api/proposals/${p.id}`, { cookie: people.bram.cookie })).json();
    // Decided at its closing time, not at the moment someone noticed.
    expect(now).toMatchObject({ status: 'closed', result: 'passed', closedAt: '2026-01-08T17:00:00.000Z' });
  });

  it('lets the outcome be corrected after its review date has come, but not moved into the past', async () => {
    const c = await community();
    const p = await propose(c.id, people.anna, { process: 'consent', closesAt: null });
    await respond(p.id, people.anna, 'noObjection');
    await respond(p.id, people.bram, 'noObjection');
    const url = `/api/proposals/${p.id}/outcome`;
    expect((await t.http.put(url, { cookie: people.anna.cookie, body: { version: 0, statement: 'Besloten.', reviewDate: '2026-02-01' } })).statusCode).toBe(200);
    t.clock.set('2026-02-02T09:00:00Z');
    const fixed = await t.http.put(url, { cookie: people.anna.cookie, body: { version: 1, statement: 'Besloten, met kennismaking.', reviewDate: '2026-02-01' } });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().outcome).toMatchObject({ statement: 'Besloten, met kennismaking.', reviewDate: '2026-02-01', version: 2 });
    const past = await t.http.put(url, { cookie: people.anna.cookie, body: { version: 2, statement: 'Besloten.', reviewDate: '2026-01-15' } });
    expect(past.statusCode).toBe(422);
  });
});
