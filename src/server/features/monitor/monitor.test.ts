import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendaItems, attendance, checkOuts, communityMembers, rooms, harvests, meetingInputs, meetings, proposalComments, proposalResponses, proposals } from '../../db/schema';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';

// The monitor computed from what a community really produced: the repository's queries feed the pure
// indicators (unit-tested on their own), and each viewer sees what they may.

let t: TestApp;
let s: Awaited<ReturnType<typeof seed>>;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-05-20T09:00:00Z');
  s = await seed();
}, 180_000);
afterAll(async () => t?.close());

const day = (iso: string) => new Date(`${iso}T18:00:00Z`);

async function seed() {
  const coordinator = await t.signedInUser({ name: 'Coördinator' });
  const network = await f.createNetwork(t.ctx, coordinator, { name: 'Leesnetwerk' });
  const school = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'De Regenboog' });
  const college = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'Pabo Noord', type: 'teacherCollege' });
  const c = await f.createCommunity(t.ctx, coordinator, network.id, {
    name: 'Samen lezen',
    question: 'Hoe krijgen we kinderen aan het lezen?',
    ambition: 'Een doorlopende leeslijn van groep 1 tot de pabo',
    endProduct: 'Een set vragenkaartjes voor teams over leesbevordering',
  });
  const other = await f.createCommunity(t.ctx, coordinator, network.id, { name: 'Rekenen' });
  const anna = await t.signedInUser({ name: 'Anna' });
  const bert = await t.signedInUser({ name: 'Bert' });
  const cor = await t.signedInUser({ name: 'Cor' });
  const rosa = await t.signedInUser({ name: 'Rosa Onderzoeker' });
  const mo = await t.signedInUser({ name: 'Mo' });
  await f.addMember(t.ctx, c, anna, { organisationId: school.id, roles: ['member', 'chair'] });
  await f.addMember(t.ctx, c, bert, { organisationId: school.id });
  await f.addMember(t.ctx, c, cor, { organisationId: college.id, stakeholderGroup: 'college' });
  await f.addMember(t.ctx, c, rosa, { roles: ['researcher'] });
  await f.addMember(t.ctx, other, mo, { organisationId: school.id });
  // Everyone joined in January (the test's clock is in May; the database stamps real time).
  await t.ctx.db.update(communityMembers).set({ joinedAt: new Date('2026-01-05T12:00:00Z') }).where(eq(communityMembers.communityId, c.id));

  // Q2 2026 (from 1 April, Amsterdam): meetings on 7 April (held), 5 May (held), 12 May (cancelled);
  // before it, 10 March (held) — the gap to 7 April counts. Everyone joined before all of them.
  const db = t.ctx.db;
  const base = { networkId: network.id, communityId: c.id, timeZone: 'Europe/Amsterdam', title: 'Bijeenkomst' };
  const at = (d: string) => ({ startsAt: day(d), endsAt: new Date(day(d).getTime() + 2 * 3600_000), inputDeadline: day(d) });
  const [m0, m1, m2, m3] = await db
    .insert(meetings)
    .values([
      { ...base, ...at('2026-03-10'), chairUserId: anna.id, programmePublishedAt: day('2026-03-05') },
      { ...base, ...at('2026-04-07'), chairUserId: anna.id, programmePublishedAt: day('2026-04-01') },
      { ...base, ...at('2026-05-05'), chairUserId: cor.id },
      { ...base, ...at('2026-05-12'), status: 'cancelled' },
    ])
    .returning();
  // Presence recorded for 7 April (Anna, Cor); none for 5 May, where the "yes" answers count (Anna, Bert).
  await db.insert(attendance).values([
    { meetingId: m1!.id, userId: anna.id, networkId: network.id, present: true },
    { meetingId: m1!.id, userId: bert.id, networkId: network.id, present: false },
    { meetingId: m1!.id, userId: cor.id, networkId: network.id, present: true },
    { meetingId: m2!.id, userId: anna.id, networkId: network.id, response: 'yes' },
    { meetingId: m2!.id, userId: bert.id, networkId: network.id, response: 'yes' },
    { meetingId: m2!.id, userId: cor.id, networkId: network.id, response: 'no' },
  ]);
  await db.insert(agendaItems).values([
    { networkId: network.id, meetingId: m1!.id, position: 1, kind: 'discussion', title: 'De leeslijn voor groep 3', durationMinutes: 20 },
    { networkId: network.id, meetingId: m1!.id, position: 2, kind: 'discussion', title: 'Rooster', durationMinutes: 10 },
  ]);
  const harvest = (meetingId: string, speakerId: string, organisationId: string, group: string, d: string) => ({
    networkId: network.id,
    communityId: c.id,
    meetingId,
    speakerId,
    organisationId,
    stakeholderGroup: group,
    text: 'Geleerd',
    createdAt: day(d),
  });
  await db.insert(harvests).values([
    harvest(m1!.id, anna.id, school.id, 'school', '2026-04-07'),
    harvest(m1!.id, cor.id, college.id, 'college', '2026-04-07'),
    harvest(m2!.id, anna.id, school.id, 'school', '2026-05-05'),
  ]);
  await db.insert(meetingInputs).values({ networkId: network.id, meetingId: m2!.id, authorId: anna.id, kind: 'topic', title: 'Boekenkring', createdAt: day('2026-05-01') });
  const [p] = await db
    .insert(proposals)
    .values({ networkId: network.id, communityId: c.id, proposerId: cor.id, title: 'Leeslijn vaststellen', body: 'We stellen de leeslijn vast.', process: 'consent', quorum: 'groups', createdAt: day('2026-04-10') })
    .returning();
  await db.insert(proposalResponses).values({ proposalId: p!.id, userId: anna.id, networkId: network.id, position: 'noObjection', round: 1, createdAt: day('2026-04-11') });
  const [comment] = await db.insert(proposalComments).values({ networkId: network.id, proposalId: p!.id, authorId: cor.id, body: 'Wat vinden jullie?', createdAt: day('2026-04-11') }).returning();
  await db.insert(proposalComments).values({ networkId: network.id, proposalId: p!.id, parentId: comment!.id, authorId: bert.id, body: 'Goed plan', createdAt: day('2026-04-12') });
  // The check-outs count once the room has closed (the 5 May room is still open: its one check-out waits).
  await db.insert(rooms).values([
    { meetingId: m1!.id, networkId: network.id, communityId: c.id, state: { closedAt: '2026-04-07T20:00:00.000Z' } },
    { meetingId: m2!.id, networkId: network.id, communityId: c.id, state: { closedAt: null } },
  ]);
  await db.insert(checkOuts).values([
    { meetingId: m2!.id, userId: bert.id, networkId: network.id, communityId: c.id, score: 1, word: 'moe' },
    { meetingId: m1!.id, userId: anna.id, networkId: network.id, communityId: c.id, score: 4, word: 'fijn' },
    { meetingId: m1!.id, userId: cor.id, networkId: network.id, communityId: c.id, score: 5, word: 'top' },
  ]);
  void m0;
  void m3;
  return { coordinator, network, school, college, c, other, anna, bert, cor, rosa, mo };
}

