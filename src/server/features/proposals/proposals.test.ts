import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';

let t: TestApp;
let people: Awaited<ReturnType<typeof createPeople>>;
beforeAll(async () => {
  t = await createTestApp();
  people = await createPeople();
}, 180_000);
afterAll(async () => t?.close());
beforeEach(() => t.clock.set('2026-01-01T09:00:00Z'));

/** Accounts are costly (password hashing): made once, then seated in a fresh community per test. */
async function createPeople() {
  const coordinator = await t.signedInUser({ name: 'Coördinator' });
  const network = await f.createNetwork(t.ctx, coordinator);
  const school = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'De Regenboog' });
  const college = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'Pabo Noord', type: 'teacherCollege' });
  const chair = await t.signedInUser({ name: 'Anna Voorzitter' });
  const member = await t.signedInUser({ name: 'Bram Leraar', locale: 'en' });
  const member2 = await t.signedInUser({ name: 'Carla Docent' });
  const researcher = await t.signedInUser({ name: 'Ruben Onderzoeker' });
  const observer = await t.signedInUser({ name: 'Olaf Kijker' });
  const outsider = await t.signedInUser({ name: 'Olga Buiten' });
  return { coordinator, network, school, college, chair, member, member2, researcher, observer, outsider };
}

type Person = { id: string; email: string; cookie: string };

/**
 * A community whose participants are the chair and Bram (school) and Carla (college); a researcher
 * and an observer read along. The outsider sits in another community of the same network.
 */
async function setup() {
  const { coordinator, network, school, college, chair, member, member2, researcher, observer, outsider } = people;
  const tag = Math.random().toString(36).slice(2, 8);
  const community = await f.createCommunity(t.ctx, coordinator, network.id, { name: `Leesbevordering ${tag}` });
  await f.addMember(t.ctx, community, chair, { organisationId: school.id, roles: ['chair'] });
  await f.addMember(t.ctx, community, member, { organisationId: school.id });
  await f.addMember(t.ctx, community, member2, { organisationId: college.id, stakeholderGroup: 'college' });
  await f.addMember(t.ctx, community, researcher, { organisationId: college.id, stakeholderGroup: 'college', roles: ['researcher'] });
  await f.addMember(t.ctx, community, observer, { roles: ['observer'] });
  const other = await f.createCommunity(t.ctx, coordinator, network.id, { name: `Elders ${tag}` });
  await f.addMember(t.ctx, other, outsider, { organisationId: school.id });
  const res = await t.http.post(`/api/communities/${community.id}/meetings`, { cookie: chair.cookie, body: { date: '2026-01-20', startTime: '19:30', durationMinutes: 120 } });
  expect(res.statusCode).toBe(201);
  const meeting = res.json() as { id: string; title: string; startsAt: string };
  return { ...people, tag, community, other, meeting };
}
type Setup = Awaited<ReturnType<typeof setup>>;

const inAWeek = '2026-01-08T17:00:00.000Z';

function propose(s: Setup, who: Person, body: Record<string, unknown> = {}) {
  return t.http.post(`/api/communities/${s.community.id}/proposals`, {
    cookie: who.cookie,
    body: { title: `Leesplan ${s.tag}`, body: 'Elke ochtend een kwartier stillezen.', background: 'Uit de vorige bijeenkomst.', process: 'consent', closesAt: inAWeek, ...body },
  });
}

async function opened(s: Setup, who: Person, body: Record<string, unknown> = {}) {
  const res = await propose(s, who, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; title: string; version: number };
}

const respond = (proposalId: string, who: Person, position: string, baseVersion: number | null = null, reason?: string) =>
  t.http.put(`/api/proposals/${proposalId}/response`, { cookie: who.cookie, body: { position, baseVersion, ...(reason === undefined ? {} : { reason }) } });

