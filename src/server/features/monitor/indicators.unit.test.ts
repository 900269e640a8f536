// The fixtures are the hand-computed examples of docs/indicators.md ("The example community").
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ambitionIndicator,
  attendance,
  chairing,
  checkOutIndicator,
  evenness,
  groupSize,
  indicators,
  lastQuarters,
  quarterOf,
  quarterPeriod,
  quiet,
  reciprocity,
  refersTo,
  regularity,
  timeIndicator,
  voice,
  type CommunityFacts,
  type ContributionFact,
  type MeetingFact,
  type MemberFact,
} from './indicators';

const d = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

const member = (userId: string, organisationId: string | null, stakeholderGroup: string, joined: string, extra: Partial<MemberFact> = {}): MemberFact => ({
  userId,
  name: userId,
  organisationId,
  stakeholderGroup,
  joinedAt: d(joined),
  participant: true,
  chairWilling: false,
  hoursPerMonth: null,
  timeOfficial: null,
  ...extra,
});
const meeting = (id: string, startsAtUtc: string, extra: Partial<MeetingFact> = {}): MeetingFact => ({
  id,
  startsAt: d(startsAtUtc),
  endsAt: new Date(d(startsAtUtc).getTime() + 2 * HOUR),
  cancelled: false,
  chairUserId: null,
  programmePublished: false,
  attendedUserIds: [],
  agendaTitles: [],
  ...extra,
});
const orgs: Record<string, string | null> = { ann: 'A', bob: 'A', cas: 'B', dee: 'B', eva: null, rik: 'R' };
const groups: Record<string, string> = { ann: 'school', bob: 'school', cas: 'college', dee: 'parent', eva: 'care', rik: 'other' };
const contribution = (kind: ContributionFact['kind'], userId: string, at: string, meetingId: string | null = null, toUserId: string | null = null): ContributionFact => ({
  kind,
  userId,
  organisationId: orgs[userId] ?? null,
  stakeholderGroup: groups[userId] ?? 'other',
  at: d(at),
  meetingId,
  toUserId,
});

// 2026-Q1 in Europe/Amsterdam.
const q1 = { from: d('2025-12-31T23:00:00Z'), to: d('2026-03-31T22:00:00Z') };

const members: MemberFact[] = [
  member('ann', 'A', 'school', '2025-09-01T10:00:00Z', { hoursPerMonth: 6, timeOfficial: true }),
  member('bob', 'A', 'school', '2025-09-01T10:00:00Z', { hoursPerMonth: 2, timeOfficial: false }),
  member('cas', 'B', 'college', '2026-02-01T10:00:00Z'),
  member('dee', 'B', 'parent', '2025-09-01T10:00:00Z', { hoursPerMonth: 4 }),
  member('eva', null, 'care', '2025-11-01T10:00:00Z'),
  member('rik', 'R', 'other', '2025-09-01T10:00:00Z', { participant: false, hoursPerMonth: 40, timeOfficial: true }),
];
const meetings: MeetingFact[] = [
  meeting('M2', '2026-03-04T18:00:00Z', { chairUserId: 'ann', attendedUserIds: ['ann', 'cas'], agendaTitles: ['Rondje kennisoogst', 'Enquête onder ouders'] }),
  meeting('M0', '2025-12-10T18:00:00Z', { chairUserId: 'ann', programmePublished: true, attendedUserIds: ['ann', 'bob', 'dee'], agendaTitles: ['Mediawijsheid'] }),
  meeting('M1', '2026-01-14T18:00:00Z', {
    chairUserId: 'ann',
    programmePublished: true,
    attendedUserIds: ['ann', 'bob', 'dee', 'eva', 'rik'],
    agendaTitles: ['Rondje kennisoogst', 'Mediawijze ouders', 'Check-out'],
  }),
  meeting('X', '2026-02-11T18:00:00Z', { cancelled: true, agendaTitles: ['Media'] }),
  // 19:00 summer time.
  meeting('M3', '2026-03-31T17:00:00Z', { chairUserId: 'bob', programmePublished: true, attendedUserIds: ['ann', 'bob', 'cas', 'dee'], agendaTitles: ['Leerlijn groep 5-8'] }),
];
const contributions: ContributionFact[] = [
  contribution('harvest', 'bob', '2025-12-10T18:10:00Z', 'M0'),
  contribution('input', 'ann', '2026-01-10T09:00:00Z', 'M1'),
  contribution('harvest', 'dee', '2026-01-14T18:05:00Z', 'M1'),
  contribution('response', 'ann', '2026-02-02T09:00:00Z', null, 'dee'),
  contribution('response', 'bob', '2026-02-02T10:00:00Z', null, 'dee'),
  contribution('comment', 'dee', '2026-02-05T09:00:00Z', null, 'ann'),
  contribution('harvest', 'cas', '2026-03-04T18:05:00Z', 'M2'),
  contribution('comment', 'rik', '2026-03-10T09:00:00Z'),
];
const ambition = {
  question: 'Hoe bouwen we een doorlopende leerlijn mediawijsheid?',
  ambition: 'Ouders en school begeleiden kinderen samen op sociale media',
  endProduct: 'een leerlijn',
  ambitionRevisedAt: null,
  endProductRevisedAt: d('2026-01-20T10:00:00Z'),
  createdAt: d('2025-09-01T10:00:00Z'),
};
const proposals = [
  { title: 'Vragenkaartjes voor ouders', body: 'Een set kaartjes', createdAt: d('2026-02-10T10:00:00Z') },
  { title: 'Nieuwe vergadertijd', body: 'Dinsdag in plaats van woensdag', createdAt: d('2026-03-01T10:00:00Z') },
  { title: 'Mediawijsheid', body: 'Ouders', createdAt: d('2025-10-01T10:00:00Z') },
];
const checkOuts = [
  { meetingId: 'M1', score: 4 },
  { meetingId: 'M1', score: 5 },
  { meetingId: 'M1', score: 3 },
  { meetingId: 'X', score: 1 },
  { meetingId: 'M3', score: 2 },
  { meetingId: 'M3', score: 4 },
];
const exampleFacts: CommunityFacts = { members, meetings, contributions, checkOuts, proposals, ambition };