const get = (url: string, who: { cookie: string }) => t.http.get(url, { cookie: who.cookie });

describe('the community monitor', () => {
  it('computes a quarter from the community’s own meetings, attendance, contributions and check-outs', async () => {
    const res = await get(`/api/communities/${s.c.id}/monitor?quarter=2026-Q2`, s.anna);
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    const q = m.quarter.indicators;
    expect(q.from).toBe('2026-03-31T22:00:00.000Z');
    expect(q.groupSize).toEqual({ count: 3, band: 'below' });
    expect(q.regularity).toMatchObject({ held: 2, cancelled: 1, gapsDays: [28, 28], medianGapDays: 28, longestGapDays: 28 });
    expect(q.regularity.cancelledShare).toBeCloseTo(1 / 3);
    // Anna 2/2, Bert 1/2 (absent on 7 April, yes on 5 May), Cor 1/2 (present 7 April, no on 5 May).
    expect(q.attendance.members.map((r: { name: string; attended: number; expected: number }) => [r.name, r.attended, r.expected]).sort()).toEqual([
      ['Anna', 2, 2],
      ['Bert', 1, 2],
      ['Cor', 1, 2],
    ]);
    expect(q.attendance.organisations.map((r: { name: string; attended: number; expected: number }) => [r.name, r.attended, r.expected]).sort()).toEqual([
      ['De Regenboog', 3, 4],
      ['Pabo Noord', 1, 2],
    ]);
    expect(q.attendance.overall).toBeCloseTo(4 / 6);
    // 3 harvests, 1 input, 1 response, 2 comments.
    expect(q.voice.byKind).toEqual({ harvest: 3, input: 1, response: 1, comment: 2 });
    expect(q.voice.perMember.map((r: { name: string; count: number }) => [r.name, r.count]).sort()).toEqual([
      ['Anna', 4],
      ['Bert', 1],
      ['Cor', 2],
    ]);
    // Responses and replies across organisations: Anna (school) → Cor's proposal (college), Bert (school) → Cor's comment (college).
    expect(q.reciprocity.flows).toEqual([{ from: s.school.id, fromName: 'De Regenboog', to: s.college.id, toName: 'Pabo Noord', count: 2 }]);
    expect(q.reciprocity.index).toBe(0);
    expect(q.chairing).toMatchObject({ heldMeetings: 2, chairedWithProgramme: 1, distinctChairs: 2 });
    // "De leeslijn voor groep 3" and the proposal "Leeslijn vaststellen" refer to the ambition (leeslijn); "Rooster" does not.
    expect(q.ambition).toMatchObject({ ambitionSet: true, endProductSet: true, endProductDescribed: true, agendaItems: 2, agendaItemsReferring: 1, proposals: 1, proposalsReferring: 1 });
    // Two check-outs of the closed room; the open room's one is not counted, and a meeting's own mean
    // is only shown with at least three.
    expect(q.checkOuts).toMatchObject({ count: 2, mean: 4.5, perMeeting: [] });
    // Quarters before the community began (its first member joined in January) are not scored.
    expect(m.quarters[0].scores.every((x: { score: number | null }) => x.score === null)).toBe(true);
    expect(m.quarters.at(-2).scores.some((x: { score: number | null }) => x.score !== null)).toBe(true);
    expect(m.quarters).toHaveLength(8);
    expect(m.quarters.at(-1).quarter).toBe('2026-Q2');
    expect(m.current.criticalFactor).not.toBeNull();
    expect(m.current.scores).toHaveLength(10);
    expect(m.viewer).toMatchObject({ seesMembers: true, canOpenEvaluation: false, canRecordAction: true, isParticipant: true });
  });

  it('names who was quiet in the last three held meetings, to members only', async () => {
    const m = (await get(`/api/communities/${s.c.id}/monitor`, s.anna)).json();
    // Held: 10 March, 7 April, 5 May. Bert commented on 12 April, Cor spoke on 7 April: nobody is quiet.
    expect(m.quiet).toEqual({ meetings: 3, count: 0, people: [] });
  });

  it('lets members state their own time and refuses nonsense', async () => {
    const bad = await t.http.put(`/api/communities/${s.c.id}/my-time`, { cookie: s.bert.cookie, body: { hoursPerMonth: 900, official: true } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ path: 'hoursPerMonth', code: 'numberTooLarge' });
    const ok = await t.http.put(`/api/communities/${s.c.id}/my-time`, { cookie: s.bert.cookie, body: { hoursPerMonth: 6, official: true } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().myTime).toEqual({ hoursPerMonth: 6, official: true });
    expect(ok.json().quarter.indicators.time).toMatchObject({ participants: 3, stated: 1, medianHours: 6, enoughHours: 1, official: 1 });
    expect((await t.http.put(`/api/communities/${s.c.id}/my-time`, { cookie: s.rosa.cookie, body: { hoursPerMonth: 6, official: true } })).statusCode).toBe(403);
    for (const bad of ['2026-Q5', '9999-Q4', '0050-Q1', '2031-Q1']) {
      const res = await get(`/api/communities/${s.c.id}/monitor?quarter=${bad}`, s.anna);
      expect(res.statusCode, bad).toBe(422);
      expect(res.json().errors[0]).toMatchObject({ path: 'quarter', code: 'invalidQuarter' });
    }
  });

  it('shows researchers the figures but no row that names a member', async () => {
    const res = await get(`/api/communities/${s.c.id}/monitor?quarter=2026-Q2`, s.rosa);
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.viewer).toMatchObject({ seesMembers: false, canOpenEvaluation: true, canRecordAction: false });
    expect(m.quarter.indicators.attendance.members).toEqual([]);
    expect(m.quarter.indicators.voice.perMember).toEqual([]);
    expect(m.quarter.indicators.chairing.perChair).toEqual([]);
    // Both organisations and both groups have fewer than three participants: their rows would be one
    // or two people's figures, so researchers see the community's totals only.
    expect(m.quarter.indicators.attendance.organisations).toEqual([]);
    expect(m.quarter.indicators.voice.perGroup).toEqual([]);
    expect(m.quarter.indicators.reciprocity.flows).toEqual([]);
    expect(m.quarter.indicators.attendance.overall).toBeCloseTo(4 / 6);
    for (const p of [s.bert, s.cor]) expect(res.body).not.toContain(p.id);
    // Members see them.
    const asMember = (await get(`/api/communities/${s.c.id}/monitor?quarter=2026-Q2`, s.anna)).json();
    expect(asMember.quarter.indicators.attendance.organisations).toHaveLength(2);
  });

  it('exports the indicator table as CSV', async () => {
    const res = await get(`/api/communities/${s.c.id}/monitor.csv`, s.anna);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="samen-lezen-indicators.csv"');
    const lines = res.body.trim().split('\r\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatch(/^quarter,from,to,group_size,meetings_held,/);
    expect(lines.at(-1)).toMatch(/^2026-Q2,2026-03-31T22:00:00.000Z,2026-05-20T09:00:00.000Z,3,2,1,28,28,/);
  });
});

describe('the network view', () => {
  it('shows a network coordinator every community, side by side, and exports it', async () => {
    const res = await get(`/api/networks/${s.network.id}/monitor`, s.coordinator);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v.network.name).toBe('Leesnetwerk');
    expect(v.pending).toBe(0);
    expect(v.rows.map((r: { name: string }) => r.name)).toEqual(['Rekenen', 'Samen lezen']);
    const row = v.rows.find((r: { name: string }) => r.name === 'Samen lezen');
    expect(row.scores).toHaveLength(10);
    expect(row.groupSize).toBe(3);
    const csv = await get(`/api/networks/${s.network.id}/monitor.csv`, s.coordinator);
    expect(csv.body.split('\r\n')[0]).toMatch(/^community,phase,group_size,critical_factor,computed_at,score_groupSize,/);
    expect(csv.body).toContain('Samen lezen');
  });

  it('sends the same prepared view again only while nothing it shows has changed', async () => {
    const first = await get(`/api/networks/${s.network.id}/monitor`, s.coordinator);
    const again = await get(`/api/networks/${s.network.id}/monitor`, s.coordinator);
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toContain('application/json');
    // A rename shows at once; so does a summary computed again (opening the community's monitor).
    const detail = (await get(`/api/communities/${s.other.id}`, s.coordinator)).json();
    const renamed = await t.http.patch(`/api/communities/${s.other.id}`, { cookie: s.coordinator.cookie, body: { version: detail.version, name: 'Rekenen samen' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const afterRename = (await get(`/api/networks/${s.network.id}/monitor`, s.coordinator)).json();
    expect(afterRename.rows.map((r: { name: string }) => r.name)).toContain('Rekenen samen');
    t.clock.advance(60_000);
    await get(`/api/communities/${s.c.id}/monitor`, s.anna);
    const recomputed = (await get(`/api/networks/${s.network.id}/monitor`, s.coordinator)).json();
    expect(recomputed.rows.find((r: { name: string }) => r.name === 'Samen lezen').computedAt).toBe(new Date(Date.parse('2026-05-20T09:01:00Z')).toISOString());
    // A researcher's view is their own (only what they were granted).
    expect((await get(`/api/networks/${s.network.id}/monitor`, s.rosa)).json().rows.map((r: { name: string }) => r.name)).toEqual(['Samen lezen']);
  });

  it('shows researchers only the communities they were granted; refuses members; hides the network from outsiders', async () => {
    const asResearcher = (await get(`/api/networks/${s.network.id}/monitor`, s.rosa)).json();
    expect(asResearcher.rows.map((r: { name: string }) => r.name)).toEqual(['Samen lezen']);
    expect((await get(`/api/networks/${s.network.id}/monitor`, s.mo)).statusCode).toBe(403);
    const outsider = await t.signedInUser({ name: 'Buiten' });
    expect((await get(`/api/networks/${s.network.id}/monitor`, outsider)).statusCode).toBe(404);
    expect((await get(`/api/communities/${s.c.id}/monitor`, outsider)).statusCode).toBe(404);
  });

  it('computes missing summaries in the background beyond a few, and shows them once done', async () => {
    // 70 new communities: 10 computed by the request, 60 by the job in six runs of at most 10.
    for (let i = 0; i < 70; i++) await f.createCommunity(t.ctx, s.coordinator, s.network.id, { name: `Extra ${String(i).padStart(2, '0')}` });
    const first = (await get(`/api/networks/${s.network.id}/monitor`, s.coordinator)).json();
    expect(first.pending).toBe(60);
    expect(first.rows).toHaveLength(12);
    expect(await t.ctx.jobs.runDue()).toBe(6);
    const second = (await get(`/api/networks/${s.network.id}/monitor`, s.coordinator)).json();
    expect(second.pending).toBe(0);
    expect(second.rows).toHaveLength(72);
  });
});
