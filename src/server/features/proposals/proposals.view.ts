import type { DbOrTx } from '../../db/client';
import type { StakeholderGroup } from '../../../contracts/enums';
import type { RoomProposal } from '../../../contracts/room-state';
import {
  evaluate,
  mayCloseEarly,
  participation,
  type DecisionProcess,
  type Evaluation,
  type Participant,
  type Position,
  type ProposalFacts,
  type ProposalResult,
  type ProposalStatus,
  type Quorum,
} from '../../../contracts/decision-rules';
import type { Outcome, ParticipationView, Proposal, ProposalResponse, ProposalSummary } from '../../../contracts/decisions';
import { proposalPolicy, type ProposalAccess } from './proposals.policy';
import * as repo from './proposals.repository';

export const factsOf = (p: repo.ProposalRow): ProposalFacts => ({
  process: p.process as DecisionProcess,
  quorum: p.quorum as Quorum,
  status: p.status as ProposalStatus,
  round: p.round,
  closesAt: p.closesAt?.toISOString() ?? null,
});

const asParticipants = (rows: repo.ParticipantRow[]): Participant[] =>
  rows.map((r) => ({ userId: r.userId, organisationId: r.organisationId, stakeholderGroup: r.stakeholderGroup }));
const asFacts = (rows: repo.ResponseRow[]) => rows.map((r) => ({ userId: r.userId, position: r.position as Position, round: r.round }));

/** Everything the rules need about one proposal, read in one place (inside the lock when deciding). */
export async function situation(db: DbOrTx, p: repo.ProposalRow, now: Date) {
  const [members, responses] = await Promise.all([repo.participants(db, p.communityId), repo.responsesOf(db, p.id)]);
  // Advice is asked of the others: the proposer decides afterwards and does not advise themselves.
  const people = p.process === 'advice' ? members.filter((m) => m.userId !== p.proposerId) : members;
  const evaluation = evaluate(factsOf(p), asParticipants(people), asFacts(responses), now.toISOString());
  return { people, responses, evaluation };
}
export type Situation = Awaited<ReturnType<typeof situation>>;

/** Participation by organisation and stakeholder group, with labels (stored with the decision when it closes). */
export function participationView(p: Pick<repo.ProposalRow, 'round'>, s: Pick<Situation, 'people' | 'responses'>): ParticipationView {
  const raw = participation(p, asParticipants(s.people), asFacts(s.responses));
  const orgName = new Map(s.people.map((x) => [x.organisationId ?? '', x.organisationName ?? '']));
  return {
    ...raw,
    organisations: raw.organisations.map((g) => ({ ...g, label: orgName.get(g.key) ?? '' })),
    stakeholderGroups: raw.stakeholderGroups.map((g) => ({ ...g, label: g.key })),
  };
}

