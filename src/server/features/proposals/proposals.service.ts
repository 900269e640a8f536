import type { AppContext } from '../../context';
import type { DbOrTx, Tx } from '../../db/client';
import { AppError, conflict, fieldError, forbidden, staleVersion } from '../../lib/errors';
import { cancelJobs, scheduleJob } from '../../lib/jobs';
import type { SessionUser } from '../../plugins/auth';
import { acceptsResponses, closesByItself, fitsProcess, mayCloseEarly, needsReason, resultOf, type Quorum } from '../../../contracts/decision-rules';
import type { AmendProposalBody, CommentBody, CreateProposalBody, DecisionLog, OutcomeBody, ParticipationView, ProposalList, RespondBody } from '../../../contracts/decisions';
import { fromZoned, toZoned } from '../../../contracts/zoned';
import { accessTo, requireCommunity, requireProposal } from './proposals.access';
import { queueProposalMails, type ProposalMailFacts } from './proposals.mails';
import { proposalPolicy, type ProposalAccess } from './proposals.policy';
import * as repo from './proposals.repository';
import { factsOf, outcomeOf, participationView, proposalView, situation, summaryOf, type Situation } from './proposals.view';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Review dates are days; the reminder goes out that morning, Dutch time. */
const REVIEW_ZONE = 'Europe/Amsterdam';
const REVIEW_TIME = '09:00';

export const JOB = { close: 'proposal.close', closingSoon: 'proposal.closingSoon', review: 'decision.review' } as const;
const keys = (id: string) => ({ close: `proposalClose:${id}`, closingSoon: `proposalClosingSoon:${id}`, review: `decisionReview:${id}` });

// ----- time-based steps ----------------------------------------------------------------------
/** Closing at the closing time, and "closing soon" a day before (skipped when that is less than an hour away). */
async function scheduleClosing(ctx: AppContext, tx: DbOrTx, p: Pick<repo.ProposalRow, 'id' | 'closesAt'>) {
  const k = keys(p.id);
  // The close job is running right now (it holds its row and waits for the proposal we hold): it is
  // closing time, so the proposal is decided. Waiting for its row here would deadlock.
  if (await repo.jobRunning(tx, k.close)) throw conflict('proposalClosed');
  if (!p.closesAt) return repo.cancelIdleJobs(tx, [k.close, k.closingSoon]);
  const payload = { proposalId: p.id, closesAt: p.closesAt.toISOString() };
  await scheduleJob(tx, { kind: JOB.close, key: k.close, runAt: p.closesAt, payload }, { again: true });
  const soon = new Date(p.closesAt.getTime() - DAY);
  if (soon.getTime() > ctx.now().getTime() + HOUR) await scheduleJob(tx, { kind: JOB.closingSoon, key: k.closingSoon, runAt: soon, payload }, { again: true });
  else await cancelJobs(tx, [k.closingSoon]);
}

async function mailFacts(tx: DbOrTx, p: repo.ProposalRow, extra: Partial<ProposalMailFacts> = {}): Promise<ProposalMailFacts> {
  const community = await repo.communityName(tx, p.communityId);
  return { proposal: p, communityName: community?.name ?? '', ...extra };
}

/** Closes an open proposal inside the caller's lock: result and participation by the rules, mails queued. */
async function closeIn(ctx: AppContext, tx: DbOrTx, p: repo.ProposalRow, s: Situation, by: string | null, now: Date) {
  const result = resultOf(factsOf(p), s.evaluation);
  const part = participationView(p, s);
  // Decided at its closing time, even when the job or the read that settles it comes later.
  const closedAt = by === null && p.closesAt && p.closesAt <= now ? p.closesAt : now;
  await repo.updateProposal(tx, p.id, { status: 'closed', result, participation: part as unknown as Record<string, unknown>, closedAt, closedBy: by, updatedAt: now });
  const k = keys(p.id);
  await repo.cancelIdleJobs(tx, [k.close, k.closingSoon]);
  const community = await repo.communityName(tx, p.communityId);
  const meeting = p.meetingId ? await repo.meetingOf(tx, p.meetingId) : null;
  const to = await repo.recipients(tx, p.communityId);
  // Everyone who may write the outcome (proposalPolicy.steward) is told so.
  const byRole = to.filter((r) => r.roles.includes('chair') || r.roles.includes('coordinator')).map((r) => r.userId);
  const stewards = new Set([p.proposerId, community?.fixedChairUserId, meeting?.chairUserId, ...byRole].filter((x): x is string => !!x));
  const closed = { ...p, status: 'closed', result, closedAt };
  await queueProposalMails(ctx, tx, 'proposalClosed', to, await mailFacts(tx, closed, { result, participation: part, stewards }));
}