describe('quarters', () => {
  it('takes the quarter of the local date', () => {
    expect(quarterOf(d('2026-09-30T22:30:00Z'))).toBe('2026-Q4');
    expect(quarterOf(d('2026-09-30T21:59:59Z'))).toBe('2026-Q3');
    expect(quarterOf(d('2025-12-31T23:30:00Z'))).toBe('2026-Q1');
    expect(quarterOf(d('2025-12-31T23:30:00Z'), 'UTC')).toBe('2025-Q4');
    expect(quarterOf(d('2026-04-01T03:00:00Z'), 'America/New_York')).toBe('2026-Q1');
  });
  it('starts a quarter at local midnight, in winter and in summer time', () => {
    expect(quarterPeriod('2026-Q1')).toEqual(q1);
    expect(quarterPeriod('2026-Q2')).toEqual({ from: d('2026-03-31T22:00:00Z'), to: d('2026-06-30T22:00:00Z') });
    expect(quarterPeriod('2026-Q4')).toEqual({ from: d('2026-09-30T22:00:00Z'), to: d('2026-12-31T23:00:00Z') });
    expect(quarterPeriod('2026-Q1', 'UTC')).toEqual({ from: d('2026-01-01T00:00:00Z'), to: d('2026-04-01T00:00:00Z') });
  });
  it('has adjacent quarters meet exactly at the DST boundary', () => {
    const q2 = quarterPeriod('2026-Q2');
    expect(quarterOf(new Date(q2.from.getTime() - 1))).toBe('2026-Q1');
    expect(quarterOf(q2.from)).toBe('2026-Q2');
    expect(quarterPeriod('2026-Q3').from).toEqual(q2.to);
  });
  it('rejects a bad key', () => {
    expect(() => quarterPeriod('2026-Q5')).toThrow(RangeError);
    expect(() => quarterPeriod('Q1-2026')).toThrow(RangeError);
  });
  it('lists the last quarters oldest first', () => {
    expect(lastQuarters(d('2026-02-10T12:00:00Z'), 3)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1']);
    expect(lastQuarters(d('2026-02-10T12:00:00Z'), 1)).toEqual(['2026-Q1']);
    expect(lastQuarters(d('2026-02-10T12:00:00Z'), 0)).toEqual([]);
    expect(lastQuarters(d('2026-02-10T12:00:00Z'), 8)).toHaveLength(8);
  });
});

describe('evenness', () => {
  it('computes the documented example [3, 1, 0]', () => {
    const h = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
    expect(evenness([3, 1, 0])).toBeCloseTo(h / Math.log(3), 12);
    expect(evenness([3, 1, 0])).toBeCloseTo(0.5119, 4);
  });
  it('handles the edges', () => {
    expect(evenness([])).toBeNull();
    expect(evenness([5])).toBeNull();
    expect(evenness([0, 0])).toBe(0);
    expect(evenness([7, 0, 0])).toBe(0);
    expect(evenness([2, 2, 2])).toBeCloseTo(1, 12);
  });
  const countsArb = fc.array(fc.nat({ max: 50 }), { minLength: 2, maxLength: 12 });
  it('is in [0, 1]', () => {
    fc.assert(fc.property(countsArb, (counts) => evenness(counts)! >= 0 && evenness(counts)! <= 1));
  });
  it('is 1 for equal non-zero counts', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 2, max: 20 }), (c, n) => Math.abs(evenness(Array(n).fill(c) as number[])! - 1) < 1e-12));
  });
  it('does not depend on the order of the units', () => {
    fc.assert(
      fc.property(
        countsArb.chain((counts) => fc.tuple(fc.constant(counts), fc.shuffledSubarray(counts, { minLength: counts.length, maxLength: counts.length }))),
        ([counts, shuffled]) => evenness(counts) === evenness(shuffled),
      ),
    );
  });
});

