import { conditions, minimumAnswers, type ConditionScore, type EvaluationItem } from '../../../contracts/conditions';
import { networkMonitor as networkMonitorSchema, type CommunityMonitor, type MyTimeBody, type NetworkMonitor } from '../../../contracts/monitor';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { fieldError, forbidden, notFound } from '../../lib/errors';
import { scheduleJobOnce } from '../../lib/jobs';
import type { SessionUser } from '../../plugins/auth';
import { queueEvaluationOpened } from '../evaluations/evaluations.mails';
import * as evaluationsRepo from '../evaluations/evaluations.repository';
import { evaluationView, itemMeans } from '../evaluations/evaluations.view';
import { criticalFactor, scoreConditions } from './conditions';
import { indicators, lastQuarters, quarterOf, quarterPeriod, quiet, type CommunityFacts, type Indicators, type Period } from './indicators';
import { requireMonitor } from './monitor.access';
import { monitorPolicy, type MonitorAccess } from './monitor.policy';
import * as repo from './monitor.repository';
import { csvOfNetwork, csvOfQuarters } from './monitor.csv';
import { actionViews, cells, historyOf, indicatorsView, nameReasons, quarterRow } from './monitor.view';

const DAY = 86_400_000;
/** The critical factor is judged on the last six months. */
export const CURRENT_DAYS = 182;
/** The network view's trend compares with the same window this many days (a quarter) earlier. */
export const TREND_SHIFT_DAYS = 91;
/** Trend: this many quarters, the current one last. */
export const TREND_QUARTERS = 8;
/** A network view recomputes summaries older than this (in the background beyond a few). */
export const SUMMARY_MAX_AGE_MS = 60 * 60 * 1000;
/** Missing summaries a network view computes itself before handing the rest to the background job. */
export const INLINE_SUMMARIES = 10;
const REFRESH_JOB = 'monitor.refresh';
const REFRESH_BATCH = 10;
export const CLOSE_JOB = 'evaluation.close';
export const OPENED_JOB = 'evaluation.opened';

type CommunityRow = { id: string; networkId: string; question: string; ambition: string; endProduct: string; createdAt: Date };

/** Everything one computation of a community's monitor yields. */
export interface Computed {
  facts: CommunityFacts & { members: repo.MemberRow[] };
  evaluations: evaluationsRepo.EvaluationRow[];
  answers: evaluationsRepo.AnswerRow[];
  current: { period: Period; indicators: Indicators; scores: ConditionScore[]; critical: ConditionScore | null };
  /** The same six-month window one quarter earlier: what the network view's trend arrows compare with. */
  previous: { period: Period; scores: ConditionScore[] };
  quarters: { key: string; period: Period; indicators: Indicators; scores: ConditionScore[] }[];
}

/** The item means of the latest evaluation closed by `at` whose aggregate may be shown. */
function meansAt(evals: evaluationsRepo.EvaluationRow[], answers: evaluationsRepo.AnswerRow[], at: Date, now: Date): Partial<Record<EvaluationItem, number>> | null {
  const closed = evals
    .map((e) => ({ e, closedAt: e.closedAt ?? (e.closesAt <= now ? e.closesAt : null) }))
    .filter((x): x is { e: evaluationsRepo.EvaluationRow; closedAt: Date } => x.closedAt !== null && x.closedAt <= at)
    .sort((a, b) => b.closedAt.getTime() - a.closedAt.getTime());
  for (const { e } of closed) {
    const means = itemMeans(e, answers, now);
    if (means) return means;
  }
  return null;
}

/** When the community began: created, or its first member or meeting if the data goes back further. */
function beganAt(community: CommunityRow, facts: CommunityFacts): Date {
  let t = community.createdAt.getTime();
  for (const m of facts.members) t = Math.min(t, m.joinedAt.getTime());
  if (facts.meetings[0]) t = Math.min(t, facts.meetings[0].startsAt.getTime());
  return new Date(t);
}

const unscored = (): ConditionScore[] => conditions.map((condition) => ({ condition, score: null, reason: { code: 'noData', params: {} }, parts: [] }));

