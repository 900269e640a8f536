// The fixtures are the hand-computed examples of docs/indicators.md ("Condition scores"): the
// example community's indicators for 2026-Q1, as computed there, and the example evaluation.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conditions, type ConditionScore, type EvaluationItem } from '../../../contracts/conditions';
import { criticalFactor, scoreConditions } from './conditions';
import { evenness, regularity, type Evenness, type Indicators, type MeetingFact } from './indicators';

const noEvenness: Evenness = { members: null, organisations: null, groups: null };
const example = (): Indicators => ({
  period: { from: new Date('2025-12-31T23:00:00Z'), to: new Date('2026-03-31T22:00:00Z') },
  groupSize: { count: 5, band: 'below' },
  regularity: { held: 3, cancelled: 1, cancelledShare: 0.25, gapsDays: [35, 49, 27], medianGapDays: 35, longestGapDays: 49, openGapDays: 0 },
  attendance: {
    members: [],
    organisations: [
      { key: 'A', attended: 5, expected: 6, rate: 5 / 6 },
      { key: 'B', attended: 4, expected: 5, rate: 4 / 5 },
      { key: 'none', attended: 1, expected: 3, rate: 1 / 3 },
    ],
    overall: 10 / 14,
  },
  voice: {
    total: 6,
    byKind: { harvest: 2, input: 1, response: 2, comment: 1 },
    evenness: { members: evenness([2, 1, 1, 2, 0]), organisations: evenness([3, 3, 0]), groups: evenness([0, 1, 2, 3]) },
    evennessByKind: { harvest: noEvenness, input: noEvenness, response: noEvenness, comment: noEvenness },
    perMember: [],
    perOrganisation: [],
    perGroup: [],
  },
  reciprocity: { brings: [], flows: [], index: 2 / 3 },
  chairing: { heldMeetings: 3, chairedWithProgramme: 2, perChair: [], distinctChairs: 2, topShare: 2 / 3 },
  ambition: {
    questionSet: true,
    ambitionSet: true,
    endProductSet: true,
    endProductWords: 2,
    endProductDescribed: false,
    ambitionRevisedAt: null,
    endProductRevisedAt: null,
    agendaItems: 6,
    agendaItemsReferring: 3,
    proposals: 2,
    proposalsReferring: 1,
    referringShare: 0.5,
  },
  checkOuts: { count: 5, mean: 3.6, perMeeting: [] },
  time: { participants: 5, stated: 3, medianHours: 4, enoughHours: 2, official: 1 },
});
const evaluation: Record<EvaluationItem, number> = {
  ambitionClarity: 3.4,
  jointAttention: 4.2,
  equalCommitment: 3,
  equivalence: 4,
  time: 2.2,
  regularity: 4.6,
  usefulness: 3.8,
};
const byCondition = (scores: ConditionScore[]) => Object.fromEntries(scores.map((s) => [s.condition, s]));
const scoreMap = (scores: ConditionScore[]) => Object.fromEntries(scores.map((s) => [s.condition, s.score]));

