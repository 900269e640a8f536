import { evaluationItems } from '../../../contracts/conditions';
import type { AnswerEvaluationBody, CreateActionBody, Evaluation, EvaluationList, ImprovementAction, OpenEvaluationBody } from '../../../contracts/monitor';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { conflict, fieldError, forbidden, notFound } from '../../lib/errors';
import { scheduleJob } from '../../lib/jobs';
import type { SessionUser } from '../../plugins/auth';
import { requireMonitor } from '../monitor/monitor.access';
import { monitorPolicy, type MonitorAccess } from '../monitor/monitor.policy';
import { CLOSE_JOB, OPENED_JOB, compute, settleEvaluations } from '../monitor/monitor.service';
import { actionViews } from '../monitor/monitor.view';
import * as repo from './evaluations.repository';
import { evaluationView, statusOf } from './evaluations.view';

const WEEK = 7 * 86_400_000;

/** The access check evaluation-level use-cases start with. */
async function requireEvaluation(ctx: AppContext, me: SessionUser, evaluationId: string, action: 'view' | 'answer' | 'evaluate', db: DbOrTx = ctx.db) {
  const e = await repo.findEvaluation(db, evaluationId);
  if (!e) throw notFound();
  const { community, access } = await requireMonitor(ctx, me, e.communityId, action, db);
  return { evaluation: e, community, access };
}

async function viewOf(db: DbOrTx, me: SessionUser, e: repo.EvaluationRow, access: MonitorAccess, now: Date): Promise<Evaluation> {
  const [participation, participants, answers, names] = await Promise.all([
    repo.participationOf(db, [e.id], me.id),
    repo.participantCount(db, e.communityId),
    statusOf(e, now) === 'closed' ? repo.answersOf(db, [e.id]) : Promise.resolve([]),
    repo.userNames(db, e.openedBy ? [e.openedBy] : []),
  ]);
  return evaluationView(
    e,
    {
      answers,
      answered: participation.counts.get(e.id) ?? 0,
      iAnswered: participation.mine.has(e.id),
      participants,
      openedBy: e.openedBy ? (names.get(e.openedBy) ?? null) : null,
      canAnswer: monitorPolicy.answer(access),
      canClose: monitorPolicy.evaluate(access),
    },
    now,
  );
}

export async function listEvaluations(ctx: AppContext, me: SessionUser, communityId: string): Promise<EvaluationList> {
  const { community, access } = await requireMonitor(ctx, me, communityId, 'view');
  const now = ctx.now();
  await settleEvaluations(ctx.db, community, now);
  const rows = await repo.listEvaluations(ctx.db, communityId);
  return { evaluations: await Promise.all(rows.map((e) => viewOf(ctx.db, me, e, access, now))), canOpen: monitorPolicy.evaluate(access) };
}

export async function getEvaluation(ctx: AppContext, me: SessionUser, evaluationId: string): Promise<Evaluation> {
  const { evaluation, community, access } = await requireEvaluation(ctx, me, evaluationId, 'view');
  const now = ctx.now();
  await settleEvaluations(ctx.db, community, now);
  return viewOf(ctx.db, me, (await repo.findEvaluation(ctx.db, evaluation.id)) ?? evaluation, access, now);
}

/** Opens an evaluation (coordinators and researchers); it closes by itself at its closing time. */
export async function openEvaluation(ctx: AppContext, me: SessionUser, communityId: string, body: OpenEvaluationBody): Promise<Evaluation> {
  const { community, access } = await requireMonitor(ctx, me, communityId, 'evaluate');
  const now = ctx.now();
  const opensAt = body.opensAt ? new Date(body.opensAt) : now;
  const closesAt = new Date(body.closesAt);
  if (closesAt <= now) throw fieldError('closesAt', 'closesInPast');
  if (closesAt <= opensAt) throw fieldError('closesAt', 'closesBeforeOpens');
  if (opensAt.getTime() < now.getTime() - 60_000) throw fieldError('opensAt', 'opensInPast');
  const e = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertEvaluation(tx, {
      networkId: community.networkId,
      communityId,
      title: body.title ?? '',
      opensAt,
      closesAt,
      openQuestions: body.openQuestions ?? [],
      openedBy: me.id,
      createdAt: now,
    });
    await scheduleJob(tx, { kind: CLOSE_JOB, key: `${CLOSE_JOB}:${row.id}`, runAt: closesAt, payload: { evaluationId: row.id } });
    // The invitation to answer goes when it opens (now, or at the chosen opening time).
    await scheduleJob(tx, { kind: OPENED_JOB, key: `${OPENED_JOB}:${row.id}`, runAt: opensAt, payload: { evaluationId: row.id } });
    return row;
  });
  return viewOf(ctx.db, me, e, access, now);
}