/** Closes a proposal whose closing time has come (the job, or a read that finds the job late). */
async function settle(ctx: AppContext, tx: DbOrTx, proposalId: string, now: Date) {
  const p = await repo.lockProposal(tx, proposalId);
  if (!p || p.status !== 'open' || !p.closesAt || p.closesAt > now) return null;
  await closeIn(ctx, tx, p, await situation(tx, p, now), null, now);
  return p;
}

async function settleOverdue(ctx: AppContext, communityId: string) {
  const due = await repo.overdueIn(ctx.db, communityId, ctx.now());
  for (const id of due) {
    const p = await ctx.db.transaction((tx) => settle(ctx, tx, id, ctx.now()));
    if (p) await changed(ctx, p, null);
  }
}

/** After commit: live rooms showing the proposal follow, queued mail goes out. */
async function changed(ctx: AppContext, p: Pick<repo.ProposalRow, 'id' | 'communityId'>, by: string | null) {
  ctx.jobs.kick();
  await ctx.events.emit('proposal.changed', { proposalId: p.id, communityId: p.communityId, byUserId: by });
}

export function registerProposalJobs(ctx: AppContext) {
  ctx.jobs.register(JOB.close, async (tx, job, now, afterCommit) => {
    const p = await settle(ctx, tx, String(job.payload.proposalId), now);
    if (p) afterCommit(() => changed(ctx, p, null));
  });
  ctx.jobs.register(JOB.closingSoon, async (tx, job, now) => {
    const p = await repo.findProposal(tx, String(job.payload.proposalId));
    // An amendment may have moved the closing time since this was planned.
    if (!p || p.status !== 'open' || !p.closesAt || p.closesAt.toISOString() !== job.payload.closesAt || p.closesAt <= now) return;
    const s = await situation(tx, p, now);
    const missing = new Set(s.evaluation.missing);
    await queueProposalMails(ctx, tx, 'proposalClosingSoon', (await repo.recipients(tx, p.communityId)).filter((r) => missing.has(r.userId)), await mailFacts(tx, p));
  });
  ctx.jobs.register(JOB.review, async (tx, job) => {
    const p = await repo.findProposal(tx, String(job.payload.proposalId));
    if (!p || p.status !== 'closed' || p.reviewDate !== job.payload.reviewDate) return;
    await queueProposalMails(ctx, tx, 'decisionReview', await repo.recipients(tx, p.communityId), await mailFacts(tx, p));
  });
}

// ----- reading -------------------------------------------------------------------------------
export async function listProposals(ctx: AppContext, me: SessionUser, communityId: string, status: 'open' | 'closed' | 'all' = 'all'): Promise<ProposalList> {
  const { access } = await requireCommunity(ctx, me, communityId, 'view');
  await settleOverdue(ctx, communityId);
  const [rows, quorum] = await Promise.all([repo.listProposals(ctx.db, communityId, me.id, status), repo.communityQuorum(ctx.db, communityId)]);
  return {
    communityId,
    quorum: quorum as Quorum,
    proposals: rows.map((r) => summaryOf(r, proposalPolicy.respond(access))),
    mayPropose: proposalPolicy.propose(access),
    mayConfigure: proposalPolicy.configure(access),
  };
}

export async function getProposal(ctx: AppContext, me: SessionUser, proposalId: string) {
  const { proposal: p } = await requireProposal(ctx, me, proposalId, 'view');
  if (p.status === 'open' && p.closesAt && p.closesAt <= ctx.now()) await settleOverdue(ctx, p.communityId);
  return viewFor(ctx, me, proposalId);
}

async function viewFor(ctx: AppContext, me: SessionUser, proposalId: string, db: DbOrTx = ctx.db) {
  const p = (await repo.findProposal(db, proposalId))!;
  const access = (await accessTo(db, me, p))!;
  return proposalView(db, me.id, p, access, ctx.now());
}