describe('the example community, data only', () => {
  const scores = scoreConditions(example(), null);
  const s = byCondition(scores);
  it('scores every condition in order', () => {
    expect(scores.map((x) => x.condition)).toEqual([...conditions]);
    expect(scoreMap(scores)).toEqual({
      groupSize: 80,
      regularity: 88,
      time: 30,
      ambition: 70,
      commitment: 56,
      equivalence: 75,
      endProduct: 50,
      chairing: 67,
      presence: 71,
      usefulness: 65,
    });
  });
  it('gives the documented reasons', () => {
    expect(s.groupSize!.reason).toEqual({ code: 'groupSize.count', params: { count: 5, min: 6, max: 8 } });
    expect(s.regularity!.reason).toEqual({ code: 'regularity.cancelled', params: { cancelled: 1, held: 3 } });
    expect(s.time!.reason).toEqual({ code: 'time.hours', params: { stated: 3, participants: 5, medianHours: 4, official: 1 } });
    expect(s.ambition!.reason).toEqual({ code: 'ambition.referring', params: { referring: 4, total: 8, percent: 50 } });
    expect(s.commitment!.reason).toEqual({ code: 'commitment.organisations', params: { lowest: 'none', lowestPercent: 33, highestPercent: 83 } });
    expect(s.equivalence!.parts.map((p) => p.score)).toEqual([83, 67]);
    expect(s.equivalence!.parts[0]!.reason).toEqual({ code: 'equivalence.voice', params: { evenness: 0.83 } });
    expect(s.equivalence!.reason).toEqual({ code: 'equivalence.reciprocity', params: { percent: 67 } });
    expect(s.endProduct!.reason).toEqual({ code: 'endProduct.vague', params: { words: 2 } });
    expect(s.chairing!.reason).toEqual({ code: 'chairing.programmes', params: { withProgramme: 2, held: 3 } });
    expect(s.presence!.reason).toEqual({ code: 'presence.attendance', params: { percent: 71 } });
    expect(s.usefulness!.reason).toEqual({ code: 'usefulness.checkOut', params: { mean: 3.6, count: 5 } });
    expect(scores.every((x) => x.parts.every((p) => p.source === 'data'))).toBe(true);
  });
  it('names time as the critical factor', () => {
    expect(criticalFactor(scores)?.condition).toBe('time');
  });
});

describe('the example community with the evaluation', () => {
  const scores = scoreConditions(example(), evaluation);
  const s = byCondition(scores);
  it('averages data and evaluation parts', () => {
    expect(scoreMap(scores)).toEqual({
      groupSize: 80,
      regularity: 89,
      time: 30,
      ambition: 70,
      commitment: 53,
      equivalence: 75,
      endProduct: 50,
      chairing: 67,
      presence: 71,
      usefulness: 68,
    });
    expect(s.ambition!.parts.map((p) => [p.source, p.score])).toEqual([
      ['data', 70],
      ['evaluation', 60],
      ['evaluation', 80],
    ]);
  });
  it('takes the weakest part as the reason, the first on a tie', () => {
    expect(s.ambition!.reason).toEqual({ code: 'evaluation.item', params: { item: 'ambitionClarity', mean: 3.4 } });
    expect(s.commitment!.reason).toEqual({ code: 'evaluation.item', params: { item: 'equalCommitment', mean: 3 } });
    expect(s.time!.parts.map((p) => p.score)).toEqual([30, 30]);
    expect(s.time!.reason.code).toBe('time.hours');
    expect(s.regularity!.reason.code).toBe('regularity.cancelled');
    expect(criticalFactor(scores)?.condition).toBe('time');
  });
  it('uses only the items given and rounds the mean to one decimal', () => {
    const only = byCondition(scoreConditions(example(), { usefulness: 4.96 }));
    expect(only.usefulness!.parts[1]).toEqual({ source: 'evaluation', score: 99, reason: { code: 'evaluation.item', params: { item: 'usefulness', mean: 5 } } });
    expect(only.ambition!.parts).toHaveLength(1);
  });
});