/** Loads a community's facts and computes its indicators and condition scores, now and per quarter. */
export async function compute(db: DbOrTx, community: CommunityRow, now: Date): Promise<Computed> {
  const [facts, evals] = await repo.reads(
    db,
    () => repo.loadFacts(db, community, now),
    () => evaluationsRepo.listEvaluations(db, community.id),
  );
  const answers = await evaluationsRepo.answersOf(
    db,
    evals.filter((e) => e.closedAt !== null || e.closesAt <= now).map((e) => e.id),
  );
  const period = { from: new Date(now.getTime() - CURRENT_DAYS * DAY), to: now };
  const ind = indicators(facts, period);
  const scores = scoreConditions(ind, meansAt(evals, answers, now, now));
  // A period that ended before the community began (created, first member or first meeting) is not
  // scored: zeros there would be noise in the trend and false arrows in the network view.
  const began = beganAt(community, facts);
  const scored = (p: Period, ind: Indicators) => (p.to <= began ? unscored() : scoreConditions(ind, meansAt(evals, answers, p.to, now)));
  const quarters = lastQuarters(now, TREND_QUARTERS).map((key) => {
    const q = quarterPeriod(key);
    const p = { from: q.from, to: q.to < now ? q.to : now };
    const qi = indicators(facts, p);
    return { key, period: p, indicators: qi, scores: scored(p, qi) };
  });
  const earlier = new Date(now.getTime() - TREND_SHIFT_DAYS * DAY);
  const previousPeriod = { from: new Date(earlier.getTime() - CURRENT_DAYS * DAY), to: earlier };
  const previous = { period: previousPeriod, scores: scored(previousPeriod, indicators(facts, previousPeriod)) };
  return { facts, evaluations: evals, answers, current: { period, indicators: ind, scores, critical: criticalFactor(scores) }, previous, quarters };
}

/** The network view's summary of one computation. */
function summaryOf(community: CommunityRow, c: Computed, now: Date): repo.SummaryRow {
  return {
    communityId: community.id,
    networkId: community.networkId,
    computedAt: now,
    scores: cells(c.current.scores),
    previous: cells(c.previous.scores),
    criticalFactor: c.current.critical?.condition ?? null,
    groupSize: c.current.indicators.groupSize.count,
  };
}

/**
 * Closes evaluations whose closing time passed, and takes the condition scores of every closed
 * evaluation that has none yet (its place in the history). Safe to run twice at once: a snapshot is
 * only written where there is none.
 */
export async function settleEvaluations(db: DbOrTx, community: CommunityRow, now: Date) {
  await evaluationsRepo.closeDue(db, community.id, now);
  const open = await evaluationsRepo.unsnapshotted(db, community.id);
  if (open.length === 0) return;
  // Each snapshot as of its evaluation's closing moment, also when settled late (e.g. after downtime).
  for (const e of open) {
    const c = await compute(db, community, e.closedAt && e.closedAt < now ? e.closedAt : now);
    await evaluationsRepo.storeSnapshot(db, e.id, c.current.scores, c.facts.members.filter((m) => m.participant).length);
  }
}

export function registerMonitorJobs(ctx: AppContext) {
  ctx.jobs.register(CLOSE_JOB, async (tx, job, now) => {
    const e = await evaluationsRepo.findEvaluation(tx, String(job.payload.evaluationId));
    if (!e) return;
    const community = await repo.communityRow(tx, e.communityId);
    if (community) await settleEvaluations(tx, community, now);
  });
  ctx.jobs.register(OPENED_JOB, async (tx, job) => {
    const e = await evaluationsRepo.findEvaluation(tx, String(job.payload.evaluationId));
    if (e && e.closedAt === null) await queueEvaluationOpened(ctx, tx, e);
  });
  ctx.jobs.register(REFRESH_JOB, async (tx, job, now) => {
    const networkId = String(job.payload.networkId);
    const stale = await repo.staleCommunities(tx, networkId, new Date(now.getTime() - SUMMARY_MAX_AGE_MS), REFRESH_BATCH + 1);
    // Small batches, each its job's own short transaction (the job runner's): a network view that
    // computes a missing summary itself waits at most for one batch. (Not ctx.db here: PGlite has one
    // connection, which the job's transaction holds.)
    for (const community of stale.slice(0, REFRESH_BATCH)) await repo.upsertSummary(tx, summaryOf(community, await compute(tx, community, now), now));
    // More to do: continue in a new job (this job's own row is marked done when the handler returns).
    const part = Number(job.payload.part ?? 0) + 1;
    if (stale.length > REFRESH_BATCH) await scheduleJobOnce(tx, { kind: REFRESH_JOB, key: `${job.key.replace(/#\d+$/, '')}#${part}`, runAt: now, payload: { networkId, part } });
  });
}