describe('the example community, 2026-Q1', () => {
  it('group size: five participants, the researcher not counted', () => {
    expect(groupSize(members, q1.to)).toEqual({ count: 5, band: 'below' });
    expect(groupSize(members, d('2026-01-15T00:00:00Z'))).toEqual({ count: 4, band: 'below' });
  });
  it('regularity: gaps from the meeting before the period, across summer time; M3 ended 5 hours before the end', () => {
    expect(regularity(meetings, q1)).toEqual({ held: 3, cancelled: 1, cancelledShare: 0.25, gapsDays: [35, 49, 27], medianGapDays: 35, longestGapDays: 49, openGapDays: 0 });
  });
  it('regularity: a group that stopped meeting has a long open gap (documented example)', () => {
    // Meetings on 14 Jan, 11 Feb and 11 Mar 2026 at 19:00; the six months up to 31 Aug 2026 12:00.
    const ms = ['2026-01-14', '2026-02-11', '2026-03-11'].map((day, i) => meeting(`s${i}`, `${day}T18:00:00Z`));
    const to = d('2026-08-31T10:00:00Z');
    const sixMonths = { from: new Date(to.getTime() - 182 * 86_400_000), to };
    expect(regularity(ms, sixMonths)).toEqual({ held: 1, cancelled: 0, cancelledShare: 0, gapsDays: [28], medianGapDays: 28, longestGapDays: 28, openGapDays: 172 });
    // The open gap runs from the last held meeting before the end, whenever it was held.
    expect(regularity(ms, { from: d('2026-04-01T00:00:00Z'), to })).toMatchObject({ held: 0, gapsDays: [], openGapDays: 172 });
  });
  it('attendance: expected only after joining, per organisation and overall', () => {
    const a = attendance(members, meetings, q1);
    expect(a.members).toEqual([
      { key: 'ann', attended: 3, expected: 3, rate: 1 },
      { key: 'bob', attended: 2, expected: 3, rate: 2 / 3 },
      { key: 'cas', attended: 2, expected: 2, rate: 1 },
      { key: 'dee', attended: 2, expected: 3, rate: 2 / 3 },
      { key: 'eva', attended: 1, expected: 3, rate: 1 / 3 },
    ]);
    expect(a.organisations).toEqual([
      { key: 'A', attended: 5, expected: 6, rate: 5 / 6 },
      { key: 'B', attended: 4, expected: 5, rate: 4 / 5 },
      { key: 'none', attended: 1, expected: 3, rate: 1 / 3 },
    ]);
    expect(a.overall).toBeCloseTo(10 / 14, 12);
  });
  it('voice: silent units count, the researcher not at all', () => {
    const v = voice(members, contributions, q1);
    expect(v.total).toBe(6);
    expect(v.byKind).toEqual({ harvest: 2, input: 1, response: 2, comment: 1 });
    expect(v.perMember).toEqual([
      { key: 'ann', count: 2 },
      { key: 'bob', count: 1 },
      { key: 'cas', count: 1 },
      { key: 'dee', count: 2 },
      { key: 'eva', count: 0 },
    ]);
    expect(v.perOrganisation).toEqual([
      { key: 'A', count: 3 },
      { key: 'B', count: 3 },
      { key: 'none', count: 0 },
    ]);
    expect(v.perGroup.map((g) => [g.key, g.count])).toEqual([['care', 0], ['college', 1], ['parent', 2], ['school', 3]]);
    expect(v.evenness.members).toBeCloseTo(0.8262, 4);
    expect(v.evenness.organisations).toBeCloseTo(0.6309, 4);
    expect(v.evenness.groups).toBeCloseTo(0.7296, 4);
    // Harvests: cas 1, dee 1, three silent → ln 2 / ln 5.
    expect(v.evennessByKind.harvest.members).toBeCloseTo(Math.log(2) / Math.log(5), 12);
    expect(v.evennessByKind.response.organisations).toBe(0);
  });
  it('quiet: eva, who said nothing since M1', () => {
    expect(quiet(members, meetings, contributions, d('2026-04-15T12:00:00Z'))).toEqual({ meetingIds: ['M1', 'M2', 'M3'], userIds: ['eva'] });
  });
  it('reciprocity: A→B 2, B→A 1 → 2/3', () => {
    const r = reciprocity(members, contributions, q1);
    expect(r.brings).toEqual([
      { organisationId: 'A', input: 1, harvest: 0 },
      { organisationId: 'B', input: 0, harvest: 2 },
    ]);
    expect(r.flows).toEqual([
      { from: 'A', to: 'B', count: 2 },
      { from: 'B', to: 'A', count: 1 },
    ]);
    expect(r.index).toBeCloseTo(2 / 3, 12);
  });
  it('chairing: 2 of 3 with a chair and a programme', () => {
    expect(chairing(meetings, q1)).toEqual({
      heldMeetings: 3,
      chairedWithProgramme: 2,
      perChair: [
        { userId: 'ann', count: 2 },
        { userId: 'bob', count: 1 },
      ],
      distinctChairs: 2,
      topShare: 2 / 3,
    });
  });
  it('ambition: 4 of 8 items and proposals refer to it; the end product is vague', () => {
    expect(ambitionIndicator(ambition, meetings, proposals, q1)).toEqual({
      questionSet: true,
      ambitionSet: true,
      endProductSet: true,
      endProductWords: 2,
      endProductDescribed: false,
      ambitionRevisedAt: null,
      endProductRevisedAt: d('2026-01-20T10:00:00Z'),
      agendaItems: 6,
      agendaItemsReferring: 3,
      proposals: 2,
      proposalsReferring: 1,
      referringShare: 0.5,
    });
  });
  it('check-outs: mean 3.6 over 5, the cancelled meeting ignored', () => {
    expect(checkOutIndicator(meetings, checkOuts, q1)).toEqual({
      count: 5,
      mean: 3.6,
      perMeeting: [
        { meetingId: 'M1', date: d('2026-01-14T18:00:00Z'), mean: 4, count: 3 },
        { meetingId: 'M3', date: d('2026-03-31T17:00:00Z'), mean: 3, count: 2 },
      ],
    });
  });
  it('time: stated 3 of 5, median 4, enough 2, official 1', () => {
    expect(timeIndicator(members, q1.to)).toEqual({ participants: 5, stated: 3, medianHours: 4, enoughHours: 2, official: 1 });
  });
  it('indicators() combines them at the end of the period', () => {
    const ind = indicators(exampleFacts, q1);
    expect(ind.period).toBe(q1);
    expect(ind.groupSize.count).toBe(5);
    expect(ind.regularity.gapsDays).toEqual([35, 49, 27]);
    expect(ind.time.stated).toBe(3);
    expect(ind.checkOuts.mean).toBe(3.6);
  });
});