describe('single conditions', () => {
  const score = (patch: (i: Indicators) => void, condition: ConditionScore['condition']) => {
    const ind = example();
    patch(ind);
    return byCondition(scoreConditions(ind, null))[condition]!;
  };
  it('group size: 4 and 10 → 60, 6–8 → 100, 0 → 0', () => {
    for (const [count, expected] of [[4, 60], [10, 60], [6, 100], [8, 100], [0, 0], [14, 0]] as const)
      expect(score((i) => (i.groupSize.count = count), 'groupSize').score).toBe(expected);
  });
  it('regularity: long gaps (documented example) → 40', () => {
    const r = score((i) => (i.regularity = { held: 2, cancelled: 0, cancelledShare: 0, gapsDays: [28, 91], medianGapDays: 59.5, longestGapDays: 91, openGapDays: 14 }), 'regularity');
    expect(r.score).toBe(40);
    expect(r.reason).toEqual({ code: 'regularity.gaps', params: { last: 13, previous: 4 } });
  });
  it('regularity: a group that stopped meeting (documented example) → 17, the time since the last meeting', () => {
    const meeting = (id: string, day: string): MeetingFact => ({
      id,
      startsAt: new Date(`${day}T18:00:00Z`),
      endsAt: new Date(`${day}T20:00:00Z`),
      cancelled: false,
      chairUserId: null,
      programmePublished: false,
      attendedUserIds: [],
      agendaTitles: [],
    });
    const to = new Date('2026-08-31T10:00:00Z');
    const sixMonths = { from: new Date(to.getTime() - 182 * 86_400_000), to };
    // held 1, gaps [28], open gap 172 days = 24.57 weeks: 100 − 5 × 16.57 = 17.14.
    const r = score((i) => (i.regularity = regularity([meeting('a', '2026-01-14'), meeting('b', '2026-02-11'), meeting('c', '2026-03-11')], sixMonths)), 'regularity');
    expect(r).toMatchObject({ score: 17, reason: { code: 'regularity.sinceLast', params: { weeks: 25 } } });
  });
  it('regularity: the time since the last meeting comes before the other reasons; up to six weeks it is no reason', () => {
    const base = { held: 3, cancelled: 1, cancelledShare: 0.25, gapsDays: [28, 28, 91], medianGapDays: 28, longestGapDays: 91 };
    // Open 70 days = 10 weeks < the longest gap: 100 − 25 − 12.5 = 62.5 → 63.
    expect(score((i) => (i.regularity = { ...base, openGapDays: 70 }), 'regularity')).toMatchObject({ score: 63, reason: { code: 'regularity.sinceLast', params: { weeks: 10 } } });
    expect(score((i) => (i.regularity = { ...base, openGapDays: 42 }), 'regularity').reason.code).toBe('regularity.gaps');
    expect(score((i) => (i.regularity = { ...base, gapsDays: [28, 28, 28], longestGapDays: 28, openGapDays: 43 }), 'regularity')).toMatchObject({
      score: 88,
      reason: { code: 'regularity.sinceLast', params: { weeks: 6 } },
    });
  });
  it('regularity: none held → 0; one 13-week gap (−80 − 25, clamped) has no previous; monthly; the first meeting', () => {
    expect(score((i) => (i.regularity = { held: 0, cancelled: 2, cancelledShare: 1, gapsDays: [], medianGapDays: null, longestGapDays: null, openGapDays: 120 }), 'regularity')).toMatchObject({
      score: 0,
      reason: { code: 'regularity.none', params: {} },
    });
    expect(score((i) => (i.regularity = { held: 1, cancelled: 0, cancelledShare: 0, gapsDays: [91], medianGapDays: 91, longestGapDays: 91, openGapDays: 10 }), 'regularity')).toMatchObject({
      score: 0,
      reason: { code: 'regularity.gaps', params: { last: 13, previous: '' } },
    });
    expect(score((i) => (i.regularity = { held: 3, cancelled: 0, cancelledShare: 0, gapsDays: [28, 35, 30], medianGapDays: 30, longestGapDays: 35, openGapDays: 20 }), 'regularity')).toMatchObject({
      score: 100,
      reason: { code: 'regularity.monthly', params: { medianWeeks: 4, held: 3 } },
    });
    // One meeting held, none before it: no gaps, so no "a meeting every … weeks".
    expect(score((i) => (i.regularity = { held: 1, cancelled: 0, cancelledShare: 0, gapsDays: [], medianGapDays: null, longestGapDays: null, openGapDays: 10 }), 'regularity')).toMatchObject({
      score: 100,
      reason: { code: 'regularity.first', params: { held: 1 } },
    });
    // With a cancellation that explains the score instead.
    expect(score((i) => (i.regularity = { held: 1, cancelled: 1, cancelledShare: 0.5, gapsDays: [], medianGapDays: null, longestGapDays: null, openGapDays: 10 }), 'regularity')).toMatchObject({
      score: 75,
      reason: { code: 'regularity.cancelled', params: { cancelled: 1, held: 1 } },
    });
  });
  it('time: no participants → null; nobody stated → 0', () => {
    expect(score((i) => (i.time = { participants: 0, stated: 0, medianHours: null, enoughHours: 0, official: 0 }), 'time')).toMatchObject({ score: null, reason: { code: 'noData' } });
    expect(score((i) => (i.time = { participants: 4, stated: 0, medianHours: null, enoughHours: 0, official: 0 }), 'time').reason).toEqual({ code: 'time.unstated', params: { participants: 4 } });
  });
  it('ambition not set: 60 × share only', () => {
    expect(score((i) => (i.ambition.ambitionSet = false), 'ambition')).toMatchObject({ score: 30, reason: { code: 'ambition.notSet', params: {} } });
  });
  it('commitment: one organisation → balance 1; all rates 0 → balance 1', () => {
    const one = score((i) => (i.attendance.organisations = [{ key: 'A', attended: 3, expected: 4, rate: 0.75 }, { key: 'B', attended: 0, expected: 0, rate: null }]), 'commitment');
    expect(one).toMatchObject({ score: 86, reason: { code: 'commitment.attendance', params: { percent: 71 } } });
    const zero = score((i) => {
      i.attendance.overall = 0;
      i.attendance.organisations = [{ key: 'A', attended: 0, expected: 2, rate: 0 }, { key: 'B', attended: 0, expected: 2, rate: 0 }];
    }, 'commitment');
    expect(zero.score).toBe(50);
  });
  it('end product: not set 0, described 100', () => {
    expect(score((i) => (i.ambition.endProductSet = false), 'endProduct').score).toBe(0);
    expect(score((i) => (i.ambition.endProductDescribed = true), 'endProduct')).toMatchObject({ score: 100, reason: { code: 'endProduct.described' } });
  });
  it('equivalence with one part only', () => {
    expect(score((i) => (i.reciprocity.index = null), 'equivalence').score).toBe(83);
    expect(score((i) => (i.voice.evenness.members = null), 'equivalence').score).toBe(67);
  });
});