async function responded(proposalId: string, who: Person, position: string, baseVersion: number | null = null, reason?: string) {
  const res = await respond(proposalId, who, position, baseVersion, reason);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const read = async (proposalId: string, who: Person) => {
  const res = await t.http.get(`/api/proposals/${proposalId}`, { cookie: who.cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Queued mails of one kind whose text mentions `about` (a proposal's unique title). */
async function mails(kind: string, about: string, subject?: RegExp) {
  const rows = await t.ctx.db.select().from(outbox).where(eq(outbox.kind, kind));
  return rows.filter((r) => r.text.includes(about) && (!subject || subject.test(r.subject)));
}
const recipients = (rows: { to: string }[]) => rows.map((r) => r.to).sort();
const emails = (...who: { email: string }[]) => who.map((w) => w.email).sort();
const CLOSED = /^(Voorstel gesloten|Proposal closed)/;
const OUTCOME = /^(Besluit in|Decision in)/;

describe('proposals', () => {
  it('opens a proposal on its own or from a programme item of its own community, and mails the other participants', async () => {
    const s = await setup();
    const res = await propose(s, s.member, { process: 'consensus' });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      title: `Leesplan ${s.tag}`,
      background: 'Uit de vorige bijeenkomst.',
      process: 'consensus',
      quorum: 'groups',
      status: 'open',
      result: null,
      round: 1,
      closesAt: inAWeek,
      proposer: { userId: s.member.id, name: 'Bram Leraar' },
      meeting: null,
      participants: 3,
      responded: 0,
      rights: { respond: true, comment: true, steward: true, amend: true, withdraw: true },
    });
    // Not the proposer, not the researcher or the observer.
    expect(recipients(await mails('proposalOpened', p.title))).toEqual(emails(s.chair, s.member2));

    const agenda = await t.http.post(`/api/meetings/${s.meeting.id}/agenda/start`, { cookie: s.coordinator.cookie });
    expect(agenda.statusCode).toBe(200);
    const itemId = agenda.json().items[0].id as string;
    const fromItem = await propose(s, s.member2, { title: `Uit het programma ${s.tag}`, closesAt: null, meetingId: s.meeting.id, agendaItemId: itemId });
    expect(fromItem.statusCode).toBe(201);
    expect(fromItem.json()).toMatchObject({ meeting: { id: s.meeting.id, title: s.meeting.title }, agendaItemId: itemId, closesAt: null });
    // The item alone is enough: its meeting follows.
    const itemOnly = await propose(s, s.chair, { title: `Alleen het item ${s.tag}`, agendaItemId: itemId });
    expect(itemOnly.json()).toMatchObject({ meeting: { id: s.meeting.id }, agendaItemId: itemId });

    // A meeting or programme item of another community does not belong here.
    const elsewhere = (await t.http.post(`/api/communities/${s.other.id}/meetings`, { cookie: s.coordinator.cookie, body: { date: '2026-01-21', startTime: '19:30', durationMinutes: 60 } })).json();
    const elsewhereItem = (await t.http.post(`/api/meetings/${elsewhere.id}/agenda/start`, { cookie: s.coordinator.cookie })).json().items[0].id as string;
    const wrongMeeting = await propose(s, s.member, { meetingId: elsewhere.id });
    expect(wrongMeeting.statusCode).toBe(422);
    expect(wrongMeeting.json().errors).toEqual([expect.objectContaining({ path: 'meetingId' })]);
    const wrongItem = await propose(s, s.member, { agendaItemId: elsewhereItem });
    expect(wrongItem.statusCode).toBe(422);
    expect(wrongItem.json().errors).toEqual([expect.objectContaining({ path: 'agendaItemId' })]);
    const mismatch = await propose(s, s.member, { meetingId: s.meeting.id, agendaItemId: elsewhereItem });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().errors).toEqual([expect.objectContaining({ path: 'agendaItemId' })]);

    const list = (await t.http.get(`/api/communities/${s.community.id}/proposals`, { cookie: s.observer.cookie })).json();
    expect(list).toMatchObject({ quorum: 'groups', mayPropose: false, mayConfigure: false });
    expect(list.proposals.map((x: { title: string }) => x.title).sort()).toEqual([`Alleen het item ${s.tag}`, `Leesplan ${s.tag}`, `Uit het programma ${s.tag}`].sort());
    expect((await t.http.get(`/api/communities/${s.community.id}/proposals`, { cookie: s.member.cookie })).json()).toMatchObject({ mayPropose: true, mayConfigure: false });
    expect((await t.http.get(`/api/communities/${s.community.id}/proposals`, { cookie: s.chair.cookie })).json()).toMatchObject({ mayPropose: true, mayConfigure: true });
  });

  it('shows the responses by organisation and group to everyone, who is missing only to the proposer and the chair, and sends one reminder per wording', async () => {
    const s = await setup();
    const p = await opened(s, s.member, { process: 'consensus' });
    await responded(p.id, s.member2, 'agree');

    for (const who of [s.observer, s.researcher, s.member2]) {
      const view = await read(p.id, who);
      expect(view.responses).toEqual([expect.objectContaining({ userId: s.member2.id, name: 'Carla Docent', organisationName: 'Pabo Noord', stakeholderGroup: 'college', position: 'agree', current: true })]);
      expect(view.participation).toMatchObject({
        participants: 3,
        responded: 1,
        positions: { agree: 1 },
        organisations: expect.arrayContaining([
          expect.objectContaining({ label: 'De Regenboog', participants: 2, responded: 0 }),
          expect.objectContaining({ label: 'Pabo Noord', participants: 1, responded: 1, positions: { agree: 1 } }),
        ]),
        stakeholderGroups: expect.arrayContaining([expect.objectContaining({ key: 'school', participants: 2, responded: 0 }), expect.objectContaining({ key: 'college', responded: 1 })]),
      });
      expect(view.standing).toMatchObject({ silentOrganisations: ['De Regenboog'], silentGroups: ['school'] });
      expect(view.missing).toBeNull();
      expect(view.rights.steward).toBe(false);
    }
    for (const who of [s.member, s.chair, s.coordinator]) {
      expect((await read(p.id, who)).missing.map((m: { name: string }) => m.name)).toEqual(['Anna Voorzitter', 'Bram Leraar']);
    }

    expect((await t.http.post(`/api/proposals/${p.id}/remind`, { cookie: s.member2.cookie })).statusCode).toBe(403);
    expect((await t.http.post(`/api/proposals/${p.id}/remind`, { cookie: s.observer.cookie })).statusCode).toBe(403);
    const first = await t.http.post(`/api/proposals/${p.id}/remind`, { cookie: s.chair.cookie });
    expect(first.statusCode).toBe(200);
    expect(first.json().reminderSentAt).toBe('2026-01-01T09:00:00.000Z');
    const second = await t.http.post(`/api/proposals/${p.id}/remind`, { cookie: s.member.cookie });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('reminderAlreadySent');
    // Only to those who have not responded (Carla has), and not to the chair who sends it.
    expect(recipients(await mails('proposalReminder', p.title))).toEqual(emails(s.member));

    // A new wording may be reminded of once more.
    const amended = await t.http.post(`/api/proposals/${p.id}/amend`, { cookie: s.member.cookie, body: { version: p.version, title: p.title, body: 'Twee keer per week.', closesAt: inAWeek, note: 'Minder vaak' } });
    expect(amended.statusCode).toBe(200);
    expect(amended.json().reminderSentAt).toBeNull();
    expect((await t.http.post(`/api/proposals/${p.id}/remind`, { cookie: s.member.cookie })).statusCode).toBe(200);
    expect(recipients(await mails('proposalReminder', p.title))).toEqual(emails(s.chair, s.member, s.member2));
  });

  it('lets members change their response until it closes, and refuses a second tab or a stale version with the stored response', async () => {
    const s = await setup();
    const p = await opened(s, s.member);
    const first = await responded(p.id, s.member2, 'noObjection');
    expect(first.myResponse).toMatchObject({ position: 'noObjection', version: 1, current: true });
    expect(first.myResponseState).toBe('current');

    const otherTab = await respond(p.id, s.member2, 'objection', null, 'Te weinig tijd');
    expect(otherTab.statusCode).toBe(409);
    expect(otherTab.json()).toMatchObject({ code: 'alreadyResponded', current: { userId: s.member2.id, position: 'noObjection', version: 1 } });

    t.clock.advance(60_000);
    const changed = await responded(p.id, s.member2, 'objection', 1, 'Te weinig tijd');
    expect(changed.myResponse).toMatchObject({ position: 'objection', reason: 'Te weinig tijd', version: 2 });
    const stale = await respond(p.id, s.member2, 'noObjection', 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ position: 'objection', version: 2 });
    // A version for a response that does not exist is stale too.
    expect((await respond(p.id, s.member, 'noObjection', 3)).statusCode).toBe(409);

    const view = await read(p.id, s.chair);
    expect(view.responses.map((r: { name: string; position: string }) => [r.name, r.position])).toEqual([['Carla Docent', 'objection']]);
    expect(view.history.map((h: { name: string; position: string }) => [h.name, h.position])).toEqual([
      ['Carla Docent', 'noObjection'],
      ['Carla Docent', 'objection'],
    ]);
    const list = (await t.http.get(`/api/communities/${s.community.id}/proposals`, { cookie: s.member2.cookie })).json();
    expect(list.proposals[0]).toMatchObject({ id: p.id, responded: 1, blocking: 1, myResponseState: 'current' });
  });

  it('decides at the closing time by the quorum (the job), never passes over an objection, and takes no response afterwards', async () => {
    const s = await setup();
    const p = await opened(s, s.member);
    await responded(p.id, s.member2, 'noObjection');
    const anna = await responded(p.id, s.chair, 'noObjection');
    expect(anna.standing).toMatchObject({ quorumMet: true, everyoneResponded: false, wouldPass: false, mayCloseEarly: false });
    // Before the closing time nothing is decided while a voice is missing.
    const early = await t.http.post(`/api/proposals/${p.id}/close`, { cookie: s.chair.cookie, body: { version: p.version } });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('notEveryoneResponded');

    const blocked = await opened(s, s.member, { title: `Met bezwaar ${s.tag}` });
    await responded(blocked.id, s.member2, 'objection', null, 'Past niet in ons rooster');
    await responded(blocked.id, s.chair, 'noObjection');
    await responded(blocked.id, s.member, 'noObjection');
    const all = await read(blocked.id, s.member);
    // A block is answered by amending or withdrawing, not by closing early.
    expect(all.standing).toMatchObject({ everyoneResponded: true, blocking: [s.member2.id], wouldPass: false, mayCloseEarly: false });
    const overBlock = await t.http.post(`/api/proposals/${blocked.id}/close`, { cookie: s.chair.cookie, body: { version: all.version } });
    expect(overBlock.statusCode).toBe(409);
    expect(overBlock.json().code).toBe('blockNotAnswered');

    // A day before the closing time, whoever has not responded yet hears that it closes soon.
    t.clock.set('2026-01-07T18:00:00Z');
    await t.ctx.jobs.runDue(new Date('2026-01-07T18:00:00Z'));
    expect(recipients(await mails('proposalClosingSoon', s.tag))).toEqual(emails(s.member));
    expect(await read(p.id, s.member)).toMatchObject({ status: 'open' });

    t.clock.set('2026-01-08T17:00:00Z');
    await t.ctx.jobs.runDue(new Date('2026-01-08T17:00:00Z'));
    const decided = await read(p.id, s.observer);
    expect(decided).toMatchObject({ status: 'closed', result: 'passed', closedAt: '2026-01-08T17:00:00.000Z', participation: { participants: 3, responded: 2 } });
    expect((await read(blocked.id, s.observer))).toMatchObject({ status: 'closed', result: 'notPassed' });
    // Everyone who takes part hears it once; the proposer (Bram) and the chair are asked to write the outcome.
    const closedMails = await mails('proposalOutcome', p.title, CLOSED);
    expect(recipients(closedMails)).toEqual(emails(s.chair, s.member, s.member2));
    const asked = closedMails.filter((m) => /uitkomst opschrijven|write the outcome/.test(m.text)).map((m) => m.to);
    expect(asked.sort()).toEqual(emails(s.chair, s.member));
    expect(closedMails.find((m) => m.to === s.member.email)!.subject).toBe(`Proposal closed: ${p.title} (passed)`);

    const late = await respond(p.id, s.member, 'noObjection');
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('proposalClosed');
    expect((await respond(p.id, s.member2, 'objection', 1, 'Toch niet')).json().code).toBe('proposalClosed');
    expect(decided.rights).toMatchObject({ respond: false, amend: false });
  });

  it('settles an overdue proposal on the next read even when the job has not run, without a quorum as "not passed"', async () => {
    const s = await setup();
    const p = await opened(s, s.member);
    // Only the school speaks: the college is silent, so the default quorum is not met.
    await responded(p.id, s.member, 'noObjection');
    await responded(p.id, s.chair, 'noObjection');
    t.clock.set('2026-01-09T08:00:00Z');
    const view = await read(p.id, s.member2);
    // Decided at its closing time, not when someone happened to look.
    expect(view).toMatchObject({ status: 'closed', result: 'notPassed', closedAt: inAWeek });
    expect(view.standing).toMatchObject({ quorumMet: false, silentOrganisations: ['Pabo Noord'], silentGroups: ['college'] });
    expect(recipients(await mails('proposalOutcome', p.title, CLOSED))).toEqual(emails(s.chair, s.member, s.member2));
    // The job, when it comes, finds nothing more to do.
    await t.ctx.jobs.runDue(new Date('2026-01-09T08:00:00Z'));
    expect(await mails('proposalOutcome', p.title, CLOSED)).toHaveLength(3);
    expect((await t.http.get(`/api/communities/${s.community.id}/decisions`, { cookie: s.observer.cookie })).json().decisions).toEqual([
      expect.objectContaining({ id: p.id, result: 'notPassed' }),
    ]);
  });

  it('applies a stricter quorum chosen by a chair or coordinator to new proposals only', async () => {
    const s = await setup();
    const before = await opened(s, s.member, { title: `Vóór de keuze ${s.tag}` });
    expect((await t.http.put(`/api/communities/${s.community.id}/quorum`, { cookie: s.member.cookie, body: { quorum: 'everyone' } })).statusCode).toBe(403);
    expect((await t.http.put(`/api/communities/${s.community.id}/quorum`, { cookie: s.observer.cookie, body: { quorum: 'everyone' } })).statusCode).toBe(403);
    expect((await t.http.put(`/api/communities/${s.community.id}/quorum`, { cookie: s.outsider.cookie, body: { quorum: 'everyone' } })).statusCode).toBe(404);
    expect((await t.http.put(`/api/communities/${s.community.id}/quorum`, { cookie: s.chair.cookie, body: { quorum: 'never' } })).statusCode).toBe(422);
    const chosen = await t.http.put(`/api/communities/${s.community.id}/quorum`, { cookie: s.chair.cookie, body: { quorum: 'everyone' } });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json()).toMatchObject({ quorum: 'everyone', mayConfigure: true });
    const after = await opened(s, s.member, { title: `Na de keuze ${s.tag}` });
    expect(after).toMatchObject({ quorum: 'everyone' });
    expect((await read(before.id, s.member)).quorum).toBe('groups');

    for (const id of [before.id, after.id]) {
      await responded(id, s.member2, 'noObjection');
      await responded(id, s.chair, 'noObjection');
    }
    t.clock.set(inAWeek);
    await t.ctx.jobs.runDue(new Date(inAWeek));
    expect(await read(before.id, s.member)).toMatchObject({ status: 'closed', result: 'passed' });
    expect(await read(after.id, s.member)).toMatchObject({ status: 'closed', result: 'notPassed', standing: { quorumMet: false } });
    // A coordinator may choose too.
    expect((await t.http.put(`/api/communities/${s.community.id}/quorum`, { cookie: s.coordinator.cookie, body: { quorum: 'groupsAndMajority' } })).json().quorum).toBe('groupsAndMajority');
  });

  it('sends every response back for re-confirmation when the proposer amends, keeps the history, and closes "when everyone has responded" unless someone blocks', async () => {
    const s = await setup();
    const p = await opened(s, s.member, { process: 'consensus', closesAt: null });
    const later = () => t.clock.advance(60_000);
    await responded(p.id, s.member2, 'agree');
    later();
    await responded(p.id, s.chair, 'concerns', null, 'Is een kwartier genoeg?');
    later();

    const amend = (who: Person, version: number, extra: Record<string, unknown> = {}) =>
      t.http.post(`/api/proposals/${p.id}/amend`, { cookie: who.cookie, body: { version, title: `Leesplan, twintig minuten ${s.tag}`, body: 'Elke ochtend twintig minuten stillezen.', closesAt: null, note: 'Langer, na de zorgen van Anna', ...extra } });
    expect((await amend(s.member2, p.version)).statusCode).toBe(403);
    expect((await amend(s.chair, p.version)).statusCode).toBe(403);
    const res = await amend(s.member, p.version);
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({ round: 2, version: p.version + 1, title: `Leesplan, twintig minuten ${s.tag}`, status: 'open', responded: 0 });
    // A response sent for the wording someone read before the amendment does not count for the new one.
    const raced = await t.http.put(`/api/proposals/${p.id}/response`, { cookie: s.member2.cookie, body: { position: 'agree', baseVersion: 1, round: 1 } });
    expect(raced.statusCode).toBe(409);
    expect(raced.json()).toMatchObject({ code: 'proposalAmended', current: { round: 2, title: `Leesplan, twintig minuten ${s.tag}` } });
    expect(a.responses.map((r: { name: string; current: boolean; round: number }) => [r.name, r.current, r.round])).toEqual([
      ['Anna Voorzitter', false, 1],
      ['Carla Docent', false, 1],
    ]);
    expect(a.standing.needsReconfirmation.sort()).toEqual([s.chair.id, s.member2.id].sort());
    expect(a.standing.everyoneResponded).toBe(false);
    expect(a.revisions).toEqual([
      expect.objectContaining({ round: 1, title: `Leesplan ${s.tag}`, body: 'Elke ochtend een kwartier stillezen.', note: 'Langer, na de zorgen van Anna', amendedBy: { userId: s.member.id, name: 'Bram Leraar' } }),
    ]);
    expect(recipients(await mails('proposalAmended', s.tag))).toEqual(emails(s.chair, s.member2));
    const stale = await amend(s.member, p.version);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ version: a.version, round: 2 });
    expect((await amend(s.member, a.version, { closesAt: '2025-12-31T12:00:00Z' })).json().errors).toEqual([expect.objectContaining({ path: 'closesAt' })]);

    // Re-confirming: a response to the earlier wording is changed with its own version.
    const anna = (await read(p.id, s.chair)).myResponse;
    later();
    await responded(p.id, s.chair, 'block', anna.version, 'Dan blijft er geen tijd over voor rekenen');
    later();
    await responded(p.id, s.member2, 'agree', 1);
    later();
    const allIn = await responded(p.id, s.member, 'agree');
    later();
    // Everyone has responded, but a block keeps it open until the proposer answers it.
    expect(allIn).toMatchObject({ status: 'open', standing: { everyoneResponded: true, blocking: [s.chair.id], wouldPass: false } });
    const closed = await responded(p.id, s.chair, 'agree', anna.version + 1);
    expect(closed).toMatchObject({ status: 'closed', result: 'passed', participation: { participants: 3, responded: 3, positions: { agree: 3 } } });
    expect(closed.history.map((h: { name: string; round: number; position: string }) => [h.name, h.round, h.position])).toEqual([
      ['Carla Docent', 1, 'agree'],
      ['Anna Voorzitter', 1, 'concerns'],
      ['Anna Voorzitter', 2, 'block'],
      ['Carla Docent', 2, 'agree'],
      ['Bram Leraar', 2, 'agree'],
      ['Anna Voorzitter', 2, 'agree'],
    ]);
    expect(recipients(await mails('proposalOutcome', s.tag, CLOSED))).toEqual(emails(s.chair, s.member, s.member2));
    expect((await respond(p.id, s.member2, 'block', 2, 'Te laat')).json().code).toBe('proposalClosed');
    expect((await amend(s.member, closed.version)).json().code).toBe('proposalClosed');
  });

  it('lets the proposer or the chair write the outcome with a review date; the decision log shows it with participation and the meeting, and the review date brings a mail', async () => {
    const s = await setup();
    const agenda = (await t.http.post(`/api/meetings/${s.meeting.id}/agenda/start`, { cookie: s.coordinator.cookie })).json();
    const p = await opened(s, s.member, { closesAt: null, meetingId: s.meeting.id, agendaItemId: agenda.items[0].id });
    const outcome = (who: Person, body: Record<string, unknown>) => t.http.put(`/api/proposals/${p.id}/outcome`, { cookie: who.cookie, body: { version: 0, statement: 'We lezen elke ochtend.', reviewDate: null, ...body } });
    expect((await outcome(s.member, {})).json().code).toBe('proposalNotClosed');
    await responded(p.id, s.member, 'noObjection');
    await responded(p.id, s.member2, 'noObjection');
    expect((await responded(p.id, s.chair, 'noObjection'))).toMatchObject({ status: 'closed', result: 'passed' });

    expect((await outcome(s.member2, {})).statusCode).toBe(403);
    expect((await outcome(s.observer, {})).statusCode).toBe(403);
    expect((await outcome(s.member, { version: 1 })).statusCode).toBe(409);
    const past = await outcome(s.member, { reviewDate: '2025-12-31' });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors).toEqual([expect.objectContaining({ path: 'reviewDate' })]);
    expect((await outcome(s.member, { reviewDate: '2026-02-30' })).statusCode).toBe(422);
    const written = await outcome(s.member, { reviewDate: '2026-03-02' });
    expect(written.statusCode).toBe(200);
    expect(written.json().outcome).toMatchObject({ statement: 'We lezen elke ochtend.', reviewDate: '2026-03-02', writtenBy: { userId: s.member.id, name: 'Bram Leraar' }, version: 1 });
    expect(recipients(await mails('proposalOutcome', s.tag, OUTCOME))).toEqual(emails(s.chair, s.member, s.member2));
    // The chair corrects it: no second round of mail.
    const corrected = await outcome(s.chair, { version: 1, statement: 'We lezen elke ochtend een kwartier.', reviewDate: '2026-03-02' });
    expect(corrected.json().outcome).toMatchObject({ statement: 'We lezen elke ochtend een kwartier.', version: 2, writtenBy: { name: 'Anna Voorzitter' } });
    expect(await mails('proposalOutcome', s.tag, OUTCOME)).toHaveLength(3);

    const log = await t.http.get(`/api/communities/${s.community.id}/decisions`, { cookie: s.researcher.cookie });
    expect(log.statusCode).toBe(200);
    expect(log.json().decisions).toEqual([
      expect.objectContaining({
        id: p.id,
        result: 'passed',
        process: 'consent',
        proposer: { userId: s.member.id, name: 'Bram Leraar' },
        meeting: { id: s.meeting.id, title: s.meeting.title, startsAt: s.meeting.startsAt },
        outcome: expect.objectContaining({ statement: 'We lezen elke ochtend een kwartier.', reviewDate: '2026-03-02' }),
        participation: expect.objectContaining({
          participants: 3,
          responded: 3,
          positions: { noObjection: 3 },
          organisations: expect.arrayContaining([expect.objectContaining({ label: 'De Regenboog', participants: 2, responded: 2 }), expect.objectContaining({ label: 'Pabo Noord', responded: 1 })]),
          stakeholderGroups: expect.arrayContaining([expect.objectContaining({ key: 'college', participants: 1, responded: 1 })]),
        }),
      }),
    ]);

    // Whoever chairs the meeting the proposal came from is a steward of it too.
    expect((await t.http.put(`/api/meetings/${s.meeting.id}/chair`, { cookie: s.coordinator.cookie, body: { userId: s.member2.id } })).statusCode).toBe(200);
    const byMeetingChair = await outcome(s.member2, { version: 2, statement: 'We lezen elke ochtend een kwartier, ook in groep 3.', reviewDate: '2026-03-02' });
    expect(byMeetingChair.statusCode).toBe(200);
    expect(byMeetingChair.json()).toMatchObject({ rights: { steward: true }, outcome: { version: 3, writtenBy: { name: 'Carla Docent' } } });

    // The day before the review date nothing comes; that morning every participant is asked to look back.
    t.clock.set('2026-03-01T12:00:00Z');
    await t.ctx.jobs.runDue(new Date('2026-03-01T12:00:00Z'));
    expect(await mails('decisionReview', s.tag)).toEqual([]);
    t.clock.set('2026-03-02T08:00:00Z');
    await t.ctx.jobs.runDue(new Date('2026-03-02T08:00:00Z'));
    const review = await mails('decisionReview', s.tag);
    expect(recipients(review)).toEqual(emails(s.chair, s.member, s.member2));
    expect(review.find((m) => m.to === s.member2.email)!.text).toContain('We lezen elke ochtend een kwartier, ook in groep 3.');
  });

  it('keeps a discussion with one level of replies; observers and researchers read it, outsiders do not see it', async () => {
    const s = await setup();
    const p = await opened(s, s.member);
    const comment = (who: Person, body: string, parentId?: string) => t.http.post(`/api/proposals/${p.id}/comments`, { cookie: who.cookie, body: { body, ...(parentId ? { parentId } : {}) } });
    const top = await comment(s.member2, 'Hoe doen we het in groep 3?');
    expect(top.statusCode).toBe(201);
    expect(top.json()).toMatchObject({ parentId: null, author: { userId: s.member2.id, name: 'Carla Docent' }, body: 'Hoe doen we het in groep 3?' });
    t.clock.advance(60_000);
    const reply = (await comment(s.member, 'Voorlezen in plaats van stillezen.', top.json().id)).json();
    t.clock.advance(60_000);
    expect(reply.parentId).toBe(top.json().id);
    // A reply to a reply joins the first-level thread.
    const nested = (await comment(s.chair, 'Goed idee.', reply.id)).json();
    expect(nested.parentId).toBe(top.json().id);

    expect((await comment(s.observer, 'Mag ik ook?')).statusCode).toBe(403);
    expect((await comment(s.researcher, 'Interessant.')).statusCode).toBe(403);
    expect((await comment(s.outsider, 'Hallo')).statusCode).toBe(404);
    expect((await comment(s.member, '   ')).statusCode).toBe(422);
    const otherProposal = await opened(s, s.chair, { title: `Ander voorstel ${s.tag}` });
    const foreign = (await t.http.post(`/api/proposals/${otherProposal.id}/comments`, { cookie: s.chair.cookie, body: { body: 'Elders' } })).json();
    const wrongParent = await comment(s.member, 'Verkeerde draad', foreign.id);
    expect(wrongParent.statusCode).toBe(422);
    expect(wrongParent.json().errors).toEqual([expect.objectContaining({ path: 'parentId' })]);

    const view = await read(p.id, s.observer);
    expect(view.comments.map((c: { body: string; parentId: string | null }) => [c.body, c.parentId])).toEqual([
      ['Hoe doen we het in groep 3?', null],
      ['Voorlezen in plaats van stillezen.', top.json().id],
      ['Goed idee.', top.json().id],
    ]);
    expect(view.rights).toMatchObject({ respond: false, comment: false, amend: false });
  });

  it('lets observers and researchers read but not act, hides everything from outsiders, and needs a session', async () => {
    const s = await setup();
    const p = await opened(s, s.member, { closesAt: null });
    const c = s.community.id;
    const reads = [`/api/communities/${c}/proposals`, `/api/communities/${c}/decisions`, `/api/proposals/${p.id}`];
    const writes: [string, string, unknown][] = [
      ['POST', `/api/communities/${c}/proposals`, { title: 'Ook een voorstel', body: 'x', process: 'consent', closesAt: null }],
      ['PUT', `/api/communities/${c}/quorum`, { quorum: 'everyone' }],
      ['PUT', `/api/proposals/${p.id}/response`, { position: 'noObjection', baseVersion: null }],
      ['POST', `/api/proposals/${p.id}/amend`, { version: p.version, title: 'Anders', body: 'Anders', closesAt: null, note: 'Zomaar' }],
      ['POST', `/api/proposals/${p.id}/withdraw`, { version: p.version, reason: 'Zomaar' }],
      ['POST', `/api/proposals/${p.id}/close`, { version: p.version }],
      ['POST', `/api/proposals/${p.id}/remind`, undefined],
      ['PUT', `/api/proposals/${p.id}/outcome`, { version: 0, statement: 'Besloten', reviewDate: null }],
      ['POST', `/api/proposals/${p.id}/comments`, { body: 'Ik kijk mee' }],
    ];
    for (const who of [s.observer, s.researcher]) {
      for (const url of reads) expect((await t.http.get(url, { cookie: who.cookie })).statusCode, url).toBe(200);
      for (const [method, url, body] of writes) expect((await t.http.send(method as 'POST', url, { cookie: who.cookie, body })).statusCode, `${method} ${url}`).toBe(403);
    }
    for (const url of reads) {
      expect((await t.http.get(url, { cookie: s.outsider.cookie })).statusCode, url).toBe(404);
      expect((await t.http.get(url)).statusCode, url).toBe(401);
    }
    for (const [method, url, body] of writes) {
      expect((await t.http.send(method as 'POST', url, { cookie: s.outsider.cookie, body })).statusCode, `${method} ${url}`).toBe(404);
      expect((await t.http.send(method as 'POST', url, { body })).statusCode, `${method} ${url}`).toBe(401);
    }
    expect((await t.http.get(`/api/proposals/00000000-0000-4000-8000-000000000000`, { cookie: s.member.cookie })).statusCode).toBe(404);
    // Nothing changed.
    expect(await read(p.id, s.member)).toMatchObject({ status: 'open', version: p.version, responses: [], comments: [], quorum: 'groups' });

    // A member who did not propose it may not close, withdraw or remind; a coordinator may withdraw it.
    expect((await t.http.post(`/api/proposals/${p.id}/withdraw`, { cookie: s.member2.cookie, body: { version: p.version, reason: 'Weg ermee' } })).statusCode).toBe(403);
    expect((await t.http.post(`/api/proposals/${p.id}/close`, { cookie: s.member2.cookie, body: { version: p.version } })).statusCode).toBe(403);
    const withdrawn = await t.http.post(`/api/proposals/${p.id}/withdraw`, { cookie: s.coordinator.cookie, body: { version: p.version, reason: 'Verlaten voorstel' } });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Verlaten voorstel' });
    expect((await respond(p.id, s.member2, 'noObjection')).json().code).toBe('proposalClosed');
    // A withdrawn proposal is no decision.
    expect((await t.http.get(`/api/communities/${c}/decisions`, { cookie: s.member.cookie })).json().decisions).toEqual([]);
  });

  it('answers bad input with field errors', async () => {
    const s = await setup();
    const past = await propose(s, s.member, { closesAt: '2025-12-31T23:00:00Z' });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors).toEqual([expect.objectContaining({ path: 'closesAt' })]);
    const empty = await propose(s, s.member, { body: '   ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors).toEqual([expect.objectContaining({ path: 'body' })]);
    expect((await propose(s, s.member, { title: '' })).statusCode).toBe(422);
    expect((await propose(s, s.member, { process: 'vote' })).json().errors).toEqual([expect.objectContaining({ path: 'process' })]);
    expect((await propose(s, s.member, { closesAt: 'next week' })).json().errors).toEqual([expect.objectContaining({ path: 'closesAt' })]);

    const consent = await opened(s, s.member);
    const noReason = await respond(consent.id, s.member2, 'objection');
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    expect((await respond(consent.id, s.member2, 'objection', null, '   ')).json().errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    const wrongKind = await respond(consent.id, s.member2, 'agree');
    expect(wrongKind.statusCode).toBe(422);
    expect(wrongKind.json().errors).toEqual([expect.objectContaining({ path: 'position' })]);
    expect((await respond(consent.id, s.member2, 'maybe')).statusCode).toBe(422);

    const consensus = await opened(s, s.member, { title: `Consensus ${s.tag}`, process: 'consensus' });
    expect((await respond(consensus.id, s.member2, 'block')).json().errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    expect((await respond(consensus.id, s.member2, 'noObjection')).json().errors).toEqual([expect.objectContaining({ path: 'position' })]);
    const advice = await opened(s, s.member, { title: `Advies ${s.tag}`, process: 'advice' });
    expect((await respond(advice.id, s.member2, 'advice')).json().errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    expect(await responded(advice.id, s.member2, 'advice', null, 'Begin met groep 5')).toMatchObject({ responded: 1 });
    // Nothing refused was stored.
    expect((await read(consent.id, s.member)).responses).toEqual([]);
    expect((await read(consensus.id, s.member)).history).toEqual([]);
  });
});

describe('a proposal in the meeting room', () => {
  it('is put on screen by the chair and follows responses given over REST; others may not, and only proposals of the community', async () => {
    const s = await setup();
    expect((await t.http.put(`/api/meetings/${s.meeting.id}/chair`, { cookie: s.coordinator.cookie, body: { userId: s.chair.id } })).statusCode).toBe(200);
    const p = await opened(s, s.member, { closesAt: null });
    const intent = (who: Person, id: string, proposalId: string | null) =>
      t.http.post(`/api/meetings/${s.meeting.id}/room/intents`, { cookie: who.cookie, body: { id, intent: { kind: 'proposal.show', proposalId } } });

    const notChair = await intent(s.member, 'show-by-member-01', p.id);
    expect(notChair.statusCode).toBe(403);
    expect(notChair.json().code).toBe('notTheChair');
    const foreign = await opened({ ...s, community: s.other }, s.outsider, { title: `Elders ${s.tag}` });
    const wrongCommunity = await intent(s.chair, 'show-foreign-0001', foreign.id);
    expect(wrongCommunity.statusCode).toBe(422);
    expect(wrongCommunity.json().code).toBe('unknownProposal');

    const shown = await intent(s.chair, 'show-proposal-001', p.id);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ applied: true });
    const room = async () => (await t.http.get(`/api/meetings/${s.meeting.id}/room`, { cookie: s.observer.cookie })).json().state;
    expect((await room()).proposal).toMatchObject({ id: p.id, title: p.title, status: 'open', round: 1, responses: [] });

    await responded(p.id, s.member2, 'objection', null, 'Eerst overleggen met groep 5');
    expect((await room()).proposal.responses).toEqual([{ userId: s.member2.id, position: 'objection', reason: 'Eerst overleggen met groep 5', current: true, version: 1 }]);
    await responded(p.id, s.member2, 'noObjection', 1);
    await responded(p.id, s.member, 'noObjection');
    await responded(p.id, s.chair, 'noObjection');
    const after = await room();
    expect(after.proposal).toMatchObject({ id: p.id, status: 'closed', result: 'passed' });
    expect(after.proposal.responses).toHaveLength(3);

    // Off the screen again.
    expect((await intent(s.chair, 'hide-proposal-001', null)).statusCode).toBe(200);
    expect((await room()).proposal).toBeNull();
  });
});
