// Part 5: from indicators (and the latest shown evaluation) to one 0–100 score per condition, and the
// critical factor. Pure. Each formula, with a hand-computed example, is in docs/indicators.md.
import {
  conditions,
  evaluationItems,
  groupSizeBand,
  itemCondition,
  type Condition,
  type ConditionScore,
  type EvaluationItem,
  type Reason,
} from '../../../contracts/conditions';
import type { Indicators } from './indicators';

type Part = ConditionScore['parts'][number];

const clamp = (x: number) => Math.min(100, Math.max(0, Math.round(x)));
const reason = (code: string, params: Reason['params'] = {}): Reason => ({ code, params });
const data = (score: number, code: string, params: Reason['params'] = {}): Part => ({ source: 'data', score: clamp(score), reason: reason(code, params) });
const percent = (share: number | null) => Math.round((share ?? 0) * 100);
const oneDecimal = (x: number) => Math.round(x * 10) / 10;
const weeks = (days: number) => days / 7;

/** The data part(s) of each condition, from the indicators alone. */
const dataParts: Record<Condition, (ind: Indicators) => Part[]> = {
  groupSize: ({ groupSize: { count } }) => {
    const outside = count < groupSizeBand.min ? groupSizeBand.min - count : count > groupSizeBand.max ? count - groupSizeBand.max : 0;
    return [data(Math.max(0, 100 - 20 * outside), 'groupSize.count', { count, min: groupSizeBand.min, max: groupSizeBand.max })];
  },

  regularity: ({ regularity: r }) => {
    if (r.held === 0) return [data(0, 'regularity.none')];
    const medianTerm = r.medianGapDays === null ? 0 : 10 * Math.max(0, weeks(r.medianGapDays) - 5);
    // The gap still open at the end of the period counts too: a group that stopped meeting has no new gaps.
    const longest = Math.max(r.longestGapDays ?? 0, r.openGapDays ?? 0);
    const longestTerm = 5 * Math.max(0, weeks(longest) - 8);
    const score = 100 - medianTerm - longestTerm - 50 * (r.cancelledShare ?? 0);
    if (r.openGapDays !== null && r.openGapDays > 42) return [data(score, 'regularity.sinceLast', { weeks: Math.round(weeks(r.openGapDays)) })];
    const last = r.gapsDays.at(-1);
    if (last !== undefined && last > 42) {
      const previous = r.gapsDays.at(-2);
      return [data(score, 'regularity.gaps', { last: Math.round(weeks(last)), previous: previous === undefined ? '' : Math.round(weeks(previous)) })];
    }
    if (r.cancelled > 0) return [data(score, 'regularity.cancelled', { cancelled: r.cancelled, held: r.held })];
    // No gap at all: the first meeting ever is the only one held.
    if (r.medianGapDays === null) return [data(score, 'regularity.first', { held: r.held })];
    return [data(score, 'regularity.monthly', { medianWeeks: Math.round(weeks(r.medianGapDays)), held: r.held })];
  },

  time: ({ time: t }) => {
    if (t.participants === 0) return [];
    if (t.stated === 0) return [data(0, 'time.unstated', { participants: t.participants })];
    const score = (50 * t.enoughHours) / t.participants + (50 * t.official) / t.participants;
    return [data(score, 'time.hours', { stated: t.stated, participants: t.participants, medianHours: t.medianHours ?? 0, official: t.official })];
  },

  ambition: ({ ambition: a }) => {
    const score = (a.ambitionSet ? 40 : 0) + 60 * (a.referringShare ?? 0);
    if (!a.ambitionSet) return [data(score, 'ambition.notSet')];
    const referring = a.agendaItemsReferring + a.proposalsReferring;
    return [data(score, 'ambition.referring', { referring, total: a.agendaItems + a.proposals, percent: percent(a.referringShare) })];
  },

  commitment: ({ attendance: att }) => {
    if (att.overall === null) return [];
    const orgs = att.organisations.filter((o) => o.expected > 0);
    if (orgs.length < 2) return [data(100 * (0.5 * att.overall + 0.5), 'commitment.attendance', { percent: percent(att.overall) })];
    // Rows are sorted by key, so the first of equal rates wins.
    let lowest = orgs[0]!;
    let highest = orgs[0]!;
    for (const o of orgs) {
      if (o.rate! < lowest.rate!) lowest = o;
      if (o.rate! > highest.rate!) highest = o;
    }
    const balance = highest.rate === 0 ? 1 : lowest.rate! / highest.rate!;
    return [
      data(100 * (0.5 * att.overall + 0.5 * balance), 'commitment.organisations', {
        lowest: lowest.key,
        lowestPercent: percent(lowest.rate),
        highestPercent: percent(highest.rate),
      }),
    ];
  },

  equivalence: ({ voice, reciprocity }) => {
    const parts: Part[] = [];
    const j = voice.evenness.members;
    if (j !== null) parts.push(data(j * 100, 'equivalence.voice', { evenness: Math.round(j * 100) / 100 }));
    if (reciprocity.index !== null) parts.push(data(reciprocity.index * 100, 'equivalence.reciprocity', { percent: percent(reciprocity.index) }));
    return parts;
  },

  endProduct: ({ ambition: a }) => {
    if (!a.endProductSet) return [data(0, 'endProduct.notSet')];
    if (!a.endProductDescribed) return [data(50, 'endProduct.vague', { words: a.endProductWords })];
    return [data(100, 'endProduct.described')];
  },

  chairing: ({ chairing: c }) =>
    c.heldMeetings === 0
      ? []
      : [data((100 * c.chairedWithProgramme) / c.heldMeetings, 'chairing.programmes', { withProgramme: c.chairedWithProgramme, held: c.heldMeetings })],

  presence: ({ attendance: att }) => (att.overall === null ? [] : [data(att.overall * 100, 'presence.attendance', { percent: percent(att.overall) })]),

  usefulness: ({ checkOuts: c }) =>
    c.mean === null ? [] : [data(((c.mean - 1) / 4) * 100, 'usefulness.checkOut', { mean: oneDecimal(c.mean), count: c.count })],
};