describe('empty community', () => {
  const empty = example();
  empty.groupSize = { count: 0, band: 'below' };
  empty.regularity = { held: 0, cancelled: 0, cancelledShare: null, gapsDays: [], medianGapDays: null, longestGapDays: null, openGapDays: null };
  empty.attendance = { members: [], organisations: [], overall: null };
  empty.voice.evenness = noEvenness;
  empty.reciprocity = { brings: [], flows: [], index: null };
  empty.chairing = { heldMeetings: 0, chairedWithProgramme: 0, perChair: [], distinctChairs: 0, topShare: null };
  empty.ambition = { ...empty.ambition, questionSet: false, ambitionSet: false, endProductSet: false, endProductWords: 0, agendaItems: 0, agendaItemsReferring: 0, proposals: 0, proposalsReferring: 0, referringShare: null };
  empty.checkOuts = { count: 0, mean: null, perMeeting: [] };
  empty.time = { participants: 0, stated: 0, medianHours: null, enoughHours: 0, official: 0 };
  it('scores what it can and names group size critical', () => {
    const scores = scoreConditions(empty, null);
    expect(scoreMap(scores)).toEqual({
      groupSize: 0,
      regularity: 0,
      time: null,
      ambition: 0,
      commitment: null,
      equivalence: null,
      endProduct: 0,
      chairing: null,
      presence: null,
      usefulness: null,
    });
    expect(criticalFactor(scores)?.condition).toBe('groupSize');
  });
});

