/**
 * Fair chair rota for a community whose chair rotates. Pure: the same input always gives the same
 * plan, and nothing here reads the clock.
 *
 * THE CONTRACT
 *
 * 1. Slots are assigned in order of startsAt (ties: meetingId). A pinned slot (a swap or a manual
 *    choice) keeps its chair if that user is still a member and has not said they skip that very
 *    meeting; otherwise it is treated as unpinned. A kept pin counts as that member's turn.
 * 2. Candidates for a slot: willing members who had joined by the slot's start
 *    (joinedAt <= startsAt) and are not in slot.skipped. No candidates: chair null.
 * 3. Fairness: everyone willing takes a turn before anyone takes a second. Each member has a turn
 *    count: their turns in history plus the slots assigned so far. Counts are levelled at every
 *    history turn and every slot, before it is assigned, among the members who have joined by then:
 *    - a member present for the first time starts at the lowest count among the willing members
 *      who were already present (if any): they take a turn in the current round but are not owed
 *      the rounds before they came;
 *    - anyone more than one turn behind the highest count is raised to (highest - 1), so nobody is
 *      ever owed more than one turn, e.g. after being unwilling for a while or skipping a whole round.
 *    History is replayed with the same levelling (willingness as it is now), so planning again after
 *    a meeting has been held gives the same chairs for the remaining meetings.
 *    The current round is what is left until every candidate reaches the lowest count plus one: as
 *    many slots as there are candidates at the lowest count. A kept pin within those slots already
 *    counts for its member when choosing now, so a swap does not give that member a second turn in
 *    the same round. The chair is the candidate with the lowest count.
 * 4. Ties, in order:
 *    a. an organisation other than that of the previous chair (the last slot that got a chair, or
 *       else the last history turn), then an organisation with the fewest willing members who
 *       already had their turn in the current round (members without an organisation each count
 *       as an organisation of their own);
 *    b. whoever chaired longest ago (never = longest ago);
 *    c. earlier joinedAt;
 *    d. userId, ascending (code-unit order, not locale order).
 * 5. Members who left are absent from `members`: their history turns do not count for anyone, but
 *    the organisation of their turn still counts as "previous" for 4a. PastTurn.organisationId
 *    carries it, since a former member cannot be looked up; without it the previous organisation is
 *    looked up among current members, and is unknown if the user has left.
 *
 * Org alternation (4a) is a tie-break under fairness: the skipper of a meeting gets a turn in the
 * same round, normally the next meeting, but later in the round if the next one would put the same
 * organisation in the chair twice in a row.
 */

export interface RotaMember {
  userId: string;
  organisationId: string | null;
  joinedAt: Date;
  willing: boolean;
}

export interface RotaSlot {
  meetingId: string;
  startsAt: Date;
  pinnedChair: string | null;
  skipped: string[];
}

export interface PastTurn {
  userId: string;
  startsAt: Date;
  /** The chair's organisation at the time; needed for alternation after the chair has left (rule 5). */
  organisationId?: string | null;
}

export interface RotaAssignment {
  meetingId: string;
  chair: string | null;
}

interface Tally {
  member: RotaMember;
  org: string;
  joined: number;
  count: number;
  /** When they last chaired, ms; -Infinity if never. */
  last: number;
  /** Whether they have been present at an earlier turn or slot (rule 3). */
  levelled: boolean;
}