function evaluationParts(condition: Condition, evaluation: Partial<Record<EvaluationItem, number>> | null): Part[] {
  if (!evaluation) return [];
  return evaluationItems.flatMap((item) => {
    const mean = evaluation[item];
    if (itemCondition[item] !== condition || mean === undefined || !Number.isFinite(mean)) return [];
    return [{ source: 'evaluation' as const, score: clamp(((mean - 1) / 4) * 100), reason: reason('evaluation.item', { item, mean: oneDecimal(mean) }) }];
  });
}

/**
 * One score per condition, in the order of `conditions`: the rounded mean of its data part(s) and its
 * evaluation part(s) (the means, 1–5, per item of the latest evaluation whose aggregate may be shown).
 */
export function scoreConditions(ind: Indicators, evaluation: Partial<Record<EvaluationItem, number>> | null): ConditionScore[] {
  return conditions.map((condition) => {
    const parts = [...dataParts[condition](ind), ...evaluationParts(condition, evaluation)];
    if (parts.length === 0) return { condition, score: null, reason: reason('noData'), parts };
    const weakest = parts.reduce((low, p) => (p.score < low.score ? p : low));
    const score = Math.round(parts.reduce((sum, p) => sum + p.score, 0) / parts.length);
    return { condition, score, reason: weakest.reason, parts };
  });
}

/** The condition holding the community back most: the lowest score; on a tie the earlier in `conditions`. */
export function criticalFactor(scores: ConditionScore[]): ConditionScore | null {
  let critical: ConditionScore | null = null;
  for (const s of scores) {
    if (s.score === null) continue;
    if (
      critical === null ||
      s.score < critical.score! ||
      (s.score === critical.score && conditions.indexOf(s.condition) < conditions.indexOf(critical.condition))
    )
      critical = s;
  }
  return critical;
}
