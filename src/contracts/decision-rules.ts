/**
 * Part 4, decisions by consensus: the rules, as pure functions. The server decides with them (inside
 * the proposal's row lock) and the web shows with the same ones why a proposal would or would not pass.
 * No zod here: the web bundles this file.
 *
 * In one sentence: a consent or consensus proposal passes only when nobody blocks or objects and
 * either everyone has responded, or the closing time has passed and the quorum is met. Only responses
 * to the current wording count: amending a proposal sends every response back for re-confirmation.
 */

export const decisionProcesses = ['consent', 'consensus', 'advice'] as const;
export type DecisionProcess = (typeof decisionProcesses)[number];

export const positionsByProcess = {
  consent: ['noObjection', 'objection'],
  consensus: ['agree', 'abstain', 'concerns', 'block'],
  advice: ['advice'],
} as const satisfies Record<DecisionProcess, readonly string[]>;
export const positions = ['noObjection', 'objection', 'agree', 'abstain', 'concerns', 'block', 'advice'] as const;
export type Position = (typeof positions)[number];

/** A position that stops a proposal until the proposer amends or withdraws it. */
export const isBlocking = (p: Position) => p === 'objection' || p === 'block';
/** Positions that must say why (advice is the reason itself). */
export const needsReason = (p: Position) => p === 'objection' || p === 'concerns' || p === 'block' || p === 'advice';
export const fitsProcess = (process: DecisionProcess, p: Position) => (positionsByProcess[process] as readonly string[]).includes(p);

/**
 * groups (default): every organisation and every stakeholder group among the participants has at
 * least one response. groupsAndMajority: that, and more than half of the participants. everyone: all.
 */
export const quorums = ['groups', 'groupsAndMajority', 'everyone'] as const;
export type Quorum = (typeof quorums)[number];

export const proposalStatuses = ['open', 'closed', 'withdrawn'] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];
/** passed / notPassed for consent and consensus; advised when an advice proposal closes (the proposer then decides). */
export const proposalResults = ['passed', 'notPassed', 'advised'] as const;
export type ProposalResult = (typeof proposalResults)[number];

/** Someone expected to respond: a member who takes a seat (not an observer or researcher). */
export interface Participant {
  userId: string;
  organisationId: string | null;
  stakeholderGroup: string;
}

export interface ResponseFact {
  userId: string;
  position: Position;
  /** The round (wording) of the proposal this response answers; 1 + the number of amendments before it. */
  round: number;
}

export interface ProposalFacts {
  process: DecisionProcess;
  quorum: Quorum;
  status: ProposalStatus;
  round: number;
  /** ISO instant; null means "when everyone has responded". */
  closesAt: string | null;
}

export interface Evaluation {
  /** Participants with a response to the current wording, in participant order. */
  responded: string[];
  /** Participants without one (including those whose response needs re-confirmation). */
  missing: string[];
  /** Participants whose response answers an earlier wording. */
  needsReconfirmation: string[];
  /** Current objections and blocks. */
  blocking: string[];
  everyoneResponded: boolean;
  /** Organisations and stakeholder groups among the participants without any current response. */
  silentOrganisations: string[];
  silentGroups: string[];
  quorumMet: boolean;
  closingTimePassed: boolean;
  /** Whether closing now would give "passed" (never for advice, which the proposer decides). */
  wouldPass: boolean;
}

const uniq = <T>(list: T[]) => [...new Set(list)];

/** Whether the closing time has come at `now` (never for "when everyone has responded"). */
export const closingTimePassed = (facts: Pick<ProposalFacts, 'closesAt'>, now: string) =>
  facts.closesAt !== null && Date.parse(now) >= Date.parse(facts.closesAt);

/** Whether a response may be given or changed at `now`: only while open and before the closing time. */
export const acceptsResponses = (facts: Pick<ProposalFacts, 'status' | 'closesAt'>, now: string) =>
  facts.status === 'open' && !closingTimePassed(facts, now);

/** The quorum on its own, given who responded (to the current wording). */
export function quorumMet(quorum: Quorum, participants: Participant[], responded: ReadonlySet<string>) {
  const heard = participants.filter((p) => responded.has(p.userId));
  // Nobody to hear is no quorum (an empty list must never pass once the closing time has come).
  if (quorum === 'everyone') return heard.length > 0 && heard.length === participants.length;
  const orgs = uniq(participants.map((p) => p.organisationId).filter((o): o is string => o !== null));
  const groups = uniq(participants.map((p) => p.stakeholderGroup));
  const groupsHeard =
    orgs.every((o) => heard.some((p) => p.organisationId === o)) && groups.every((g) => heard.some((p) => p.stakeholderGroup === g));
  if (!groupsHeard || heard.length === 0) return false;
  return quorum === 'groups' || heard.length * 2 > participants.length;
}

