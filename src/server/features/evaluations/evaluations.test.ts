import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evaluationAnswers, evaluationParticipations, outbox } from '../../db/schema';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';

// Evaluations: who opens and answers, bad input, answers only in aggregate (closed, ≥ 3 answers),
// open answers without names, and the improvement loop (action → effect at the next evaluation).

let t: TestApp;
let people: Awaited<ReturnType<typeof createPeople>>;
beforeAll(async () => {
  t = await createTestApp();
  people = await createPeople();
}, 180_000);
afterAll(async () => t?.close());
beforeEach(() => t.clock.set('2026-03-02T09:00:00Z'));

async function createPeople() {
  const coordinator = await t.signedInUser({ name: 'Coördinator' });
  const network = await f.createNetwork(t.ctx, coordinator);
  const school = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'De Regenboog' });
  const parents = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'Ouderraad', type: 'parentsCouncil' });
  const anna = await t.signedInUser({ name: 'Anna Voorzitter' });
  const bram = await t.signedInUser({ name: 'Bram Ouder' });
  const carla = await t.signedInUser({ name: 'Carla Leerkracht' });
  const dirk = await t.signedInUser({ name: 'Dirk IB' });
  const rosa = await t.signedInUser({ name: 'Rosa Onderzoeker' });
  const otto = await t.signedInUser({ name: 'Otto Observant' });
  return { coordinator, network, school, parents, anna, bram, carla, dirk, rosa, otto };
}

async function community() {
  const { coordinator, network, school, parents, anna, bram, carla, dirk, rosa, otto } = people;
  const c = await f.createCommunity(t.ctx, coordinator, network.id, { name: `Mediawijs ${Math.random().toString(36).slice(2, 8)}` });
  await f.addMember(t.ctx, c, anna, { organisationId: school.id, roles: ['member', 'chair'] });
  await f.addMember(t.ctx, c, bram, { organisationId: parents.id, stakeholderGroup: 'parent' });
  await f.addMember(t.ctx, c, carla, { organisationId: school.id });
  await f.addMember(t.ctx, c, dirk, { organisationId: school.id, stakeholderGroup: 'care' });
  await f.addMember(t.ctx, c, rosa, { roles: ['researcher'] });
  await f.addMember(t.ctx, c, otto, { roles: ['observer'] });
  return c;
}