// ----- the community's monitor ----------------------------------------------------------------
export async function communityMonitor(ctx: AppContext, me: SessionUser, communityId: string, quarterKey?: string): Promise<CommunityMonitor> {
  const { community, access } = await requireMonitor(ctx, me, communityId, 'view');
  const now = ctx.now();
  if (quarterKey && quarterPeriod(quarterKey).from > now) throw fieldError('quarter', 'invalidQuarter');
  await settleEvaluations(ctx.db, community, now);
  const c = await compute(ctx.db, community, now);
  await repo.upsertSummary(ctx.db, summaryOf(community, c, now));
  return monitorView(ctx, me, community, access, c, quarterKey ?? quarterOf(now), now);
}

async function monitorView(
  ctx: AppContext,
  me: SessionUser,
  community: CommunityRow & { name: string; phase: string },
  access: MonitorAccess,
  c: Computed,
  quarterKey: string,
  now: Date,
): Promise<CommunityMonitor> {
  const seesMembers = monitorPolicy.seeMembers(access);
  const [orgNames, actions, participation] = await Promise.all([
    repo.organisationNames(ctx.db, community.id),
    evaluationsRepo.listActions(ctx.db, community.id),
    evaluationsRepo.participationOf(
      ctx.db,
      c.evaluations.map((e) => e.id),
      me.id,
    ),
  ]);
  const userNames = new Map(c.facts.members.map((m) => [m.userId, m.name]));
  const ownerIds = [...actions.flatMap((a) => [a.ownerUserId, a.createdBy]), ...c.evaluations.map((e) => e.openedBy)].filter((x): x is string => x !== null && !userNames.has(x));
  for (const [id, name] of await evaluationsRepo.userNames(ctx.db, ownerIds)) userNames.set(id, name);
  const names = { users: userNames, organisations: orgNames };
  // Organisations and groups with fewer than three participants would show one or two people's
  // figures: those who see no member rows do not see them either.
  const hidden = seesMembers ? new Set<string>() : smallUnits(c.facts.members);
  const chosen = c.quarters.find((q) => q.key === quarterKey);
  const quarterInd = chosen ? chosen.indicators : indicators(c.facts, clampPeriod(quarterPeriod(quarterKey), now));
  const q = quiet(c.facts.members, c.facts.meetings, c.facts.contributions, now);
  const me_ = c.facts.members.find((m) => m.userId === me.id);
  const participants = c.facts.members.filter((m) => m.participant).length;
  return {
    community: { id: community.id, networkId: community.networkId, name: community.name, phase: community.phase as CommunityMonitor['community']['phase'] },
    viewer: {
      canOpenEvaluation: monitorPolicy.evaluate(access),
      canRecordAction: monitorPolicy.act(access),
      seesMembers,
      isParticipant: monitorPolicy.stateTime(access),
    },
    computedAt: now.toISOString(),
    current: {
      from: c.current.period.from.toISOString(),
      to: c.current.period.to.toISOString(),
      scores: c.current.scores.map((x) => nameReasons(x, orgNames, hidden)),
      criticalFactor: c.current.critical && nameReasons(c.current.critical, orgNames, hidden),
    },
    quarters: c.quarters.map((x) => quarterRow(x.key, x.indicators, x.scores)),
    quarter: { key: quarterKey, indicators: indicatorsView(quarterInd, names, seesMembers, hidden) },
    quiet: {
      meetings: q.meetingIds.length,
      count: q.userIds.length,
      people: seesMembers ? q.userIds.map((userId) => ({ userId, name: userNames.get(userId) ?? '' })) : [],
    },
    evaluations: c.evaluations.map((e) =>
      evaluationView(
        e,
        {
          answers: c.answers,
          answered: participation.counts.get(e.id) ?? 0,
          iAnswered: participation.mine.has(e.id),
          participants,
          openedBy: e.openedBy ? (userNames.get(e.openedBy) ?? null) : null,
          canAnswer: monitorPolicy.answer(access),
          canClose: monitorPolicy.evaluate(access),
        },
        now,
      ),
    ),
    // Who does an action is a member-level fact: not for researchers and observers.
    actions: actionViews(actions, c.evaluations, userNames).map((a) => (seesMembers ? a : { ...a, ownerUserId: null, ownerName: '', createdBy: null })),
    history: historyOf(c.evaluations, actions, participation.counts).map((h) => ({ ...h, criticalFactor: h.criticalFactor && nameReasons(h.criticalFactor, orgNames, hidden) })),
    members: seesMembers ? c.facts.members.filter((m) => m.participant).map((m) => ({ userId: m.userId, name: m.name })) : [],
    myTime: me_ && me_.participant ? { hoursPerMonth: me_.hoursPerMonth, official: me_.timeOfficial } : null,
  };
}

