/**
 * Part 5, the conditions monitor: indicators per quarter, condition scores and the critical factor,
 * evaluations, improvement actions and the network view. Request and response shapes shared by
 * server and web; the condition names and evaluation items are in conditions.ts (zod-free).
 */
import * as z from 'zod';
import { id } from './api';
import { communityPhases } from './enums';
import { conditions, evaluationItems } from './conditions';
import { isLocalDate } from './zoned';

export * from './conditions';

const instant = z.iso.datetime({ offset: true });
const localDate = z.string().refine(isLocalDate, { params: { code: 'invalidDate' } });
const condition = z.enum(conditions);
const item = z.enum(evaluationItems);
const version = z.number().int().positive();
const quarterKey = z.string().refine((s) => /^20\d{2}-Q[1-4]$/.test(s), { params: { code: 'invalidQuarter' } });

// ----- scores ---------------------------------------------------------------------------------
export const reason = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.number(), z.string()])) });
export const conditionScore = z.object({
  condition,
  score: z.number().int().nullable(),
  reason,
  parts: z.array(z.object({ source: z.enum(['data', 'evaluation']), score: z.number().int(), reason })),
});
export const scoreCell = z.object({ condition, score: z.number().int().nullable() });
export type ScoreCell = z.infer<typeof scoreCell>;

// ----- indicators -----------------------------------------------------------------------------
const rateRow = z.object({ key: z.string(), name: z.string(), attended: z.number(), expected: z.number(), rate: z.number().nullable() });
const countRow = z.object({ key: z.string(), name: z.string(), count: z.number() });
const evenness = z.object({ members: z.number().nullable(), organisations: z.number().nullable(), groups: z.number().nullable() });
const kinds = ['harvest', 'input', 'response', 'comment'] as const;

/** One period's indicators. Member-level rows are empty for researchers (nothing identifies a person). */
export const indicatorsView = z.object({
  from: instant,
  to: instant,
  groupSize: z.object({ count: z.number(), band: z.enum(['below', 'within', 'above']) }),
  regularity: z.object({
    held: z.number(),
    cancelled: z.number(),
    cancelledShare: z.number().nullable(),
    gapsDays: z.array(z.number()),
    medianGapDays: z.number().nullable(),
    longestGapDays: z.number().nullable(),
    /** Days from the last held meeting to the end of the period (null: none held yet). */
    openGapDays: z.number().nullable(),
  }),
  attendance: z.object({ members: z.array(rateRow), organisations: z.array(rateRow), overall: z.number().nullable() }),
  voice: z.object({
    total: z.number(),
    byKind: z.record(z.enum(kinds), z.number()),
    evenness,
    evennessByKind: z.record(z.enum(kinds), evenness),
    perMember: z.array(countRow),
    perOrganisation: z.array(countRow),
    perGroup: z.array(countRow),
  }),
  reciprocity: z.object({
    brings: z.array(z.object({ organisationId: z.string(), name: z.string(), input: z.number(), harvest: z.number() })),
    flows: z.array(z.object({ from: z.string(), fromName: z.string(), to: z.string(), toName: z.string(), count: z.number() })),
    index: z.number().nullable(),
  }),
  chairing: z.object({
    heldMeetings: z.number(),
    chairedWithProgramme: z.number(),
    perChair: z.array(countRow),
    distinctChairs: z.number(),
    topShare: z.number().nullable(),
  }),
  ambition: z.object({
    questionSet: z.boolean(),
    ambitionSet: z.boolean(),
    endProductSet: z.boolean(),
    endProductDescribed: z.boolean(),
    endProductWords: z.number(),
    ambitionRevisedAt: instant.nullable(),
    endProductRevisedAt: instant.nullable(),
    agendaItems: z.number(),
    agendaItemsReferring: z.number(),
    proposals: z.number(),
    proposalsReferring: z.number(),
    referringShare: z.number().nullable(),
  }),
  checkOuts: z.object({
    count: z.number(),
    mean: z.number().nullable(),
    perMeeting: z.array(z.object({ meetingId: z.string(), date: instant, mean: z.number(), count: z.number() })),
  }),
  time: z.object({ participants: z.number(), stated: z.number(), medianHours: z.number().nullable(), enoughHours: z.number(), official: z.number() }),
});
export type IndicatorsView = z.infer<typeof indicatorsView>;

/** A quarter in the trend: the key figures and the condition scores. */
export const quarterRow = z.object({
  quarter: z.string(),
  from: instant,
  to: instant,
  scores: z.array(scoreCell),
  groupSize: z.number(),
  held: z.number(),
  cancelled: z.number(),
  medianGapDays: z.number().nullable(),
  longestGapDays: z.number().nullable(),
  attendance: z.number().nullable(),
  voiceEvenness: z.number().nullable(),
  reciprocity: z.number().nullable(),
  distinctChairs: z.number(),
  referringShare: z.number().nullable(),
  checkOutMean: z.number().nullable(),
  timeStated: z.number(),
  contributions: z.number(),
});
export type QuarterRow = z.infer<typeof quarterRow>;