describe('refersTo', () => {
  const reference = `${ambition.question} ${ambition.ambition} ${ambition.endProduct}`;
  it('matches on the first five letters of a significant word', () => {
    expect(refersTo('Mediawijze ouders', 'mediawijsheid')).toBe(true);
    expect(refersTo('Leerlijn groep 5-8', reference)).toBe(true);
    expect(refersTo('Enquête onder ouders', reference)).toBe(true);
  });
  it('ignores short words, stop words and case', () => {
    expect(refersTo('Rondje kennisoogst', reference)).toBe(false);
    expect(refersTo('Check-out', reference)).toBe(false);
    expect(refersTo('Welke samen tussen', 'welke samen tussen zodat')).toBe(false);
    expect(refersTo('een de het', 'een de het')).toBe(false);
    expect(refersTo('SOCIALE', 'sociale media')).toBe(true);
  });
  it('is false for an empty reference', () => {
    expect(refersTo('mediawijsheid', '')).toBe(false);
    expect(refersTo('', 'mediawijsheid')).toBe(false);
  });
  it('splits on non-letters but keeps accented letters', () => {
    expect(refersTo('créatief/denken', 'créativiteit')).toBe(true);
  });
});

describe('edge cases', () => {
  const empty: CommunityFacts = {
    members: [],
    meetings: [],
    contributions: [],
    checkOuts: [],
    proposals: [],
    ambition: { question: '', ambition: ' ', endProduct: '', ambitionRevisedAt: null, endProductRevisedAt: null, createdAt: d('2025-01-01T00:00:00Z') },
  };
  it('an empty community has zeros and nulls, no errors', () => {
    const ind = indicators(empty, q1);
    expect(ind.groupSize).toEqual({ count: 0, band: 'below' });
    expect(ind.regularity).toEqual({ held: 0, cancelled: 0, cancelledShare: null, gapsDays: [], medianGapDays: null, longestGapDays: null, openGapDays: null });
    expect(ind.attendance).toEqual({ members: [], organisations: [], overall: null });
    expect(ind.voice.evenness).toEqual({ members: null, organisations: null, groups: null });
    expect(ind.reciprocity).toEqual({ brings: [], flows: [], index: null });
    expect(ind.chairing.topShare).toBeNull();
    expect(ind.ambition).toMatchObject({ questionSet: false, ambitionSet: false, endProductSet: false, endProductWords: 0, referringShare: null });
    expect(ind.checkOuts).toEqual({ count: 0, mean: null, perMeeting: [] });
    expect(ind.time).toEqual({ participants: 0, stated: 0, medianHours: null, enoughHours: 0, official: 0 });
    expect(quiet([], [], [], q1.to)).toEqual({ meetingIds: [], userIds: [] });
  });
  it('one member: evenness has no meaning (null), attendance does', () => {
    const one = [member('ann', 'A', 'school', '2025-01-01T00:00:00Z')];
    const ms = [meeting('m', '2026-02-01T10:00:00Z', { attendedUserIds: ['ann'] })];
    expect(voice(one, [contribution('input', 'ann', '2026-02-01T09:00:00Z', 'm')], q1).evenness).toEqual({ members: null, organisations: null, groups: null });
    expect(attendance(one, ms, q1).overall).toBe(1);
    expect(groupSize(one, q1.to)).toEqual({ count: 1, band: 'below' });
  });
  it('all silent: evenness 0, every unit listed with 0', () => {
    const v = voice(members, [], q1);
    expect(v.perMember.map((r) => r.count)).toEqual([0, 0, 0, 0, 0]);
    expect(v.evenness).toEqual({ members: 0, organisations: 0, groups: 0 });
    expect(v.total).toBe(0);
  });
  it('only contributions of non-participants: not counted, also not in the totals', () => {
    const v = voice(members, [contribution('comment', 'rik', '2026-02-01T09:00:00Z'), contribution('input', 'gone', '2026-02-01T09:00:00Z')], q1);
    expect(v.total).toBe(0);
    expect(v.byKind).toEqual({ harvest: 0, input: 0, response: 0, comment: 0 });
    expect(v.perMember.every((r) => r.count === 0)).toBe(true);
    expect(v.evenness.members).toBe(0);
  });
  it('voice: the totals add up to every per-unit list, also with non-participants and a changed organisation', () => {
    const cs = [
      ...contributions,
      contribution('input', 'gone', '2026-02-01T09:00:00Z', 'M1'),
      { ...contribution('harvest', 'eva', '2026-03-04T18:10:00Z', 'M2'), organisationId: 'old', stakeholderGroup: 'school' },
    ];
    const v = voice(members, cs, q1);
    const sum = (rows: { count: number }[]) => rows.reduce((a, r) => a + r.count, 0);
    expect(v.total).toBe(7);
    expect(Object.values(v.byKind).reduce((a, b) => a + b, 0)).toBe(v.total);
    expect([sum(v.perMember), sum(v.perOrganisation), sum(v.perGroup)]).toEqual([v.total, v.total, v.total]);
  });
  it('regularity: the only held meeting has its predecessor before the period; no predecessor → no gap', () => {
    const ms = [meeting('a', '2025-11-05T18:00:00Z'), meeting('b', '2026-02-04T18:00:00Z'), meeting('c', '2025-12-03T18:00:00Z', { cancelled: true })];
    expect(regularity(ms, q1)).toMatchObject({ held: 1, cancelled: 0, cancelledShare: 0, gapsDays: [91], medianGapDays: 91, longestGapDays: 91, openGapDays: 55 });
    // 4 Feb 19:00 to 1 Apr 00:00 (local) = 55 days and 4 hours, rounded down.
    expect(regularity([meeting('b', '2026-02-04T18:00:00Z')], q1)).toEqual({
      held: 1,
      cancelled: 0,
      cancelledShare: 0,
      gapsDays: [],
      medianGapDays: null,
      longestGapDays: null,
      openGapDays: 55,
    });
  });
  it('regularity: the median of an even number of gaps is the mean of the middle two', () => {
    const ms = ['2026-01-05', '2026-01-19', '2026-02-16', '2026-03-02', '2026-03-30'].map((day, i) => meeting(`m${i}`, `${day}T10:00:00Z`));
    expect(regularity(ms, q1)).toMatchObject({ gapsDays: [14, 28, 14, 28], medianGapDays: 21, longestGapDays: 28, openGapDays: 1 });
  });
  it('a meeting still running at the end of the period, or cancelled, is not held', () => {
    const ms = [meeting('late', '2026-03-31T21:00:00Z'), meeting('off', '2026-02-01T10:00:00Z', { cancelled: true, attendedUserIds: ['ann'] })];
    expect(regularity(ms, q1)).toMatchObject({ held: 0, cancelled: 1, cancelledShare: 1, openGapDays: null });
    expect(attendance(members, ms, q1).overall).toBeNull();
    expect(chairing(ms, q1)).toEqual({ heldMeetings: 0, chairedWithProgramme: 0, perChair: [], distinctChairs: 0, topShare: null });
  });
  it('quiet: fewer than three held meetings; a contribution after the first counts; cancelled meetings skipped', () => {
    const ms = [meeting('a', '2026-01-10T10:00:00Z'), meeting('b', '2026-02-10T10:00:00Z', { cancelled: true })];
    const ps = [member('ann', 'A', 'school', '2025-01-01T00:00:00Z'), member('bob', 'A', 'school', '2025-01-01T00:00:00Z'), member('new', 'A', 'school', '2026-01-20T00:00:00Z')];
    const cs = [contribution('comment', 'ann', '2026-03-01T10:00:00Z'), contribution('harvest', 'bob', '2025-12-01T10:00:00Z', 'old')];
    expect(quiet(ps, ms, cs, d('2026-03-15T00:00:00Z'))).toEqual({ meetingIds: ['a'], userIds: ['bob'] });
  });
  it('reciprocity: skips unknown addressees, null organisations and the same organisation', () => {
    const cs = [
      contribution('response', 'ann', '2026-02-01T10:00:00Z', null, 'gone'),
      contribution('response', 'ann', '2026-02-01T10:00:00Z', null, 'eva'),
      contribution('comment', 'eva', '2026-02-01T10:00:00Z', null, 'ann'),
      contribution('comment', 'ann', '2026-02-01T10:00:00Z', null, 'bob'),
      contribution('harvest', 'eva', '2026-02-01T10:00:00Z', 'm'),
    ];
    const r = reciprocity(members, cs, q1);
    expect(r.flows).toEqual([]);
    expect(r.index).toBeNull();
    expect(r.brings).toEqual([
      { organisationId: 'A', input: 0, harvest: 0 },
      { organisationId: 'B', input: 0, harvest: 0 },
    ]);
  });
  it('reciprocity: the second documented example, A→B 3, B→A 1, A→C 2 → 1/3', () => {
    const ms = [...members, member('cor', 'C', 'care', '2025-01-01T00:00:00Z')];
    const cs = [
      ...['dee', 'dee', 'cas'].map((to) => contribution('response', 'ann', '2026-02-01T10:00:00Z', null, to)),
      contribution('comment', 'dee', '2026-02-01T10:00:00Z', null, 'bob'),
      ...[1, 2].map(() => ({ ...contribution('comment', 'bob', '2026-02-01T10:00:00Z', null, 'cor') })),
    ];
    const r = reciprocity(ms, cs, q1);
    expect(r.flows).toEqual([
      { from: 'A', to: 'B', count: 3 },
      { from: 'A', to: 'C', count: 2 },
      { from: 'B', to: 'A', count: 1 },
    ]);
    expect(r.index).toBeCloseTo(1 / 3, 12);
  });
});
