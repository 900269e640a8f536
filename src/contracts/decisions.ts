/**
 * Part 4, decisions by consensus: proposals, responses, the discussion thread, outcomes and the
 * decision log. Request and response shapes shared by server and web. The rules themselves live in
 * decision-rules.ts (zod-free).
 */
import * as z from 'zod';
import { id } from './api';
import { stakeholderGroups } from './enums';
import { isLocalDate } from './zoned';
import { decisionProcesses, positions, proposalResults, proposalStatuses, quorums } from './decision-rules';

export * from './decision-rules';

const title = z.string().trim().min(1).max(200);
const proposalText = z.string().trim().min(1).max(8000);
const optionalText = z.string().trim().max(8000);
const reason = z.string().trim().max(2000);
const version = z.number().int().positive();
const instant = z.iso.datetime({ offset: true });
const reviewDate = z.string().refine(isLocalDate, { params: { code: 'invalidDate' } });
const person = z.object({ userId: z.string(), name: z.string() });

// ----- requests ----------------------------------------------------------------------------
export const createProposalBody = z.strictObject({
  title,
  body: proposalText,
  background: optionalText.optional(),
  process: z.enum(decisionProcesses),
  /** ISO instant in the future; null closes it when everyone has responded. */
  closesAt: instant.nullable(),
  /** Opened from a programme item of a meeting (both, or neither). */
  meetingId: id.nullable().optional(),
  agendaItemId: id.nullable().optional(),
});
export type CreateProposalBody = z.infer<typeof createProposalBody>;

export const respondBody = z.strictObject({
  position: z.enum(positions),
  /** Required for objection, concerns, block and advice. */
  reason: reason.optional(),
  /**
   * The version of your response you saw: null when you had none. A second tab that still thinks you
   * have none gets 409 with your current response instead of overwriting it.
   */
  baseVersion: version.nullable(),
  /**
   * The wording you responded to (the proposal's `round` as you saw it). When it was amended in the
   * meantime the answer is 409 `proposalAmended` with the new wording, rather than your response
   * counting for a text you did not read.
   */
  round: z.number().int().positive().optional(),
});
export type RespondBody = z.infer<typeof respondBody>;

export const amendProposalBody = z.strictObject({
  version,
  title,
  body: proposalText,
  background: optionalText.optional(),
  closesAt: instant.nullable(),
  /** What changed and why: shown to everyone asked to re-confirm. */
  note: z.string().trim().min(1).max(2000),
});
export type AmendProposalBody = z.infer<typeof amendProposalBody>;

export const withdrawProposalBody = z.strictObject({ version, reason: z.string().trim().min(1).max(2000) });
export const closeProposalBody = z.strictObject({ version });

export const outcomeBody = z.strictObject({
  /** 0 for the first statement; afterwards the outcome's version you edited. */
  version: z.number().int().min(0),
  statement: z.string().trim().min(1).max(4000),
  /** Local date (YYYY-MM-DD) on which to look at the decision again. */
  reviewDate: reviewDate.nullable(),
});
export type OutcomeBody = z.infer<typeof outcomeBody>;

export const commentBody = z.strictObject({ body: z.string().trim().min(1).max(4000), parentId: id.nullable().optional() });
export type CommentBody = z.infer<typeof commentBody>;

export const quorumBody = z.strictObject({ quorum: z.enum(quorums) });

export const proposalListQuery = z.strictObject({ status: z.enum(['open', 'closed', 'all']).optional() });