function responsesView(p: repo.ProposalRow, s: Situation): ProposalResponse[] {
  const byUser = new Map(s.people.map((x) => [x.userId, x]));
  return s.responses
    .filter((r) => byUser.has(r.userId))
    .map((r) => {
      const who = byUser.get(r.userId)!;
      return {
        userId: r.userId,
        name: who.name,
        organisationId: who.organisationId,
        organisationName: who.organisationName,
        stakeholderGroup: who.stakeholderGroup as StakeholderGroup,
        position: r.position as Position,
        reason: r.reason,
        round: r.round,
        current: r.round === p.round,
        version: r.version,
        updatedAt: r.updatedAt.toISOString(),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

const meetingLink = (title: string | null, startsAt: Date | null, id: string | null) =>
  id && title !== null && startsAt ? { id, title, startsAt: startsAt.toISOString() } : null;

const stateOf = (responds: boolean, myRound: number | null, round: number) =>
  !responds ? null : myRound === null ? ('none' as const) : myRound === round ? ('current' as const) : ('needsReconfirmation' as const);

/** `responds`: whether the caller is one of those asked to respond. */
export function summaryOf(row: Awaited<ReturnType<typeof repo.listProposals>>[number], responds: boolean): ProposalSummary {
  const p = row.proposal;
  return {
    id: p.id,
    communityId: p.communityId,
    title: p.title,
    process: p.process as DecisionProcess,
    status: p.status as ProposalStatus,
    result: (p.result as ProposalResult | null) ?? null,
    closesAt: p.closesAt?.toISOString() ?? null,
    round: p.round,
    proposer: p.proposerId && row.proposerName !== null ? { userId: p.proposerId, name: row.proposerName } : null,
    meeting: meetingLink(row.meetingTitle, row.meetingStartsAt, p.meetingId),
    participants: row.participants,
    responded: row.responded,
    blocking: row.blocking,
    myResponseState: stateOf(responds, row.myRound, p.round),
    createdAt: p.createdAt.toISOString(),
    closedAt: p.closedAt?.toISOString() ?? null,
  };
}

/** The outcome statement once written; `names` resolves who wrote it. */
export function outcomeOf(p: repo.ProposalRow, names: Map<string, string>): Outcome | null {
  if (p.outcomeStatement === null || !p.outcomeAt) return null;
  const by = p.outcomeBy && names.has(p.outcomeBy) ? { userId: p.outcomeBy, name: names.get(p.outcomeBy)! } : null;
  return { statement: p.outcomeStatement, reviewDate: p.reviewDate, writtenBy: by, writtenAt: p.outcomeAt.toISOString(), version: p.outcomeVersion };
}

/** The whole proposal as the caller may see it: who has not responded only for stewards. */
export async function proposalView(db: DbOrTx, me: string, p: repo.ProposalRow, access: ProposalAccess, now: Date): Promise<Proposal> {
  const s = await situation(db, p, now);
  const [revisions, history, comments, names, meeting] = await Promise.all([
    repo.revisionsOf(db, p.id),
    repo.historyOf(db, p.id),
    repo.commentsOf(db, p.id),
    repo.userNames(db, [p.proposerId, p.outcomeBy].filter((x): x is string => x !== null)),
    p.meetingId ? repo.meetingOf(db, p.meetingId) : Promise.resolve(null),
  ]);
  const responses = responsesView(p, s);
  const e: Evaluation = s.evaluation;
  const steward = proposalPolicy.steward(access);
  const facts = factsOf(p);
  const person = (id: string | null) => (id && names.has(id) ? { userId: id, name: names.get(id)! } : null);
  const orgName = new Map(s.people.map((x) => [x.organisationId ?? '', x.organisationName ?? '']));
  const open = p.status === 'open';
  return {
    id: p.id,
    communityId: p.communityId,
    title: p.title,
    body: p.body,
    background: p.background,
    process: facts.process,
    quorum: facts.quorum,
    status: facts.status,
    result: (p.result as ProposalResult | null) ?? null,
    closesAt: facts.closesAt,
    round: p.round,
    proposer: person(p.proposerId),
    meeting: meeting ? { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt.toISOString() } : null,
    agendaItemId: p.agendaItemId,
    participants: s.people.length,
    responded: e.responded.length,
    blocking: e.blocking.length,
    myResponseState: stateOf(proposalPolicy.respond(access), responses.find((r) => r.userId === me)?.round ?? null, p.round),
    createdAt: p.createdAt.toISOString(),
    closedAt: p.closedAt?.toISOString() ?? null,
    withdrawnReason: p.withdrawnReason,
    version: p.version,
    responses,
    myResponse: responses.find((r) => r.userId === me) ?? null,
    missing: steward
      ? s.people
          .filter((x) => e.missing.includes(x.userId))
          .map((x) => ({ userId: x.userId, name: x.name, organisationId: x.organisationId, organisationName: x.organisationName, stakeholderGroup: x.stakeholderGroup as StakeholderGroup }))
      : null,
    reminderSentAt: p.reminderRound === p.round ? (p.reminderSentAt?.toISOString() ?? null) : null,
    standing: {
      everyoneResponded: e.everyoneResponded,
      quorumMet: e.quorumMet,
      closingTimePassed: e.closingTimePassed,
      wouldPass: e.wouldPass,
      blocking: e.blocking,
      needsReconfirmation: e.needsReconfirmation,
      silentOrganisations: e.silentOrganisations.map((o) => orgName.get(o) ?? ''),
      silentGroups: e.silentGroups as StakeholderGroup[],
      mayCloseEarly: mayCloseEarly(facts, e),
    },
    participation: open || !p.participation ? participationView(p, s) : (p.participation as unknown as ParticipationView),
    outcome: outcomeOf(p, names),
    revisions: revisions.map(({ revision: r, amendedByName }) => ({
      round: r.round,
      title: r.title,
      body: r.body,
      background: r.background,
      closesAt: r.closesAt?.toISOString() ?? null,
      note: r.note,
      amendedBy: r.amendedBy && amendedByName !== null ? { userId: r.amendedBy, name: amendedByName } : null,
      amendedAt: r.amendedAt.toISOString(),
    })),
    history: history.map(({ entry, name }) => ({ userId: entry.userId, name, round: entry.round, position: entry.position as Position, reason: entry.reason, at: entry.at.toISOString() })),
    comments: comments.map(({ comment: c, authorName }) => ({
      id: c.id,
      parentId: c.parentId,
      author: c.authorId && authorName !== null ? { userId: c.authorId, name: authorName } : null,
      body: c.body,
      createdAt: c.createdAt.toISOString(),
    })),
    rights: {
      respond: open && proposalPolicy.respond(access) && !e.closingTimePassed && !(p.process === 'advice' && p.proposerId === me),
      comment: proposalPolicy.comment(access),
      steward,
      amend: open && proposalPolicy.amend(access),
      withdraw: open && proposalPolicy.withdraw(access),
    },
  };
}

/** The proposal as the meeting room shows it: the circle's responses (names come from the room's members). */
export async function roomProposal(db: DbOrTx, p: repo.ProposalRow, now: Date): Promise<RoomProposal> {
  const s = await situation(db, p, now);
  const ids = new Set(s.people.map((x) => x.userId));
  return {
    id: p.id,
    title: p.title,
    body: p.body,
    process: p.process as DecisionProcess,
    status: p.status as ProposalStatus,
    result: (p.result as ProposalResult | null) ?? null,
    round: p.round,
    closesAt: p.closesAt?.toISOString() ?? null,
    quorum: p.quorum as Quorum,
    participantIds: s.people.map((x) => x.userId),
    responses: s.responses
      .filter((r) => ids.has(r.userId))
      .map((r) => ({ userId: r.userId, position: r.position, reason: r.reason, current: r.round === p.round, version: r.version })),
  };
}
