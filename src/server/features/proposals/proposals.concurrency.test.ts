/**
 * Proposals under concurrent use: every step that decides takes the proposal's row lock, so of two
 * racing requests one wins and the other gets 409, and nothing is lost or done twice.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jobs, outbox } from '../../db/schema';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';

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
  const college = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'Pabo Noord', type: 'teacherCollege' });
  const chair = await t.signedInUser({ name: 'Anna Voorzitter' });
  const member = await t.signedInUser({ name: 'Bram Leraar' });
  const member2 = await t.signedInUser({ name: 'Carla Docent' });
  const member3 = await t.signedInUser({ name: 'Dirk Ouder' });
  return { coordinator, network, school, college, chair, member, member2, member3 };
}

type Person = { id: string; email: string; cookie: string };

/** Four participants: Anna (chair) and Bram of the school, Carla of the college, Dirk a parent. */
async function setup() {
  const { coordinator, network, school, college, chair, member, member2, member3 } = people;
  const tag = Math.random().toString(36).slice(2, 8);
  const community = await f.createCommunity(t.ctx, coordinator, network.id, { name: `Gelijktijdig ${tag}` });
  await f.addMember(t.ctx, community, chair, { organisationId: school.id, roles: ['chair'] });
  await f.addMember(t.ctx, community, member, { organisationId: school.id });
  await f.addMember(t.ctx, community, member2, { organisationId: college.id, stakeholderGroup: 'college' });
  await f.addMember(t.ctx, community, member3, { stakeholderGroup: 'parent' });
  return { ...people, tag, community, participants: [chair, member, member2, member3] };
}
type Setup = Awaited<ReturnType<typeof setup>>;