// Members without an organisation must never look like the "same organisation" as one another.
const orgKey = (organisationId: string | null, userId: string) => organisationId ?? `\u0000${userId}`;
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function planRota(input: { members: RotaMember[]; slots: RotaSlot[]; history: PastTurn[] }): RotaAssignment[] {
  const tallies = new Map<string, Tally>();
  for (const member of input.members) {
    tallies.set(member.userId, {
      member,
      org: orgKey(member.organisationId, member.userId),
      joined: member.joinedAt.getTime(),
      count: 0,
      last: -Infinity,
      levelled: false,
    });
  }
  const presentAt = (at: number) => [...tallies.values()].filter((t) => t.joined <= at);

  const level = (at: number) => {
    const present = presentAt(at);
    // Newcomers start where the least-served willing member already present stands: at a round
    // boundary that is the new round's level, so they are not owed the round they missed.
    const base = present.filter((t) => t.levelled && t.member.willing);
    if (base.length > 0) {
      const start = Math.min(...base.map((t) => t.count));
      for (const t of present) if (!t.levelled && t.count < start) t.count = start;
    }
    for (const t of present) t.levelled = true;
    // Nobody is owed more than one turn, whatever kept them out (unwilling for a while, skipping).
    const floor = Math.max(...present.map((t) => t.count)) - 1;
    for (const t of present) if (t.count < floor) t.count = floor;
  };

  let previousOrg: string | null = null;

  const history = [...input.history].sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || compareIds(a.userId, b.userId),
  );
  for (const turn of history) {
    const at = turn.startsAt.getTime();
    level(at);
    const tally = tallies.get(turn.userId);
    if (tally) {
      tally.count++;
      tally.last = Math.max(tally.last, at);
    }
    previousOrg =
      turn.organisationId !== undefined ? orgKey(turn.organisationId, turn.userId) : (tally?.org ?? null);
  }

  const slots = [...input.slots].sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || compareIds(a.meetingId, b.meetingId),
  );
  const pins = slots.map((s) =>
    s.pinnedChair !== null && tallies.has(s.pinnedChair) && !s.skipped.includes(s.pinnedChair) ? s.pinnedChair : null,
  );

  const choose = (index: number, at: number): string | null => {
    const slot = slots[index]!;
    const skipped = new Set(slot.skipped);
    const present = presentAt(at);
    const candidates = present.filter((t) => t.member.willing && !skipped.has(t.member.userId));
    if (candidates.length === 0) return null;

    // The current round still has as many slots as there are candidates at the lowest count; a pin
    // inside that stretch is that member's turn for this round, so count it already.
    const low = Math.min(...candidates.map((t) => t.count));
    const roundLeft = candidates.filter((t) => t.count === low).length;
    const reserved = new Map<string, number>();
    for (let j = index + 1; j < Math.min(slots.length, index + roundLeft); j++) {
      const pin = pins[j];
      if (pin) reserved.set(pin, (reserved.get(pin) ?? 0) + 1);
    }
    const load = (t: Tally) => t.count + (reserved.get(t.member.userId) ?? 0);
    const minLoad = Math.min(...candidates.map(load));

    const orgTurnsThisRound = new Map<string, number>();
    for (const t of present) {
      if (t.member.willing && load(t) > minLoad) orgTurnsThisRound.set(t.org, (orgTurnsThisRound.get(t.org) ?? 0) + 1);
    }

    const rank = (t: Tally): number[] => [
      load(t),
      previousOrg !== null && t.org === previousOrg ? 1 : 0,
      orgTurnsThisRound.get(t.org) ?? 0,
      t.last,
      t.joined,
    ];
    let best = candidates[0]!;
    let bestRank = rank(best);
    for (const t of candidates.slice(1)) {
      const r = rank(t);
      let cmp = 0;
      // Compared, not subtracted: two "never chaired" members are -Infinity - -Infinity = NaN apart.
      for (let k = 0; k < r.length && cmp === 0; k++) cmp = r[k]! < bestRank[k]! ? -1 : r[k]! > bestRank[k]! ? 1 : 0;
      if (cmp === 0) cmp = compareIds(t.member.userId, best.member.userId);
      if (cmp < 0) {
        best = t;
        bestRank = r;
      }
    }
    return best.member.userId;
  };

  return slots.map((slot, index) => {
    const at = slot.startsAt.getTime();
    level(at);
    const chair = pins[index] ?? choose(index, at);
    if (chair !== null) {
      const tally = tallies.get(chair)!;
      tally.count++;
      tally.last = at;
      previousOrg = tally.org;
    }
    return { meetingId: slot.meetingId, chair };
  });
}
