import { minimumAnswers, type ConditionScore } from '../../../contracts/conditions';
import type { HistoryEntry, ImprovementAction, IndicatorsView, QuarterRow, ScoreCell } from '../../../contracts/monitor';
import type { ActionRow, EvaluationRow } from '../evaluations/evaluations.repository';
import { criticalFactor } from './conditions';
import type { Indicators } from './indicators';

export interface Names {
  users: Map<string, string>;
  organisations: Map<string, string>;
}

export const cells = (scores: ConditionScore[]): ScoreCell[] => scores.map((s) => ({ condition: s.condition, score: s.score }));

/** Adds the organisation's name to reasons that name one by id (the web shows names, not ids). */
export function nameReasons(score: ConditionScore, organisations: Map<string, string>, hidden: Set<string> = new Set()): ConditionScore {
  const name = (r: ConditionScore['reason']) => {
    if (r.code !== 'commitment.organisations') return r;
    const id = String(r.params.lowest);
    // A small organisation (see indicatorsView) is not named to those who see no member rows.
    if (hidden.has(id)) return { ...r, params: { ...r.params, lowest: 'hidden', lowestName: '' } };
    return { ...r, params: { ...r.params, lowestName: organisations.get(id) ?? '' } };
  };
  return { ...score, reason: name(score.reason), parts: score.parts.map((p) => ({ ...p, reason: name(p.reason) })) };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** One period's indicators for the API: names added; member-level rows left out unless `seesMembers`. */
export function indicatorsView(ind: Indicators, names: Names, seesMembers: boolean, hidden: Set<string> = new Set()): IndicatorsView {
  const shown = (key: string) => !hidden.has(key);
  const shownGroup = (key: string) => !hidden.has(`group:${key}`);
  const org = (key: string) => (key === 'none' ? '' : (names.organisations.get(key) ?? ''));
  const person = (key: string) => names.users.get(key) ?? '';
  const members = <T>(rows: T[]) => (seesMembers ? rows : []);
  return {
    from: ind.period.from.toISOString(),
    to: ind.period.to.toISOString(),
    groupSize: ind.groupSize,
    regularity: ind.regularity,
    attendance: {
      members: members(ind.attendance.members.map((r) => ({ ...r, name: person(r.key) }))),
      organisations: ind.attendance.organisations.filter((r) => shown(r.key)).map((r) => ({ ...r, name: org(r.key) })),
      overall: ind.attendance.overall,
    },
    voice: {
      total: ind.voice.total,
      byKind: ind.voice.byKind,
      evenness: ind.voice.evenness,
      evennessByKind: ind.voice.evennessByKind,
      perMember: members(ind.voice.perMember.map((r) => ({ ...r, name: person(r.key) }))),
      perOrganisation: ind.voice.perOrganisation.filter((r) => shown(r.key)).map((r) => ({ ...r, name: org(r.key) })),
      perGroup: ind.voice.perGroup.filter((r) => shownGroup(r.key)).map((r) => ({ ...r, name: r.key })),
    },
    reciprocity: {
      brings: ind.reciprocity.brings.filter((b) => shown(b.organisationId)).map((b) => ({ ...b, name: org(b.organisationId) })),
      flows: ind.reciprocity.flows.filter((f) => shown(f.from) && shown(f.to)).map((f) => ({ ...f, fromName: org(f.from), toName: org(f.to) })),
      index: ind.reciprocity.index,
    },
    chairing: {
      heldMeetings: ind.chairing.heldMeetings,
      chairedWithProgramme: ind.chairing.chairedWithProgramme,
      perChair: members(ind.chairing.perChair.map((r) => ({ key: r.userId, name: person(r.userId), count: r.count }))),
      distinctChairs: ind.chairing.distinctChairs,
      topShare: ind.chairing.topShare,
    },
    ambition: { ...ind.ambition, ambitionRevisedAt: iso(ind.ambition.ambitionRevisedAt), endProductRevisedAt: iso(ind.ambition.endProductRevisedAt) },
    // A meeting's mean of one or two check-outs would give a person's score to the others.
    checkOuts: { ...ind.checkOuts, perMeeting: ind.checkOuts.perMeeting.filter((m) => m.count >= minimumAnswers).map((m) => ({ ...m, date: m.date.toISOString() })) },
    time: ind.time,
  };
}

export function quarterRow(key: string, ind: Indicators, scores: ConditionScore[]): QuarterRow {
  return {
    quarter: key,
    from: ind.period.from.toISOString(),
    to: ind.period.to.toISOString(),
    scores: cells(scores),
    groupSize: ind.groupSize.count,
    held: ind.regularity.held,
    cancelled: ind.regularity.cancelled,
    medianGapDays: ind.regularity.medianGapDays,
    longestGapDays: ind.regularity.longestGapDays,
    attendance: ind.attendance.overall,
    voiceEvenness: ind.voice.evenness.members,
    reciprocity: ind.reciprocity.index,
    distinctChairs: ind.chairing.distinctChairs,
    referringShare: ind.ambition.referringShare,
    checkOutMean: ind.checkOuts.mean,
    timeStated: ind.time.stated,
    contributions: ind.voice.total,
  };
}

/** Closed evaluations with their scores, in the order they closed. */
function snapshots(evals: EvaluationRow[]) {
  return evals
    .filter((e): e is EvaluationRow & { closedAt: Date } => e.closedAt !== null && Array.isArray(e.snapshot))
    .map((e) => ({ e, scores: e.snapshot as ConditionScore[] }))
    .sort((a, b) => a.e.closedAt.getTime() - b.e.closedAt.getTime());
}

/** Each action with its effect: the condition's score at the first evaluation closed after it was recorded. */
export function actionViews(actions: ActionRow[], evals: EvaluationRow[], users: Map<string, string>): ImprovementAction[] {
  const snaps = snapshots(evals);
  return actions.map((a) => {
    const next = snaps.find((s) => s.e.closedAt > a.createdAt);
    const score = next ? (next.scores.find((s) => s.condition === a.condition)?.score ?? null) : null;
    return {
      id: a.id,
      condition: a.condition as ImprovementAction['condition'],
      what: a.what,
      ownerUserId: a.ownerUserId,
      ownerName: a.ownerUserId ? (users.get(a.ownerUserId) ?? '') : '',
      dueDate: a.dueDate,
      baselineScore: a.baselineScore,
      createdAt: a.createdAt.toISOString(),
      createdBy: a.createdBy ? (users.get(a.createdBy) ?? null) : null,
      done: a.done,
      version: a.version,
      effect: next
        ? { evaluationId: next.e.id, closedAt: next.e.closedAt.toISOString(), score, delta: score !== null && a.baselineScore !== null ? score - a.baselineScore : null }
        : null,
    };
  });
}

/** The loop: per closed evaluation its critical factor, and the actions recorded until the next one. */
export function historyOf(evals: EvaluationRow[], actions: ActionRow[], answered: Map<string, number>): HistoryEntry[] {
  const snaps = snapshots(evals);
  return snaps.map((s, i) => {
    const until = snaps[i + 1]?.e.closedAt ?? null;
    return {
      evaluationId: s.e.id,
      title: s.e.title,
      closedAt: s.e.closedAt.toISOString(),
      answered: answered.get(s.e.id) ?? 0,
      criticalFactor: criticalFactor(s.scores),
      scores: cells(s.scores),
      actionIds: actions.filter((a) => a.createdAt >= s.e.closedAt && (until === null || a.createdAt < until)).map((a) => a.id),
    };
  });
}