function smallUnits(members: repo.MemberRow[]): Set<string> {
  const counts = new Map<string, number>();
  for (const m of members.filter((x) => x.participant))
    for (const key of [m.organisationId ?? 'none', `group:${m.stakeholderGroup}`]) counts.set(key, (counts.get(key) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n < minimumAnswers).map(([k]) => k));
}

function clampPeriod(p: Period, now: Date): Period {
  return { from: p.from, to: p.to < now ? p.to : now };
}

/** The indicator table (every quarter of the trend) as CSV. */
export async function communityCsv(ctx: AppContext, me: SessionUser, communityId: string): Promise<{ name: string; csv: string }> {
  const { community } = await requireMonitor(ctx, me, communityId, 'view');
  const now = ctx.now();
  const c = await compute(ctx.db, community, now);
  return { name: community.name, csv: csvOfQuarters(c.quarters.map((x) => quarterRow(x.key, x.indicators, x.scores))) };
}

export async function setMyTime(ctx: AppContext, me: SessionUser, communityId: string, body: MyTimeBody) {
  await requireMonitor(ctx, me, communityId, 'stateTime');
  await repo.setMyTime(ctx.db, communityId, me.id, body.hoursPerMonth, body.official);
  return communityMonitor(ctx, me, communityId);
}

// ----- the network view -----------------------------------------------------------------------
type NetworkAccess = Awaited<ReturnType<typeof repo.networkOf>>;

async function networkRowsFor(ctx: AppContext, me: SessionUser, networkId: string, known?: NetworkAccess) {
  const net = known === undefined ? await repo.networkOf(ctx.db, networkId, me.id) : known;
  if (!net) throw notFound();
  const all = net.coordinator === true;
  const rows = await repo.networkRows(ctx.db, networkId, me.id, all);
  if (!all && rows.length === 0) {
    // A network the caller has nothing to do with does not exist for them; a member without a grant may not compare.
    if (net.coordinator === null && !(await repo.sitsInNetwork(ctx.db, networkId, me.id))) throw notFound();
    throw forbidden();
  }
  return { net, rows };
}

/**
 * All communities of a network side by side, from the materialized summaries. Missing or old ones
 * are computed here (a few) or by the background job (the rest), so the view stays fast however many
 * communities there are.
 */