let counter = 0;
async function opened(s: Setup, who: Person, body: Record<string, unknown> = {}) {
  const res = await t.http.post(`/api/communities/${s.community.id}/proposals`, {
    cookie: who.cookie,
    body: { title: `Voorstel ${++counter} ${s.tag}`, body: 'Elke ochtend een kwartier stillezen.', process: 'consent', closesAt: '2026-01-08T17:00:00Z', ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; title: string; version: number };
}

const respond = (proposalId: string, who: Person, position: string, baseVersion: number | null = null, reason?: string) =>
  t.http.put(`/api/proposals/${proposalId}/response`, { cookie: who.cookie, body: { position, baseVersion, ...(reason === undefined ? {} : { reason }) } });
const read = async (proposalId: string, who: Person) => (await t.http.get(`/api/proposals/${proposalId}`, { cookie: who.cookie })).json();
const close = (proposalId: string, who: Person, version: number) => t.http.post(`/api/proposals/${proposalId}/close`, { cookie: who.cookie, body: { version } });

async function mails(kind: string, about: string, subject?: RegExp) {
  const rows = await t.ctx.db.select().from(outbox).where(eq(outbox.kind, kind));
  return rows.filter((r) => r.text.includes(about) && (!subject || subject.test(r.subject)));
}
const CLOSED = /^(Voorstel gesloten|Proposal closed)/;
const OUTCOME = /^(Besluit in|Decision in)/;
const statuses = (list: { statusCode: number }[]) => list.map((r) => r.statusCode).sort();

/** A proposal everyone has responded to with "no objection" (so it may be closed before its time). */
async function everyoneIn(s: Setup) {
  const p = await opened(s, s.member);
  for (const who of s.participants) expect((await respond(p.id, who, 'noObjection')).statusCode).toBe(200);
  return p;
}

describe('proposals under concurrent requests', () => {
  it('closes once when two stewards close at the same moment: one 200, one 409, one set of mails, one decision', async () => {
    const s = await setup();
    const p = await everyoneIn(s);
    const results = await Promise.all([close(p.id, s.chair, p.version), close(p.id, s.member, p.version)]);
    expect(statuses(results)).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('proposalClosed');
    expect(await read(p.id, s.member2)).toMatchObject({ status: 'closed', result: 'passed', participation: { responded: 4 } });
    const closed = await mails('proposalOutcome', p.title, CLOSED);
    expect(closed.map((m) => m.to).sort()).toEqual(s.participants.map((x) => x.email).sort());
    const log = (await t.http.get(`/api/communities/${s.community.id}/decisions`, { cookie: s.member3.cookie })).json();
    expect(log.decisions.map((d: { id: string }) => d.id)).toEqual([p.id]);
  });

  it('never loses a response that races a close: it is either in the decision, refused with 409, or its objection stops the close', async () => {
    const s = await setup();
    for (let i = 0; i < 3; i++) {
      const p = await everyoneIn(s);
      const [closing, carla, dirk] = await Promise.all([
        close(p.id, s.chair, p.version),
        respond(p.id, s.member2, 'objection', 1, 'Toch te veel tijd'),
        respond(p.id, s.member3, 'objection', 1, 'Ouders niet gehoord'),
      ]);
      const now = await read(p.id, s.member);
      const raced = [
        [s.member2, carla],
        [s.member3, dirk],
      ] as const;
      if (closing.statusCode === 200) {
        // The close came first: both objections were refused and the decision is that of the responses before it.
        expect(now).toMatchObject({ status: 'closed', result: 'passed', participation: { positions: { noObjection: 4 } } });
        for (const [who, res] of raced) {
          expect(res.statusCode).toBe(409);
          expect(res.json().code).toBe('proposalClosed');
          expect(now.responses.find((r: { userId: string }) => r.userId === who.id)).toMatchObject({ position: 'noObjection', version: 1 });
        }
        expect(await mails('proposalOutcome', p.title, CLOSED)).toHaveLength(4);
      } else {
        // An objection came first: it is answered by amending or withdrawing, not closed over. Nothing is lost.
        expect(closing.statusCode).toBe(409);
        expect(closing.json().code).toBe('blockNotAnswered');
        expect(now.status).toBe('open');
        for (const [who, res] of raced) {
          expect(res.statusCode).toBe(200);
          expect(now.responses.find((r: { userId: string }) => r.userId === who.id)).toMatchObject({ position: 'objection', version: 2, current: true });
        }
        expect(await mails('proposalOutcome', p.title, CLOSED)).toHaveLength(0);
      }
    }
  });

  it('closes a "when everyone has responded" proposal exactly once when the last responses come in together', async () => {
    const s = await setup();
    const p = await opened(s, s.chair, { closesAt: null, process: 'advice' });
    // Advice is asked of the others: the proposer (the chair here) decides afterwards.
    const advisers = s.participants.filter((who) => who !== s.chair);
    const results = await Promise.all(advisers.map((who) => respond(p.id, who, 'advice', null, `Advies van ${who.id}`)));
    expect(statuses(results)).toEqual([200, 200, 200]);
    const decided = await read(p.id, s.chair);
    expect(decided).toMatchObject({ status: 'closed', result: 'advised', participation: { participants: 3, responded: 3, positions: { advice: 3 } } });
    expect(decided.history).toHaveLength(3);
    expect(await mails('proposalOutcome', p.title, CLOSED)).toHaveLength(4);
    // The last one in closed it: its answer shows the decision.
    expect(results.some((r) => r.json().status === 'closed')).toBe(true);
    expect((await respond(p.id, s.member, 'advice', 1, 'Nog iets')).json().code).toBe('proposalClosed');
  });

  it('closes once, without an error for anyone, when someone opens the proposal just as the closing job runs', async () => {
    const s = await setup();
    for (let i = 0; i < 8; i++) {
      t.clock.set('2026-01-01T09:00:00Z');
      const p = await opened(s, s.member);
      await respond(p.id, s.member2, 'noObjection');
      await respond(p.id, s.member3, 'noObjection');
      await respond(p.id, s.chair, 'noObjection');
      const at = new Date('2026-01-08T17:00:01Z');
      t.clock.set(at);
      // The read settles the overdue proposal itself while the runner closes it too.
      const [, view, list] = await Promise.all([
        t.ctx.jobs.runDue(at),
        t.http.get(`/api/proposals/${p.id}`, { cookie: s.member3.cookie }),
        t.http.get(`/api/communities/${s.community.id}/proposals`, { cookie: s.member2.cookie }),
      ]);
      expect(view.statusCode, view.body).toBe(200);
      expect(list.statusCode, list.body).toBe(200);
      expect(view.json()).toMatchObject({ status: 'closed', result: 'passed' });
      expect(await mails('proposalOutcome', p.title, CLOSED)).toHaveLength(4);
    }
    // No job had to give up or retry.
    const failed = (await t.ctx.db.select().from(jobs).where(eq(jobs.kind, 'proposal.close'))).filter((j) => j.lastError !== null);
    expect(failed).toEqual([]);
  });

  it('keeps the first of two tabs that both respond for the first time; the other sees it', async () => {
    const s = await setup();
    const p = await opened(s, s.member);
    const results = await Promise.all([respond(p.id, s.member2, 'noObjection'), respond(p.id, s.member2, 'objection', null, 'Te druk')]);
    expect(statuses(results)).toEqual([200, 409]);
    const won = results.find((r) => r.statusCode === 200)!.json().myResponse;
    const lost = results.find((r) => r.statusCode === 409)!.json();
    expect(lost).toMatchObject({ code: 'alreadyResponded', current: { position: won.position, version: 1 } });
    const view = await read(p.id, s.member);
    expect(view.history).toHaveLength(1);
    expect(view.responses).toEqual([expect.objectContaining({ userId: s.member2.id, position: won.position, version: 1 })]);
  });

  it('sends one reminder, amends once and writes the first outcome once when clicked twice at the same moment', async () => {
    const s = await setup();
    const p = await opened(s, s.member);
    const senders = [s.chair, s.member];
    const reminded = await Promise.all(senders.map((who) => t.http.post(`/api/proposals/${p.id}/remind`, { cookie: who.cookie })));
    expect(statuses(reminded)).toEqual([200, 409]);
    expect(reminded.find((r) => r.statusCode === 409)!.json().code).toBe('reminderAlreadySent');
    // Nobody has responded: everyone but the one whose click went through is reminded, once.
    const sender = senders[reminded.findIndex((r) => r.statusCode === 200)]!;
    const reminders = await mails('proposalReminder', p.title);
    expect(reminders.map((m) => m.to).sort()).toEqual(s.participants.filter((x) => x !== sender).map((x) => x.email).sort());

    const amend = (note: string) =>
      t.http.post(`/api/proposals/${p.id}/amend`, { cookie: s.member.cookie, body: { version: p.version, title: p.title, body: `Nieuwe tekst: ${note}`, closesAt: null, note } });
    const amended = await Promise.all([amend('eerste tab'), amend('tweede tab')]);
    expect(statuses(amended)).toEqual([200, 409]);
    const view = await read(p.id, s.member);
    expect(view).toMatchObject({ round: 2, revisions: [expect.objectContaining({ round: 1 })] });
    expect(view.body).toBe(amended.find((r) => r.statusCode === 200)!.json().body);

    for (const who of s.participants) expect((await respond(p.id, who, 'noObjection')).statusCode).toBe(200);
    expect(await read(p.id, s.member)).toMatchObject({ status: 'closed', result: 'passed' });
    const outcome = (who: Person, statement: string) => t.http.put(`/api/proposals/${p.id}/outcome`, { cookie: who.cookie, body: { version: 0, statement, reviewDate: null } });
    const written = await Promise.all([outcome(s.member, 'Van Bram'), outcome(s.chair, 'Van Anna')]);
    expect(statuses(written)).toEqual([200, 409]);
    expect((await read(p.id, s.member)).outcome).toMatchObject({ version: 1, statement: written.find((r) => r.statusCode === 200)!.json().outcome.statement });
    expect(await mails('proposalOutcome', p.title, OUTCOME)).toHaveLength(4);
  });
});
