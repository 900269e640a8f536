/**
 * The proposal on the room's screen, worked out from the room's own state: the responses come with
 * the proposal (proposal.sync), the names, organisations and stakeholder groups from the circle. The
 * same rules as the server's (decision-rules.ts) say where it stands.
 */
import { evaluate, fitsProcess, participation, type Participant, type Position, type Quorum, type ResponseFact } from '../../../contracts/decision-rules';
import type { RoomMember, RoomProposal } from '../../../contracts/room-state';
import type { Tally } from '../decisions/ParticipationTable';
import type { ResponseRow } from '../decisions/Responses';
import type { StandingFacts } from '../decisions/Standing';

export interface RoomProposalView {
  rows: ResponseRow[];
  tally: Tally;
  facts: StandingFacts;
}

/** Only responses that fit the process are shown (a position string from the wire is checked, not trusted). */
const positionOf = (p: RoomProposal, position: string): Position | null =>
  fitsProcess(p.process, position as Position) ? (position as Position) : null;

export function proposalView(
  p: RoomProposal,
  members: RoomMember[],
  opts: { quorum: Quorum; now: string; groupLabel: (g: string) => string },
): RoomProposalView {
  const byId = new Map(members.map((m) => [m.userId, m]));
  const asked = p.participantIds ? members.filter((m) => p.participantIds!.includes(m.userId)) : members;
  const participants: Participant[] = asked.map((m) => ({ userId: m.userId, organisationId: m.organisationId, stakeholderGroup: m.stakeholderGroup }));
  const rows: ResponseRow[] = [];
  const facts: ResponseFact[] = [];
  for (const r of p.responses) {
    const m = byId.get(r.userId);
    const position = positionOf(p, r.position);
    if (!m || !position) continue;
    rows.push({ ...m, position, reason: r.reason, current: r.current });
    // A response that needs re-confirmation answers an earlier wording.
    facts.push({ userId: r.userId, position, round: r.current ? p.round : p.round - 1 });
  }
  const proposalFacts = { process: p.process, quorum: opts.quorum, status: p.status, round: p.round, closesAt: p.closesAt };
  const e = evaluate(proposalFacts, participants, facts, opts.now);
  const part = participation(proposalFacts, participants, facts);
  const orgName = (id: string) => members.find((m) => m.organisationId === id)?.organisationName ?? '';
  const tally: Tally = {
    participants: part.participants,
    responded: part.responded,
    positions: part.positions,
    organisations: part.organisations.map((g) => ({ ...g, label: g.key ? orgName(g.key) : '' })),
    stakeholderGroups: part.stakeholderGroups.map((g) => ({ ...g, label: opts.groupLabel(g.key) })),
  };
  return {
    rows,
    tally,
    facts: {
      process: p.process,
      status: p.status,
      result: p.result,
      closesAt: p.closesAt,
      participants: part.participants,
      responded: part.responded,
      blocking: e.blocking.length,
      needsReconfirmation: e.needsReconfirmation.length,
      silent: [...e.silentGroups.map(opts.groupLabel), ...e.silentOrganisations.map(orgName).filter(Boolean)],
      everyoneResponded: e.everyoneResponded,
      quorumMet: e.quorumMet,
      closingTimePassed: e.closingTimePassed,
      wouldPass: e.wouldPass,
    },
  };
}