/**
 * Where a proposal stands. Responses of people who are no longer participants are ignored (they left
 * the community); a response to an earlier wording counts for nothing until it is re-confirmed.
 */
export function evaluate(facts: ProposalFacts, participants: Participant[], responses: ResponseFact[], now: string): Evaluation {
  const byUser = new Map(responses.map((r) => [r.userId, r]));
  const current = participants.filter((p) => byUser.get(p.userId)?.round === facts.round);
  const respondedSet = new Set(current.map((p) => p.userId));
  const missing = participants.filter((p) => !respondedSet.has(p.userId)).map((p) => p.userId);
  const needsReconfirmation = participants.filter((p) => {
    const r = byUser.get(p.userId);
    return r !== undefined && r.round < facts.round;
  });
  const blocking = current.filter((p) => isBlocking(byUser.get(p.userId)!.position)).map((p) => p.userId);
  const heard = participants.filter((p) => respondedSet.has(p.userId));
  const silentOrganisations = uniq(participants.map((p) => p.organisationId).filter((o): o is string => o !== null)).filter(
    (o) => !heard.some((p) => p.organisationId === o),
  );
  const silentGroups = uniq(participants.map((p) => p.stakeholderGroup)).filter((g) => !heard.some((p) => p.stakeholderGroup === g));
  const everyoneResponded = participants.length > 0 && missing.length === 0;
  const met = quorumMet(facts.quorum, participants, respondedSet);
  const passed = closingTimePassed(facts, now);
  return {
    responded: current.map((p) => p.userId),
    missing,
    needsReconfirmation: needsReconfirmation.map((p) => p.userId),
    blocking,
    everyoneResponded,
    silentOrganisations,
    silentGroups,
    quorumMet: met,
    closingTimePassed: passed,
    wouldPass: facts.process !== 'advice' && blocking.length === 0 && (everyoneResponded || (passed && met)),
  };
}

/** The result a proposal gets when it closes with this evaluation. */
export function resultOf(facts: Pick<ProposalFacts, 'process'>, e: Evaluation): ProposalResult {
  if (facts.process === 'advice') return 'advised';
  return e.wouldPass ? 'passed' : 'notPassed';
}

/**
 * Whether the proposal closes by itself now: its closing time has come, or (without one) everyone has
 * responded and nobody blocks. A block keeps a "when everyone has responded" proposal open: it must be
 * answered by amending or withdrawing.
 */
export function closesByItself(facts: ProposalFacts, e: Evaluation): boolean {
  if (facts.status !== 'open') return false;
  if (facts.closesAt !== null) return e.closingTimePassed;
  return e.everyoneResponded && e.blocking.length === 0;
}

/**
 * Whether the proposer or chair may close it before the closing time: only when every voice has been
 * heard and nobody blocks or objects (a block is answered by amending or withdrawing, not by closing).
 * Once the closing time has come it may always be closed.
 */
export const mayCloseEarly = (facts: ProposalFacts, e: Evaluation) =>
  facts.status === 'open' && (e.closingTimePassed || (e.everyoneResponded && e.blocking.length === 0));

/** Amending: a new wording, so every response given so far answers an earlier one. */
export const amended = <F extends ProposalFacts>(facts: F): F => ({ ...facts, round: facts.round + 1 });

/** One group's part in a decision: how many could respond, how many did, and with what. */
export interface GroupParticipation {
  key: string;
  participants: number;
  responded: number;
  positions: Partial<Record<Position, number>>;
}

export interface Participation {
  participants: number;
  responded: number;
  positions: Partial<Record<Position, number>>;
  /** Keyed by organisation id ('' for members without one). */
  organisations: GroupParticipation[];
  stakeholderGroups: GroupParticipation[];
}

/** Participation by organisation and stakeholder group, counting responses to the current wording. */
export function participation(facts: Pick<ProposalFacts, 'round'>, participants: Participant[], responses: ResponseFact[]): Participation {
  const byUser = new Map(responses.filter((r) => r.round === facts.round).map((r) => [r.userId, r]));
  const tally = (list: Participant[]) => {
    const positions: Partial<Record<Position, number>> = {};
    let responded = 0;
    for (const p of list) {
      const r = byUser.get(p.userId);
      if (!r) continue;
      responded++;
      positions[r.position] = (positions[r.position] ?? 0) + 1;
    }
    return { participants: list.length, responded, positions };
  };
  const groupBy = (key: (p: Participant) => string) => {
    const keys = uniq(participants.map(key)).sort();
    return keys.map((k) => ({ key: k, ...tally(participants.filter((p) => key(p) === k)) }));
  };
  return {
    ...tally(participants),
    organisations: groupBy((p) => p.organisationId ?? ''),
    stakeholderGroups: groupBy((p) => p.stakeholderGroup),
  };
}