export async function decisionLog(ctx: AppContext, me: SessionUser, communityId: string): Promise<DecisionLog> {
  await requireCommunity(ctx, me, communityId, 'view');
  await settleOverdue(ctx, communityId);
  const rows = await repo.closedProposals(ctx.db, communityId);
  const names = await repo.userNames(ctx.db, [...new Set(rows.map((r) => r.proposal.outcomeBy).filter((x): x is string => x !== null))]);
  return {
    communityId,
    decisions: rows.map(({ proposal: p, proposerName, meetingTitle, meetingStartsAt }) => ({
      id: p.id,
      title: p.title,
      process: factsOf(p).process,
      result: (p.result ?? 'notPassed') as 'passed' | 'notPassed' | 'advised',
      closedAt: (p.closedAt ?? p.updatedAt).toISOString(),
      proposer: p.proposerId && proposerName !== null ? { userId: p.proposerId, name: proposerName } : null,
      outcome: outcomeOf(p, names),
      participation: (p.participation ?? { participants: 0, responded: 0, positions: {}, organisations: [], stakeholderGroups: [] }) as unknown as ParticipationView,
      meeting: p.meetingId && meetingTitle !== null && meetingStartsAt ? { id: p.meetingId, title: meetingTitle, startsAt: meetingStartsAt.toISOString() } : null,
      round: p.round,
    })),
  };
}

// ----- proposing -----------------------------------------------------------------------------
function assertFuture(ctx: AppContext, closesAt: string | null) {
  if (closesAt !== null && Date.parse(closesAt) <= ctx.now().getTime()) throw fieldError('closesAt', 'closesInPast');
}

/** A programme item's meeting must be the community's, and the item the meeting's. */
async function linkOf(db: DbOrTx, communityId: string, body: Pick<CreateProposalBody, 'meetingId' | 'agendaItemId'>) {
  let meetingId = body.meetingId ?? null;
  const agendaItemId = body.agendaItemId ?? null;
  if (agendaItemId) {
    const item = await repo.agendaItemOf(db, agendaItemId);
    if (!item || (meetingId !== null && item.meetingId !== meetingId)) throw fieldError('agendaItemId', 'agendaItemNotInMeeting');
    meetingId = item.meetingId;
  }
  if (meetingId) {
    const meeting = await repo.meetingOf(db, meetingId);
    if (!meeting || meeting.communityId !== communityId) throw fieldError(body.meetingId ? 'meetingId' : 'agendaItemId', 'meetingNotInCommunity');
  }
  return { meetingId, agendaItemId };
}

export async function createProposal(ctx: AppContext, me: SessionUser, communityId: string, body: CreateProposalBody) {
  const { community } = await requireCommunity(ctx, me, communityId, 'propose');
  assertFuture(ctx, body.closesAt);
  const now = ctx.now();
  const p = await ctx.db.transaction(async (tx) => {
    const link = await linkOf(tx, communityId, body);
    const row = await repo.insertProposal(tx, {
      networkId: community.networkId,
      communityId,
      ...link,
      proposerId: me.id,
      title: body.title,
      body: body.body,
      background: body.background ?? '',
      process: body.process,
      quorum: await repo.communityQuorum(tx, communityId),
      closesAt: body.closesAt ? new Date(body.closesAt) : null,
      createdAt: now,
      updatedAt: now,
    });
    await scheduleClosing(ctx, tx, row);
    const others = (await repo.recipients(tx, communityId)).filter((r) => r.userId !== me.id);
    await queueProposalMails(ctx, tx, 'proposalOpened', others, await mailFacts(tx, row, { actorName: me.name }));
    return row;
  });
  await changed(ctx, p, me.id);
  return viewFor(ctx, me, p.id);
}

/** Runs a change of one proposal inside its lock; afterwards rooms follow and mail goes out. */
async function change(ctx: AppContext, me: SessionUser, proposalId: string, action: Parameters<typeof requireProposal>[3], step: (tx: Tx, p: repo.ProposalRow, access: ProposalAccess, now: Date) => Promise<void>) {
  const p = await ctx.db.transaction(async (tx) => {
    const { proposal, access } = await requireProposal(ctx, me, proposalId, action, tx, true);
    await step(tx, proposal, access, ctx.now());
    return proposal;
  });
  await changed(ctx, p, me.id);
  return viewFor(ctx, me, proposalId);
}

const assertOpen = (p: repo.ProposalRow, now: Date) => {
  if (!acceptsResponses(factsOf(p), now.toISOString())) throw conflict('proposalClosed');
};

