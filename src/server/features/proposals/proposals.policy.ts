import type { MemberRole } from '../../../contracts/enums';

/** The caller's relation to a community and, for proposal-level checks, to one proposal. */
export interface ProposalAccess {
  roles: MemberRole[];
  isMember: boolean;
  isNetworkCoordinator: boolean;
  /** The caller opened this proposal (false for community-level checks). */
  isProposer: boolean;
  /** The caller chairs the community (fixed chair) or the meeting the proposal came from. */
  chairs: boolean;
}

const has = (a: ProposalAccess, ...roles: MemberRole[]) => roles.some((r) => a.roles.includes(r));
const coordinates = (a: ProposalAccess) => a.isNetworkCoordinator || has(a, 'coordinator');
const participates = (a: ProposalAccess) => a.isMember && has(a, 'member', 'chair', 'coordinator');

/**
 * Who may do what with proposals. Not being able to `view` means the proposal does not exist for the
 * caller (404). Only members who take a seat propose, respond and comment: observers and researchers
 * read only.
 */
export const proposalPolicy = {
  view: (a: ProposalAccess) => a.isMember || a.isNetworkCoordinator,
  propose: participates,
  respond: participates,
  comment: participates,
  /** See who has not responded, send the one reminder, close, write the outcome: the proposer and the chair. */
  steward: (a: ProposalAccess) => (a.isProposer && participates(a)) || coordinates(a) || has(a, 'chair') || (a.chairs && participates(a)),
  /** Answer a block or objection: the proposer amends or withdraws (a coordinator may withdraw an abandoned one). */
  amend: (a: ProposalAccess) => a.isProposer && participates(a),
  withdraw: (a: ProposalAccess) => (a.isProposer && participates(a)) || coordinates(a),
  /** Choose the community's quorum. */
  configure: (a: ProposalAccess) => coordinates(a) || has(a, 'chair'),
};

export type ProposalAction = keyof typeof proposalPolicy;