type Who = { cookie: string };
const scores = (n: number) => ({ ambitionClarity: n, jointAttention: n, equalCommitment: n, equivalence: n, time: n, regularity: n, usefulness: n });
const open = async (communityId: string, who: Who, body: Record<string, unknown> = {}) => {
  const res = await t.http.post(`/api/communities/${communityId}/evaluations`, {
    cookie: who.cookie,
    body: { closesAt: '2026-03-16T17:00:00Z', openQuestions: ['Wat heb je nodig?'], ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; participants: number };
};
const answer = (evaluationId: string, who: Who, n: number, text = '') =>
  t.http.post(`/api/evaluations/${evaluationId}/answers`, { cookie: who.cookie, body: { scores: scores(n), openAnswers: [text] } });

describe('evaluations', () => {
  it('lets coordinators and researchers open one; members, observers and outsiders may not', async () => {
    const c = await community();
    const byCoordinator = await open(c.id, people.coordinator);
    expect(byCoordinator).toMatchObject({ status: 'open', participants: 4, answered: 0, aggregate: null, hidden: 'open' });
    await open(c.id, people.rosa, { title: 'Tussenmeting' });
    for (const who of [people.anna, people.bram, people.otto]) {
      const res = await t.http.post(`/api/communities/${c.id}/evaluations`, { cookie: who.cookie, body: { closesAt: '2026-03-16T17:00:00Z' } });
      expect(res.statusCode, res.body).toBe(403);
    }
    const outsider = await t.signedInUser({ name: 'Buitenstaander' });
    expect((await t.http.get(`/api/communities/${c.id}/evaluations`, { cookie: outsider.cookie })).statusCode).toBe(404);
    expect((await t.http.get(`/api/evaluations/${byCoordinator.id}`, { cookie: outsider.cookie })).statusCode).toBe(404);
    // Researchers and observers read, but do not answer.
    expect((await answer(byCoordinator.id, people.rosa, 3)).statusCode).toBe(403);
    expect((await answer(byCoordinator.id, people.otto, 3)).statusCode).toBe(403);
  });

  it('asks the participants to answer by mail when it opens (not researchers or observers; not before it opens)', async () => {
    const c = await community();
    const mailsAbout = async () =>
      (await t.ctx.db.select().from(outbox).where(eq(outbox.kind, 'evaluationOpened'))).filter((m) => m.subject.includes(c.name));
    await t.http.put('/api/account/notifications', { cookie: people.carla.cookie, body: { evaluationOpened: false } });
    const later = await open(c.id, people.rosa, { opensAt: '2026-03-05T09:00:00Z' });
    await t.ctx.jobs.runDue();
    expect(await mailsAbout()).toEqual([]);
    t.clock.set('2026-03-05T09:00:01Z');
    await t.ctx.jobs.runDue();
    const sent = await mailsAbout();
    expect(sent.map((m) => m.to).sort()).toEqual([people.anna.email, people.bram.email, people.dirk.email].sort());
    expect(sent[0]!.subject).toBe(`Evaluatie in "${c.name}": hoe gaat het?`);
    expect(sent[0]!.text).toContain(`/communities/${c.id}/monitor/evaluations/${later.id}`);
    expect(sent[0]!.text).toContain('Rosa Onderzoeker vraagt je hoe het gaat');
    await t.http.put('/api/account/notifications', { cookie: people.carla.cookie, body: { evaluationOpened: true } });
  });

  it('refuses bad input with clear, translated errors', async () => {
    const c = await community();
    const before = await t.http.post(`/api/communities/${c.id}/evaluations`, {
      cookie: people.coordinator.cookie,
      body: { opensAt: '2026-03-10T09:00:00Z', closesAt: '2026-03-09T09:00:00Z' },
    });
    expect(before.statusCode).toBe(422);
    expect(before.json().errors).toEqual([expect.objectContaining({ path: 'closesAt', code: 'closesBeforeOpens', message: 'De sluitingstijd moet na de openingstijd liggen.' })]);
    const past = await t.http.post(`/api/communities/${c.id}/evaluations`, { cookie: people.coordinator.cookie, body: { closesAt: '2026-03-01T09:00:00Z' } });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0]).toMatchObject({ path: 'closesAt', code: 'closesInPast' });

    const e = await open(c.id, people.coordinator);
    const seven = await t.http.post(`/api/evaluations/${e.id}/answers`, { cookie: people.anna.cookie, body: { scores: { ...scores(3), time: 7 }, openAnswers: [] } });
    expect(seven.statusCode).toBe(422);
    expect(seven.json().errors).toEqual([expect.objectContaining({ path: 'scores.time', code: 'numberTooLarge' })]);
    const missing = await t.http.post(`/api/evaluations/${e.id}/answers`, {
      cookie: people.anna.cookie,
      headers: { 'accept-language': 'en' },
      body: { scores: { ambitionClarity: 3 }, openAnswers: [] },
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors.map((x: { path: string }) => x.path)).toContain('scores.usefulness');
    const tooMany = await t.http.post(`/api/evaluations/${e.id}/answers`, { cookie: people.anna.cookie, body: { scores: scores(3), openAnswers: ['a', 'b'] } });
    expect(tooMany.statusCode).toBe(422);

    expect((await answer(e.id, people.anna, 4)).statusCode).toBe(200);
    const twice = await answer(e.id, people.anna, 1);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'alreadyAnswered', title: expect.stringContaining('al ingevuld') });
    // Nothing of the refused tries was stored.
    const rows = await t.ctx.db.select().from(evaluationAnswers).where(eq(evaluationAnswers.evaluationId, e.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.scores.time).toBe(4);
  });

  it('refuses answers before it opens and after it closes', async () => {
    const c = await community();
    const later = await open(c.id, people.coordinator, { opensAt: '2026-03-05T09:00:00Z' });
    expect(later.status).toBe('scheduled');
    const early = await answer(later.id, people.anna, 3);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('evaluationNotOpen');
    t.clock.set('2026-03-17T09:00:00Z');
    const late = await answer(later.id, people.anna, 3);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('evaluationClosed');
    expect((await t.http.get(`/api/evaluations/${later.id}`, { cookie: people.anna.cookie })).json()).toMatchObject({ status: 'closed', closedAt: '2026-03-16T17:00:00.000Z' });
  });

  it('shows answers only in aggregate, once closed and with at least three answers; open answers without names', async () => {
    const c = await community();
    const e = await open(c.id, people.coordinator);
    await answer(e.id, people.anna, 4, 'Meer tijd van de directie');
    await answer(e.id, people.bram, 2, 'Een vaste avond');
    const two = (await t.http.get(`/api/evaluations/${e.id}`, { cookie: people.coordinator.cookie })).json();
    expect(two).toMatchObject({ answered: 2, hidden: 'open', aggregate: null });
    // Closing with two answers: still nothing shown.
    const closedTwo = await open(c.id, people.coordinator);
    await answer(closedTwo.id, people.anna, 5);
    await answer(closedTwo.id, people.bram, 1);
    const res = await t.http.post(`/api/evaluations/${closedTwo.id}/close`, { cookie: people.rosa.cookie });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', answered: 2, hidden: 'tooFew', aggregate: null });
    expect((await t.http.post(`/api/evaluations/${closedTwo.id}/close`, { cookie: people.rosa.cookie })).json().code).toBe('evaluationClosed');

    await answer(e.id, people.carla, 3, '');
    // Still open (Dirk has not answered): the third answer must not show the aggregate by difference.
    expect((await t.http.get(`/api/evaluations/${e.id}`, { cookie: people.anna.cookie })).json()).toMatchObject({ answered: 3, hidden: 'open', aggregate: null });
    // The last participant's answer closes it.
    const last = (await answer(e.id, people.dirk, 3, 'Iemand van het CJG erbij')).json();
    expect(last).toMatchObject({ status: 'closed', answered: 4, hidden: null, iAnswered: true, canAnswer: false });
    const item = last.aggregate.items.find((i: { item: string }) => i.item === 'time');
    expect(item).toEqual({ item: 'time', mean: 3, count: 4, distribution: [0, 1, 2, 1, 0] });
    expect(last.aggregate.openAnswers).toEqual([{ question: 'Wat heb je nodig?', answers: ['Een vaste avond', 'Iemand van het CJG erbij', 'Meer tijd van de directie'] }]);
    // Researchers see the same aggregate; nothing anywhere names who answered what.
    const asResearcher = await t.http.get(`/api/communities/${c.id}/evaluations`, { cookie: people.rosa.cookie });
    const body = asResearcher.body;
    for (const p of [people.anna, people.bram, people.carla, people.dirk]) {
      expect(body).not.toContain(p.id);
      expect(body).not.toContain(p.name);
    }
    // Who answered is stored apart from what: the answer rows carry no person and no time.
    expect(Object.keys((await t.ctx.db.select().from(evaluationAnswers).limit(1))[0]!).sort()).toEqual(['evaluationId', 'id', 'networkId', 'openAnswers', 'scores']);
    const participations = await t.ctx.db.select().from(evaluationParticipations).where(eq(evaluationParticipations.evaluationId, e.id));
    expect(participations).toHaveLength(4);
  });

  it('closes by itself at its closing time (job), and the monitor takes the scores into its history', async () => {
    const c = await community();
    const e = await open(c.id, people.coordinator);
    for (const [who, n] of [[people.anna, 2], [people.bram, 2], [people.carla, 1]] as const) await answer(e.id, who, n);
    t.clock.set('2026-03-16T17:00:01Z');
    await t.ctx.jobs.runDue();
    const monitor = (await t.http.get(`/api/communities/${c.id}/monitor`, { cookie: people.anna.cookie })).json();
    const ev = monitor.evaluations.find((x: { id: string }) => x.id === e.id);
    expect(ev).toMatchObject({ status: 'closed', closedAt: '2026-03-16T17:00:00.000Z', answered: 3, hidden: null });
    expect(monitor.history).toHaveLength(1);
    expect(monitor.history[0]).toMatchObject({ evaluationId: e.id, answered: 3 });
    // Time was answered (2+2+1)/3 ≈ 1.67 → evaluation part 17; it shows in the time condition's parts.
    const time = monitor.current.scores.find((s: { condition: string }) => s.condition === 'time');
    expect(time.parts).toContainEqual({ source: 'evaluation', score: 17, reason: { code: 'evaluation.item', params: { item: 'time', mean: 1.7 } } });
  });

  it('records an improvement action for the critical factor and shows its effect at the next evaluation', async () => {
    const c = await community();
    const first = await open(c.id, people.coordinator);
    for (const who of [people.anna, people.bram, people.carla, people.dirk]) await answer(first.id, who, 1);
    let monitor = (await t.http.get(`/api/communities/${c.id}/monitor`, { cookie: people.anna.cookie })).json();
    const regularityBefore = monitor.current.scores.find((s: { condition: string }) => s.condition === 'regularity').score;

    const bad = await t.http.post(`/api/communities/${c.id}/improvement-actions`, {
      cookie: people.anna.cookie,
      body: { condition: 'regularity', what: 'Vaste avond', ownerUserId: people.rosa.id, dueDate: '2026-04-01' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ path: 'ownerUserId', code: 'notAMember' });
    expect(
      (await t.http.post(`/api/communities/${c.id}/improvement-actions`, { cookie: people.rosa.cookie, body: { condition: 'regularity', what: 'x', ownerUserId: people.anna.id, dueDate: '2026-04-01' } }))
        .statusCode,
    ).toBe(403);
    const created = await t.http.post(`/api/communities/${c.id}/improvement-actions`, {
      cookie: people.anna.cookie,
      body: { condition: 'regularity', what: 'Elke eerste dinsdag van de maand', ownerUserId: people.bram.id, dueDate: '2026-04-01' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const action = created.json();
    expect(action).toMatchObject({ ownerName: 'Bram Ouder', baselineScore: regularityBefore, done: false, effect: null, version: 1 });

    const done = await t.http.put(`/api/improvement-actions/${action.id}`, { cookie: people.bram.cookie, body: { version: 1, done: true } });
    expect(done.json()).toMatchObject({ done: true, version: 2 });
    const stale = await t.http.put(`/api/improvement-actions/${action.id}`, { cookie: people.anna.cookie, body: { version: 1, done: false } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('staleVersion');

    // The next evaluation answers regularity higher: the effect shows the change against the baseline.
    t.clock.set('2026-04-20T09:00:00Z');
    const second = await open(c.id, people.rosa, { closesAt: '2026-05-04T17:00:00Z' });
    for (const who of [people.anna, people.bram, people.carla, people.dirk]) await answer(second.id, who, 5);
    monitor = (await t.http.get(`/api/communities/${c.id}/monitor`, { cookie: people.anna.cookie })).json();
    const shown = monitor.actions.find((a: { id: string }) => a.id === action.id);
    expect(shown.effect).toMatchObject({ evaluationId: second.id });
    expect(shown.effect.delta).toBe(shown.effect.score - regularityBefore);
    expect(shown.effect.delta).toBeGreaterThan(0);
    // The history: the first evaluation, the action recorded after it, then the second.
    expect(monitor.history.map((h: { evaluationId: string; actionIds: string[] }) => [h.evaluationId, h.actionIds])).toEqual([
      [first.id, [action.id]],
      [second.id, []],
    ]);
  });
});