export function respond(ctx: AppContext, me: SessionUser, proposalId: string, body: RespondBody) {
  return change(ctx, me, proposalId, 'respond', async (tx, p, access, now) => {
    assertOpen(p, now);
    if (p.process === 'advice' && p.proposerId === me.id) throw forbidden();
    if (body.round !== undefined && body.round !== p.round) throw new AppError(409, 'proposalAmended', {}, [], {}, await proposalView(tx, me.id, p, access, now));
    if (!fitsProcess(factsOf(p).process, body.position)) throw fieldError('position', 'positionNotInProcess');
    const reason = body.reason?.trim() ?? '';
    if (needsReason(body.position) && !reason) throw fieldError('reason', 'reasonRequired');
    const existing = await repo.findResponse(tx, p.id, me.id);
    if (existing?.version !== (body.baseVersion ?? undefined)) {
      // Another tab (or an earlier click) got there first: show what is stored instead of overwriting it.
      const mine = (await proposalView(tx, me.id, p, access, now)).myResponse;
      if (body.baseVersion === null) throw new AppError(409, 'alreadyResponded', {}, [], {}, mine);
      throw staleVersion(mine);
    }
    await repo.saveResponse(tx, { networkId: p.networkId, proposalId: p.id, userId: me.id, position: body.position, reason, round: p.round, version: existing?.version ?? null, at: now });
    const s = await situation(tx, p, now);
    if (closesByItself(factsOf(p), s.evaluation)) await closeIn(ctx, tx, p, s, null, now);
  });
}

export function amendProposal(ctx: AppContext, me: SessionUser, proposalId: string, body: AmendProposalBody) {
  return change(ctx, me, proposalId, 'amend', async (tx, p, access, now) => {
    assertOpen(p, now);
    if (p.version !== body.version) throw staleVersion(await proposalView(tx, me.id, p, access, now));
    assertFuture(ctx, body.closesAt);
    await repo.insertRevision(tx, {
      networkId: p.networkId,
      proposalId: p.id,
      round: p.round,
      title: p.title,
      body: p.body,
      background: p.background,
      closesAt: p.closesAt,
      note: body.note,
      amendedBy: me.id,
      amendedAt: now,
    });
    const next = { title: body.title, body: body.body, background: body.background ?? '', closesAt: body.closesAt ? new Date(body.closesAt) : null, round: p.round + 1, updatedAt: now };
    await repo.updateProposal(tx, p.id, next);
    const amended = { ...p, ...next };
    await scheduleClosing(ctx, tx, amended);
    const others = (await repo.recipients(tx, p.communityId)).filter((r) => r.userId !== me.id);
    await queueProposalMails(ctx, tx, 'proposalAmended', others, await mailFacts(tx, amended, { actorName: me.name }));
    // A "when everyone has responded" proposal nobody needs to re-confirm (nobody responded yet) stays open.
  });
}

export async function withdrawProposal(ctx: AppContext, me: SessionUser, proposalId: string, body: { version: number; reason: string }) {
  const { proposal: found } = await requireProposal(ctx, me, proposalId, 'withdraw');
  if (found.status === 'open' && found.closesAt && found.closesAt <= ctx.now()) await settleOverdue(ctx, found.communityId);
  return change(ctx, me, proposalId, 'withdraw', async (tx, p, access, now) => {
    if (p.status !== 'open') throw conflict('proposalClosed');
    // Its closing time has come: it is decided (the job may be late), not withdrawn.
    if (p.closesAt && p.closesAt <= now) throw conflict('proposalClosed');
    if (p.version !== body.version) throw staleVersion(await proposalView(tx, me.id, p, access, now));
    await repo.updateProposal(tx, p.id, { status: 'withdrawn', withdrawnReason: body.reason, closedAt: now, closedBy: me.id, updatedAt: now });
    const k = keys(p.id);
    await repo.cancelIdleJobs(tx, [k.close, k.closingSoon]);
  });
}

/** Closing by hand: only once every voice has been heard (or the closing time has come). Of two closes, the second gets 409. */
export function closeProposal(ctx: AppContext, me: SessionUser, proposalId: string, body: { version: number }) {
  return change(ctx, me, proposalId, 'steward', async (tx, p, access, now) => {
    if (p.status !== 'open') throw conflict('proposalClosed');
    if (p.version !== body.version) throw staleVersion(await proposalView(tx, me.id, p, access, now));
    const s = await situation(tx, p, now);
    if (!mayCloseEarly(factsOf(p), s.evaluation)) throw conflict(s.evaluation.everyoneResponded ? 'blockNotAnswered' : 'notEveryoneResponded');
    await closeIn(ctx, tx, p, s, me.id, now);
  });
}

