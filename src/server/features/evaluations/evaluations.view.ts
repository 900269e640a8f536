import { evaluationItems, minimumAnswers, type EvaluationItem } from '../../../contracts/conditions';
import type { Evaluation } from '../../../contracts/monitor';
import type { AnswerRow, EvaluationRow } from './evaluations.repository';

export type EvaluationStatus = Evaluation['status'];

export function statusOf(e: EvaluationRow, now: Date): EvaluationStatus {
  if (e.closedAt !== null || e.closesAt <= now) return 'closed';
  return e.opensAt <= now ? 'open' : 'scheduled';
}

/** Whether the aggregate may be shown: only once closed, and only with at least three answers. */
export function hiddenBecause(e: EvaluationRow, answered: number, now: Date): Evaluation['hidden'] {
  if (statusOf(e, now) !== 'closed') return 'open';
  return answered < minimumAnswers ? 'tooFew' : null;
}

/** Mean, count and distribution (counts of 1…5) per item; open answers per question in alphabetical order. */
export function aggregate(e: EvaluationRow, answers: AnswerRow[]): NonNullable<Evaluation['aggregate']> {
  const items = evaluationItems.map((item) => {
    const values = answers.map((a) => a.scores[item]).filter((v): v is number => typeof v === 'number');
    const distribution = [1, 2, 3, 4, 5].map((n) => values.filter((v) => v === n).length);
    const mean = values.length === 0 ? 0 : Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100;
    return { item, mean, count: values.length, distribution };
  });
  const openAnswers = e.openQuestions.map((question, i) => ({
    question,
    answers: answers
      .map((a) => a.openAnswers[i] ?? '')
      .filter((t) => t.trim() !== '')
      .sort((x, y) => x.localeCompare(y, 'nl')),
  }));
  return { items, openAnswers };
}

/** The item means the condition scores take in, or null when the aggregate may not be shown. */
export function itemMeans(e: EvaluationRow, answers: AnswerRow[], now: Date): Partial<Record<EvaluationItem, number>> | null {
  const mine = answers.filter((a) => a.evaluationId === e.id);
  if (hiddenBecause(e, mine.length, now) !== null) return null;
  return Object.fromEntries(aggregate(e, mine).items.filter((i) => i.count > 0).map((i) => [i.item, i.mean]));
}

export function evaluationView(
  e: EvaluationRow,
  facts: { answers: AnswerRow[]; answered: number; iAnswered: boolean; participants: number; openedBy: string | null; canAnswer: boolean; canClose: boolean },
  now: Date,
): Evaluation {
  const status = statusOf(e, now);
  const hidden = hiddenBecause(e, facts.answered, now);
  return {
    id: e.id,
    communityId: e.communityId,
    title: e.title,
    opensAt: e.opensAt.toISOString(),
    closesAt: e.closesAt.toISOString(),
    closedAt: (e.closedAt ?? (status === 'closed' ? e.closesAt : null))?.toISOString() ?? null,
    status,
    openQuestions: e.openQuestions,
    participants: e.participants ?? facts.participants,
    answered: facts.answered,
    openedBy: facts.openedBy,
    iAnswered: facts.iAnswered,
    canAnswer: facts.canAnswer && status === 'open' && !facts.iAnswered,
    canClose: facts.canClose && status !== 'closed',
    hidden,
    aggregate: hidden === null ? aggregate(e, facts.answers.filter((a) => a.evaluationId === e.id)) : null,
  };
}