// ----- evaluations ----------------------------------------------------------------------------
export const evaluationStatuses = ['scheduled', 'open', 'closed'] as const;
export const evaluation = z.object({
  id,
  communityId: id,
  title: z.string(),
  opensAt: instant,
  closesAt: instant,
  closedAt: instant.nullable(),
  status: z.enum(evaluationStatuses),
  openQuestions: z.array(z.string()),
  participants: z.number(),
  answered: z.number(),
  openedBy: z.string().nullable(),
  iAnswered: z.boolean(),
  canAnswer: z.boolean(),
  canClose: z.boolean(),
  /** Why the aggregate is not shown: while open, or with fewer than 3 answers. Null when shown. */
  hidden: z.enum(['open', 'tooFew']).nullable(),
  aggregate: z
    .object({
      items: z.array(z.object({ item, mean: z.number(), count: z.number(), distribution: z.array(z.number()) })),
      /** Per open question, the answers without names, in alphabetical order. */
      openAnswers: z.array(z.object({ question: z.string(), answers: z.array(z.string()) })),
    })
    .nullable(),
});
export type Evaluation = z.infer<typeof evaluation>;
export const evaluationList = z.object({ evaluations: z.array(evaluation), canOpen: z.boolean() });
export type EvaluationList = z.infer<typeof evaluationList>;

export const openEvaluationBody = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    /** Defaults to now. */
    opensAt: instant.optional(),
    closesAt: instant,
    openQuestions: z.array(z.string().trim().min(1).max(300)).max(5).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.opensAt && Date.parse(b.closesAt) <= Date.parse(b.opensAt))
      ctx.addIssue({ code: 'custom', path: ['closesAt'], params: { code: 'closesBeforeOpens' }, message: 'closesBeforeOpens' });
  });
export type OpenEvaluationBody = z.infer<typeof openEvaluationBody>;

const scale = z.number().int().min(1).max(5);
export const answerEvaluationBody = z.strictObject({
  scores: z.strictObject(Object.fromEntries(evaluationItems.map((i) => [i, scale])) as Record<(typeof evaluationItems)[number], typeof scale>),
  /** One per open question, in order; empty when skipped. */
  openAnswers: z.array(z.string().trim().max(2000)).max(5),
});
export type AnswerEvaluationBody = z.infer<typeof answerEvaluationBody>;

// ----- improvement actions and the history of the loop ---------------------------------------
export const improvementAction = z.object({
  id,
  condition,
  what: z.string(),
  ownerUserId: z.string().nullable(),
  ownerName: z.string(),
  dueDate: z.string(),
  /** The condition's score when the action was recorded. */
  baselineScore: z.number().nullable(),
  createdAt: instant,
  createdBy: z.string().nullable(),
  done: z.boolean(),
  version: z.number(),
  /** The condition at the first evaluation closed after the action was recorded (null: none yet). */
  effect: z.object({ evaluationId: id, closedAt: instant, score: z.number().nullable(), delta: z.number().nullable() }).nullable(),
});
export type ImprovementAction = z.infer<typeof improvementAction>;

export const createActionBody = z.strictObject({
  condition,
  what: z.string().trim().min(1).max(1000),
  ownerUserId: z.string().min(1).max(100),
  dueDate: localDate,
});
export type CreateActionBody = z.infer<typeof createActionBody>;
export const updateActionBody = z.strictObject({ version, done: z.boolean() });

export const historyEntry = z.object({
  evaluationId: id,
  title: z.string(),
  closedAt: instant,
  answered: z.number(),
  criticalFactor: conditionScore.nullable(),
  scores: z.array(scoreCell),
  /** Actions recorded after this evaluation and before the next, with their effect. */
  actionIds: z.array(id),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

export const myTimeBody = z.strictObject({ hoursPerMonth: z.number().int().min(0).max(200), official: z.boolean() });
export type MyTimeBody = z.infer<typeof myTimeBody>;

// ----- the community's monitor ----------------------------------------------------------------
export const communityMonitorQuery = z.strictObject({ quarter: quarterKey.optional() });

export const communityMonitor = z.object({
  community: z.object({ id, networkId: id, name: z.string(), phase: z.enum(communityPhases) }),
  viewer: z.object({ canOpenEvaluation: z.boolean(), canRecordAction: z.boolean(), seesMembers: z.boolean(), isParticipant: z.boolean() }),
  computedAt: instant,
  /** The last six months up to now: what the critical factor is judged on. */
  current: z.object({ from: instant, to: instant, scores: z.array(conditionScore), criticalFactor: conditionScore.nullable() }),
  /** The last eight quarters, oldest first. */
  quarters: z.array(quarterRow),
  /** The chosen quarter's indicators in full. */
  quarter: z.object({ key: z.string(), indicators: indicatorsView }),
  /** Participants who were quiet in the last three held meetings (names: not for researchers). */
  quiet: z.object({ meetings: z.number(), count: z.number(), people: z.array(z.object({ userId: z.string(), name: z.string() })) }),
  evaluations: z.array(evaluation),
  actions: z.array(improvementAction),
  history: z.array(historyEntry),
  members: z.array(z.object({ userId: z.string(), name: z.string() })),
  myTime: z.object({ hoursPerMonth: z.number().nullable(), official: z.boolean().nullable() }).nullable(),
});
export type CommunityMonitor = z.infer<typeof communityMonitor>;

// ----- the network view -----------------------------------------------------------------------
export const networkMonitorRow = z.object({
  communityId: id,
  name: z.string(),
  phase: z.enum(communityPhases),
  computedAt: instant,
  /** One score per condition, in the order of `conditions` (compact: a network can hold thousands of rows). */
  scores: z.array(z.number().int().nullable()),
  /** The scores of the same six-month window a quarter earlier, for the trend arrow (same order; empty when unknown). */
  previous: z.array(z.number().int().nullable()),
  criticalFactor: condition.nullable(),
  groupSize: z.number(),
});
export type NetworkMonitorRow = z.infer<typeof networkMonitorRow>;
export const networkMonitor = z.object({
  network: z.object({ id, name: z.string() }),
  rows: z.array(networkMonitorRow),
  /** Communities whose figures are still being computed (shown on a later visit). */
  pending: z.number(),
});
export type NetworkMonitor = z.infer<typeof networkMonitor>;