describe('criticalFactor', () => {
  const cs = (condition: ConditionScore['condition'], score: number | null): ConditionScore => ({ condition, score, reason: { code: 'x', params: {} }, parts: [] });
  it('is null when nothing is scored', () => {
    expect(criticalFactor([])).toBeNull();
    expect(criticalFactor([cs('time', null), cs('presence', null)])).toBeNull();
  });
  it('breaks ties by the order of conditions, whatever the order given', () => {
    expect(criticalFactor([cs('presence', 40), cs('time', 40), cs('chairing', 50)])?.condition).toBe('time');
    expect(criticalFactor([cs('time', 40), cs('presence', 40)])?.condition).toBe('time');
    expect(criticalFactor([cs('groupSize', null), cs('presence', 0), cs('usefulness', 0)])?.condition).toBe('presence');
  });
});

describe('properties', () => {
  const share = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
  const count = fc.nat({ max: 30 });
  const indicatorsArb = fc
    .record({
      size: count,
      held: count,
      cancelled: count,
      gaps: fc.array(fc.nat({ max: 400 }), { maxLength: 6 }),
      open: fc.option(fc.nat({ max: 400 }), { nil: null }),
      overall: share,
      rates: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
      even: share,
      index: share,
      referring: share,
      flags: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      mean: fc.option(fc.double({ min: 1, max: 5, noNaN: true }), { nil: null }),
      time: fc.tuple(count, count, count, count),
    })
    .map((r): Indicators => {
      const ind = example();
      const sorted = [...r.gaps].sort((a, b) => a - b);
      ind.groupSize.count = r.size;
      ind.regularity = {
        held: r.held,
        cancelled: r.cancelled,
        cancelledShare: r.held + r.cancelled > 0 ? r.cancelled / (r.held + r.cancelled) : null,
        gapsDays: r.gaps,
        medianGapDays: sorted[Math.floor(sorted.length / 2)] ?? null,
        longestGapDays: sorted.at(-1) ?? null,
        openGapDays: r.open,
      };
      ind.attendance = { members: [], overall: r.overall, organisations: r.rates.map((rate, k) => ({ key: `o${k}`, attended: rate * 10, expected: 10, rate })) };
      ind.voice.evenness.members = r.even;
      ind.reciprocity.index = r.index;
      ind.ambition = { ...ind.ambition, ambitionSet: r.flags[0]!, endProductSet: r.flags[1]!, endProductDescribed: r.flags[2]!, referringShare: r.referring };
      ind.checkOuts = { count: r.mean === null ? 0 : 3, mean: r.mean, perMeeting: [] };
      const [participants, a, b, c] = r.time;
      ind.time = { participants, stated: Math.min(a, participants), medianHours: 4, enoughHours: Math.min(b, a, participants), official: Math.min(c, participants) };
      ind.chairing = { ...ind.chairing, heldMeetings: r.held, chairedWithProgramme: Math.min(r.held, r.size) };
      return ind;
    });
  const evaluationArb = fc.option(fc.dictionary(fc.constantFrom(...(Object.keys(evaluation) as EvaluationItem[])), fc.double({ min: 1, max: 5, noNaN: true })), { nil: null });
  it('every score is null or an integer in [0, 100], parts too', () => {
    fc.assert(
      fc.property(indicatorsArb, evaluationArb, (ind, ev) =>
        scoreConditions(ind, ev as Partial<Record<EvaluationItem, number>> | null).every(
          (s) =>
            (s.score === null || (Number.isInteger(s.score) && s.score >= 0 && s.score <= 100)) &&
            s.parts.every((p) => Number.isInteger(p.score) && p.score >= 0 && p.score <= 100),
        ),
      ),
    );
  });
  it('the critical factor has the lowest score', () => {
    fc.assert(
      fc.property(indicatorsArb, (ind) => {
        const scores = scoreConditions(ind, null);
        const critical = criticalFactor(scores);
        return critical === null ? scores.every((s) => s.score === null) : scores.every((s) => s.score === null || s.score >= critical.score!);
      }),
    );
  });
});