/** The proposer's or chair's one reminder per wording, only to those without a current response. */
export function remind(ctx: AppContext, me: SessionUser, proposalId: string) {
  return change(ctx, me, proposalId, 'steward', async (tx, p, _access, now) => {
    assertOpen(p, now);
    if (p.reminderRound === p.round) throw conflict('reminderAlreadySent');
    const s = await situation(tx, p, now);
    const missing = new Set(s.evaluation.missing);
    await repo.updateProposal(tx, p.id, { reminderRound: p.round, reminderSentAt: now }, false);
    // Not to the one who sends it (like the opened and amended mails): they know.
    const to = (await repo.recipients(tx, p.communityId)).filter((r) => missing.has(r.userId) && r.userId !== me.id);
    await queueProposalMails(ctx, tx, 'proposalReminder', to, await mailFacts(tx, p, { actorName: me.name }));
  });
}

export async function writeOutcome(ctx: AppContext, me: SessionUser, proposalId: string, body: OutcomeBody) {
  // A proposal whose closing time has come is closed first (when the job runner is late).
  const { proposal: found } = await requireProposal(ctx, me, proposalId, 'steward');
  if (found.status === 'open' && found.closesAt && found.closesAt <= ctx.now()) await settleOverdue(ctx, found.communityId);
  return change(ctx, me, proposalId, 'steward', async (tx, p, access, now) => {
    if (p.status === 'open') throw conflict('proposalNotClosed');
    if (p.status !== 'closed') throw conflict('proposalClosed');
    if (p.outcomeVersion !== body.version) throw staleVersion(await proposalView(tx, me.id, p, access, now));
    const today = toZoned(now, REVIEW_ZONE).date;
    // A review date that has come may stay when the statement is corrected; a new one must lie ahead.
    if (body.reviewDate !== null && body.reviewDate !== p.reviewDate && body.reviewDate <= today) throw fieldError('reviewDate', 'dateInPast');
    const set = { outcomeStatement: body.statement, reviewDate: body.reviewDate, outcomeBy: me.id, outcomeAt: now, outcomeVersion: p.outcomeVersion + 1, updatedAt: now };
    await repo.updateProposal(tx, p.id, set, false);
    const k = keys(p.id);
    if (body.reviewDate === p.reviewDate) {
      // Unchanged: the reminder stays as planned (or sent).
    } else if (body.reviewDate) {
      const runAt = fromZoned(body.reviewDate, REVIEW_TIME, REVIEW_ZONE);
      await scheduleJob(tx, { kind: JOB.review, key: k.review, runAt, payload: { proposalId: p.id, reviewDate: body.reviewDate } }, { again: true });
    } else await cancelJobs(tx, [k.review]);
    // Everyone hears the outcome once, when it is first written; corrections do not mail again.
    if (p.outcomeVersion === 0) {
      await queueProposalMails(ctx, tx, 'proposalOutcome', await repo.recipients(tx, p.communityId), await mailFacts(tx, { ...p, ...set }, { result: (p.result ?? 'notPassed') as 'passed' }));
    }
  });
}

export async function addComment(ctx: AppContext, me: SessionUser, proposalId: string, body: CommentBody) {
  const { proposal: p } = await requireProposal(ctx, me, proposalId, 'comment');
  let parentId = body.parentId ?? null;
  if (parentId) {
    const parent = await repo.findComment(ctx.db, parentId);
    if (!parent || parent.proposalId !== p.id) throw fieldError('parentId', 'parentNotInThread');
    // One level of replies: a reply to a reply joins its thread.
    parentId = parent.parentId ?? parent.id;
  }
  const c = await repo.insertComment(ctx.db, { networkId: p.networkId, proposalId: p.id, parentId, authorId: me.id, body: body.body, createdAt: ctx.now() });
  return { id: c.id, parentId: c.parentId, author: { userId: me.id, name: me.name }, body: c.body, createdAt: c.createdAt.toISOString() };
}

export async function setQuorum(ctx: AppContext, me: SessionUser, communityId: string, quorum: Quorum) {
  await requireCommunity(ctx, me, communityId, 'configure');
  await repo.setCommunityQuorum(ctx.db, communityId, quorum, ctx.now());
  return listProposals(ctx, me, communityId);
}