/**
 * Answers an evaluation once. Who answered and what they answered are stored apart, so no route (and
 * no query) can join them. The last participant's answer closes it.
 */
export async function answerEvaluation(ctx: AppContext, me: SessionUser, evaluationId: string, body: AnswerEvaluationBody): Promise<Evaluation> {
  const { evaluation, community, access } = await requireEvaluation(ctx, me, evaluationId, 'answer');
  const now = ctx.now();
  if (body.openAnswers.length > evaluation.openQuestions.length) throw fieldError('openAnswers', 'tooMany');
  await ctx.db.transaction(async (tx) => {
    const e = (await repo.lockEvaluation(tx, evaluationId)) ?? evaluation;
    const status = statusOf(e, now);
    if (status === 'scheduled') throw conflict('evaluationNotOpen');
    if (status === 'closed') throw conflict('evaluationClosed');
    if (!(await repo.markAnswered(tx, e.id, e.networkId, me.id))) throw conflict('alreadyAnswered');
    await repo.insertAnswer(tx, {
      evaluationId: e.id,
      networkId: e.networkId,
      scores: Object.fromEntries(evaluationItems.map((i) => [i, body.scores[i]])),
      openAnswers: evaluation.openQuestions.map((_, i) => body.openAnswers[i] ?? ''),
    });
    const everyone = await repo.participantIds(tx, e.communityId);
    const { counts } = await repo.participationOf(tx, [e.id], me.id);
    if ((counts.get(e.id) ?? 0) >= everyone.length) {
      await repo.closeEvaluation(tx, e.id, now, everyone.length);
      await settleEvaluations(tx, community, now);
    }
  });
  return viewOf(ctx.db, me, (await repo.findEvaluation(ctx.db, evaluationId)) ?? evaluation, access, now);
}

/** Closes an evaluation before its closing time (coordinators and researchers). */
export async function closeEvaluation(ctx: AppContext, me: SessionUser, evaluationId: string): Promise<Evaluation> {
  const { evaluation, community, access } = await requireEvaluation(ctx, me, evaluationId, 'evaluate');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const e = (await repo.lockEvaluation(tx, evaluationId)) ?? evaluation;
    if (statusOf(e, now) === 'closed') throw conflict('evaluationClosed');
    await repo.closeEvaluation(tx, e.id, now, await repo.participantCount(tx, e.communityId));
    await settleEvaluations(tx, community, now);
  });
  return viewOf(ctx.db, me, (await repo.findEvaluation(ctx.db, evaluationId)) ?? evaluation, access, now);
}

// ----- improvement actions --------------------------------------------------------------------
async function actionView(db: DbOrTx, communityId: string, a: repo.ActionRow): Promise<ImprovementAction> {
  const [evals, names] = await Promise.all([repo.listEvaluations(db, communityId), repo.userNames(db, [a.ownerUserId, a.createdBy].filter((x): x is string => x !== null))]);
  return actionViews([a], evals, names)[0]!;
}

/** Records what the community does about a condition: what, who (a member), by when. */
export async function createAction(ctx: AppContext, me: SessionUser, communityId: string, body: CreateActionBody): Promise<ImprovementAction> {
  const { community } = await requireMonitor(ctx, me, communityId, 'act');
  const now = ctx.now();
  if (!(await repo.isMemberOf(ctx.db, communityId, body.ownerUserId))) throw fieldError('ownerUserId', 'notAMember');
  const due = Date.parse(`${body.dueDate}T23:59:59Z`);
  if (due < now.getTime() - 86_400_000) throw fieldError('dueDate', 'dateInPast');
  if (due > now.getTime() + 104 * WEEK) throw fieldError('dueDate', 'dateTooFar');
  const c = await compute(ctx.db, community, now);
  const baselineScore = c.current.scores.find((s) => s.condition === body.condition)?.score ?? null;
  const row = await repo.insertAction(ctx.db, {
    networkId: community.networkId,
    communityId,
    condition: body.condition,
    what: body.what,
    ownerUserId: body.ownerUserId,
    dueDate: body.dueDate,
    baselineScore,
    createdBy: me.id,
    createdAt: now,
  });
  return actionView(ctx.db, communityId, row);
}

/** Marks an action done (or not); 409 staleVersion when someone else changed it first. */
export async function updateAction(ctx: AppContext, me: SessionUser, actionId: string, body: { version: number; done: boolean }): Promise<ImprovementAction> {
  const found = await repo.findAction(ctx.db, actionId);
  if (!found) throw notFound();
  const { access } = await requireMonitor(ctx, me, found.communityId, 'view');
  if (!monitorPolicy.act(access)) throw forbidden();
  const row = await repo.updateAction(ctx.db, actionId, body.version, body.done, ctx.now());
  if (!row) throw conflict('staleVersion');
  return actionView(ctx.db, found.communityId, row);
}