export async function networkMonitor(ctx: AppContext, me: SessionUser, networkId: string, known?: NetworkAccess): Promise<NetworkMonitor> {
  const { net, rows } = await networkRowsFor(ctx, me, networkId, known);
  const now = ctx.now();
  const cutoff = now.getTime() - SUMMARY_MAX_AGE_MS;
  const stale = rows.filter((r) => r.summary === null || r.summary.computedAt.getTime() < cutoff);
  // Only communities without any summary are computed here (a few); old ones are shown as they are
  // and refreshed in the background, so the view stays one indexed read once everything exists.
  const missing = stale.filter((r) => r.summary === null);
  for (const r of missing.slice(0, INLINE_SUMMARIES)) {
    const community = await repo.communityRow(ctx.db, r.id);
    if (!community) continue;
    r.summary = summaryOf(community, await compute(ctx.db, community, now), now);
    await repo.upsertSummary(ctx.db, r.summary);
  }
  // At most one refresh per network and hour, however often the view is opened meanwhile.
  if (stale.length > Math.min(missing.length, INLINE_SUMMARIES)) {
    const bucket = Math.floor(now.getTime() / SUMMARY_MAX_AGE_MS);
    await scheduleJobOnce(ctx.db, { kind: REFRESH_JOB, key: `${REFRESH_JOB}:${networkId}:${bucket}`, runAt: now, payload: { networkId } });
  }
  const ready = rows.filter((r) => r.summary !== null);
  return {
    network: { id: net.id, name: net.name },
    pending: rows.length - ready.length,
    rows: ready.map((r) => ({
      communityId: r.id,
      name: r.name,
      phase: r.phase as NetworkMonitor['rows'][number]['phase'],
      computedAt: r.summary!.computedAt.toISOString(),
      scores: inOrder(r.summary!.scores),
      previous: r.summary!.previous.length ? inOrder(r.summary!.previous) : [],
      criticalFactor: r.summary!.criticalFactor as NetworkMonitor['rows'][number]['criticalFactor'],
      groupSize: r.summary!.groupSize,
    })),
  };
}

/** Stored score cells as one score per condition, in the order of `conditions`. */
const inOrder = (stored: { condition: string; score: number | null }[]) => conditions.map((c) => stored.find((x) => x.condition === c)?.score ?? null);

/** Serialized network views per network and viewer, with the fingerprint they were made for. */
const networkViews = new Map<string, { fingerprint: string; json: string }>();
const NETWORK_VIEWS_KEPT = 100;

/**
 * The network view as JSON. While nothing it shows has changed (one aggregate query says so) and
 * every summary is present and fresh, the same bytes are sent again: at thousands of communities,
 * reading, validating and serializing every row is most of a request's cost (bench/README.md).
 */
export async function networkMonitorJson(ctx: AppContext, me: SessionUser, networkId: string): Promise<string> {
  const net = await repo.networkOf(ctx.db, networkId, me.id);
  const all = net?.coordinator === true;
  const key = `${networkId}:${all ? '*' : me.id}`;
  const f = net ? await repo.networkFingerprint(ctx.db, networkId, me.id, all) : null;
  const cutoff = ctx.now().getTime() - SUMMARY_MAX_AGE_MS;
  const fresh = f !== null && f.n > 0 && f.ready === f.n && f.oldest !== null && new Date(f.oldest).getTime() >= cutoff;
  const fingerprint = f ? `${f.n}|${f.ready}|${f.newest}|${f.changed}|${f.ids}|${net?.name}` : '';
  const hit = networkViews.get(key);
  if (fresh && hit?.fingerprint === fingerprint) return hit.json;
  const json = JSON.stringify(networkMonitorSchema.parse(await networkMonitor(ctx, me, networkId, net)));
  if (fresh) {
    networkViews.delete(key);
    networkViews.set(key, { fingerprint, json });
    if (networkViews.size > NETWORK_VIEWS_KEPT) networkViews.delete(networkViews.keys().next().value!);
  }
  return json;
}

export async function networkCsv(ctx: AppContext, me: SessionUser, networkId: string): Promise<{ name: string; csv: string }> {
  const view = await networkMonitor(ctx, me, networkId);
  return { name: view.network.name, csv: csvOfNetwork(view.rows) };
}