// ----- responses ---------------------------------------------------------------------------
export const proposalResponse = z.object({
  userId: z.string(),
  name: z.string(),
  organisationId: id.nullable(),
  organisationName: z.string().nullable(),
  stakeholderGroup: z.enum(stakeholderGroups),
  position: z.enum(positions),
  reason: z.string(),
  /** The round (wording) it answers; false `current` means it needs re-confirmation. */
  round: z.number().int(),
  current: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ProposalResponse = z.infer<typeof proposalResponse>;

export const participant = z.object({
  userId: z.string(),
  name: z.string(),
  organisationId: id.nullable(),
  organisationName: z.string().nullable(),
  stakeholderGroup: z.enum(stakeholderGroups),
});
export type ProposalParticipant = z.infer<typeof participant>;

const positionCounts = z.partialRecord(z.enum(positions), z.number().int());
const groupParticipation = z.object({
  key: z.string(),
  /** The organisation's or stakeholder group's display name ('' for members without an organisation). */
  label: z.string(),
  participants: z.number().int(),
  responded: z.number().int(),
  positions: positionCounts,
});
export const participationView = z.object({
  participants: z.number().int(),
  responded: z.number().int(),
  positions: positionCounts,
  organisations: z.array(groupParticipation),
  stakeholderGroups: z.array(groupParticipation),
});
export type ParticipationView = z.infer<typeof participationView>;

export const proposalStanding = z.object({
  everyoneResponded: z.boolean(),
  quorumMet: z.boolean(),
  closingTimePassed: z.boolean(),
  wouldPass: z.boolean(),
  blocking: z.array(z.string()),
  needsReconfirmation: z.array(z.string()),
  /** Names of organisations and stakeholder groups without any current response. */
  silentOrganisations: z.array(z.string()),
  silentGroups: z.array(z.enum(stakeholderGroups)),
  mayCloseEarly: z.boolean(),
});
export type ProposalStanding = z.infer<typeof proposalStanding>;

export const proposalRights = z.object({
  respond: z.boolean(),
  comment: z.boolean(),
  /** See who has not responded, send the one reminder, close, write the outcome: the proposer and the chair. */
  steward: z.boolean(),
  amend: z.boolean(),
  withdraw: z.boolean(),
});
export type ProposalRights = z.infer<typeof proposalRights>;

export const outcome = z.object({
  statement: z.string(),
  reviewDate: z.string().nullable(),
  writtenBy: person.nullable(),
  writtenAt: z.string(),
  version: z.number().int(),
});
export type Outcome = z.infer<typeof outcome>;

const meetingLink = z.object({ id, title: z.string(), startsAt: z.string() });

export const proposalSummary = z.object({
  id,
  communityId: id,
  title: z.string(),
  process: z.enum(decisionProcesses),
  status: z.enum(proposalStatuses),
  result: z.enum(proposalResults).nullable(),
  closesAt: z.string().nullable(),
  round: z.number().int(),
  proposer: person.nullable(),
  meeting: meetingLink.nullable(),
  participants: z.number().int(),
  responded: z.number().int(),
  blocking: z.number().int(),
  /** The caller's response to the current wording; null for those who do not respond (observers, researchers, coordinators from outside). */
  myResponseState: z.enum(['none', 'current', 'needsReconfirmation']).nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type ProposalSummary = z.infer<typeof proposalSummary>;

export const proposalRevision = z.object({
  round: z.number().int(),
  title: z.string(),
  body: z.string(),
  background: z.string(),
  closesAt: z.string().nullable(),
  /** Why the next wording replaced this one. */
  note: z.string(),
  amendedBy: person.nullable(),
  amendedAt: z.string(),
});
export type ProposalRevision = z.infer<typeof proposalRevision>;

export const responseHistoryEntry = z.object({
  userId: z.string(),
  name: z.string(),
  round: z.number().int(),
  position: z.enum(positions),
  reason: z.string(),
  at: z.string(),
});
export type ResponseHistoryEntry = z.infer<typeof responseHistoryEntry>;

export const proposalComment = z.object({
  id,
  parentId: id.nullable(),
  author: person.nullable(),
  body: z.string(),
  createdAt: z.string(),
});
export type ProposalComment = z.infer<typeof proposalComment>;

export const proposal = proposalSummary.extend({
  body: z.string(),
  background: z.string(),
  quorum: z.enum(quorums),
  agendaItemId: id.nullable(),
  withdrawnReason: z.string().nullable(),
  version: z.number().int(),
  responses: z.array(proposalResponse),
  myResponse: proposalResponse.nullable(),
  /** Who has not responded to the current wording: only for the proposer and the chair. */
  missing: z.array(participant).nullable(),
  reminderSentAt: z.string().nullable(),
  standing: proposalStanding,
  participation: participationView,
  outcome: outcome.nullable(),
  revisions: z.array(proposalRevision),
  history: z.array(responseHistoryEntry),
  comments: z.array(proposalComment),
  rights: proposalRights,
});
export type Proposal = z.infer<typeof proposal>;

export const proposalList = z.object({
  communityId: id,
  quorum: z.enum(quorums),
  proposals: z.array(proposalSummary),
  mayPropose: z.boolean(),
  /** May choose the community's quorum (coordinators and chairs). */
  mayConfigure: z.boolean(),
});
export type ProposalList = z.infer<typeof proposalList>;

export const decisionLogEntry = z.object({
  id,
  title: z.string(),
  process: z.enum(decisionProcesses),
  result: z.enum(proposalResults),
  closedAt: z.string(),
  proposer: person.nullable(),
  outcome: outcome.nullable(),
  participation: participationView,
  meeting: meetingLink.nullable(),
  round: z.number().int(),
});
export type DecisionLogEntry = z.infer<typeof decisionLogEntry>;

export const decisionLog = z.object({ communityId: id, decisions: z.array(decisionLogEntry) });
export type DecisionLog = z.infer<typeof decisionLog>;
