import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import {
  acceptsResponses, amended, closesByItself, closingTimePassed, decisionProcesses, evaluate, fitsProcess, isBlocking, mayCloseEarly,
  needsReason, participation, positions, positionsByProcess, proposalStatuses, quorumMet, quorums, resultOf,
  type DecisionProcess, type Participant, type Position, type ProposalFacts, type ResponseFact,
} from '../../../contracts/decision-rules';
import { stakeholderGroups } from '../../../contracts/enums';

// ----- generators ----------------------------------------------------------------------------
const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** The same instant written with a +02:00 offset, as the API accepts. */
const isoPlus2 = (ms: number) => iso(ms + 2 * HOUR).replace('Z', '+02:00');
/** Instants within three days: whole hours often (so now === closesAt happens), any millisecond, or with an offset. */
const isoArb = fc.oneof(
  fc.integer({ min: 0, max: 72 }).map((h) => iso(T0 + h * HOUR)),
  fc.integer({ min: 0, max: 72 * HOUR }).map((ms) => iso(T0 + ms)),
  fc.integer({ min: 0, max: 72 }).map((h) => isoPlus2(T0 + h * HOUR)),
);

const orgArb = fc.option(fc.constantFrom('org-a', 'org-b', 'org-c'), { nil: null, freq: 4 });
const participantsArb = (minLength = 0) =>
  fc
    .array(fc.record({ organisationId: orgArb, stakeholderGroup: fc.constantFrom(...stakeholderGroups) }), { minLength, maxLength: 7 })
    .map((list) => list.map((p, i): Participant => ({ userId: `u${i}`, ...p })));

const consentLike = ['consent', 'consensus'] as const;
const factsArb = (processes: readonly DecisionProcess[] = decisionProcesses) =>
  fc.record<ProposalFacts>({
    process: fc.constantFrom(...processes),
    quorum: fc.constantFrom(...quorums),
    status: fc.constantFrom(...proposalStatuses),
    round: fc.integer({ min: 1, max: 4 }),
    closesAt: fc.option(isoArb, { nil: null }),
  });

const positionsOf = (process: DecisionProcess) => positionsByProcess[process] as readonly Position[];
const blockingPosition = { consent: 'objection', consensus: 'block' } as const;
const nonBlockingArb = (process: DecisionProcess) => fc.constantFrom(...positionsOf(process).filter((p) => !isBlocking(p)));
/** People who responded and then left the community (no longer participants). */
const LEFT = ['left-1', 'left-2'];

/** At most one response per person (the server keeps the latest), fitting the process; mostly unblocking and current. */
const responseArb = (facts: ProposalFacts, userId: string) =>
  fc.record({
    userId: fc.constant(userId),
    position: fc.oneof({ arbitrary: nonBlockingArb(facts.process), weight: 3 }, fc.constantFrom(...positionsOf(facts.process))),
    round: fc.oneof({ arbitrary: fc.constant(facts.round), weight: 2 }, fc.integer({ min: 1, max: facts.round })),
  });
const responsesArb = (facts: ProposalFacts, userIds: string[]) =>
  fc
    .tuple(...[...userIds, ...LEFT].map((userId) => fc.option(responseArb(facts, userId), { nil: null, freq: 4 })))
    .map((list) => list.filter((r): r is ResponseFact => r !== null));

interface Scenario { facts: ProposalFacts; participants: Participant[]; responses: ResponseFact[]; now: string }
const scenarioArb = (opts: { processes?: readonly DecisionProcess[]; minParticipants?: number } = {}): fc.Arbitrary<Scenario> =>
  fc
    .record({ facts: factsArb(opts.processes), participants: participantsArb(opts.minParticipants), now: isoArb })
    .chain((s) => responsesArb(s.facts, s.participants.map((p) => p.userId)).map((responses) => ({ ...s, responses })));
/** A scenario plus one chosen participant. */
const withSomeoneArb = (opts: { processes?: readonly DecisionProcess[] } = {}) =>
  scenarioArb({ ...opts, minParticipants: 1 }).chain((s) =>
    fc.nat({ max: s.participants.length - 1 }).map((i) => ({ s, who: s.participants[i]! })),
  );

const run = (s: Scenario) => evaluate(s.facts, s.participants, s.responses, s.now);
const respond = (responses: ResponseFact[], r: ResponseFact) => [...responses.filter((x) => x.userId !== r.userId), r];
const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
/** fc.assert(fc.property(...)) with the default number of runs. */
const prop = <T>(arb: fc.Arbitrary<T>, check: (value: T) => void) => fc.assert(fc.property(arb, check));

// ----- example community -----------------------------------------------------------------------
const people: Participant[] = [
  { userId: 'ann', organisationId: 'school-1', stakeholderGroup: 'school' },
  { userId: 'bob', organisationId: 'school-1', stakeholderGroup: 'school' },
  { userId: 'cas', organisationId: 'cjg', stakeholderGroup: 'care' },
  { userId: 'dia', organisationId: null, stakeholderGroup: 'parent' },
];
const open = (over: Partial<ProposalFacts> = {}): ProposalFacts =>
  ({ process: 'consensus', quorum: 'groups', status: 'open', round: 1, closesAt: null, ...over });
const agree = (...ids: string[]) => ids.map((userId): ResponseFact => ({ userId, position: 'agree', round: 1 }));
const NOW = '2026-03-02T09:00:00.000Z';

describe('positions', () => {
  it('fitsProcess, isBlocking and needsReason for every position × process', () => {
    const fits: Record<DecisionProcess, Position[]> = {
      consent: ['noObjection', 'objection'],
      consensus: ['agree', 'abstain', 'concerns', 'block'],
      advice: ['advice'],
    };
    const blocking: Position[] = ['objection', 'block'];
    const reasoned: Position[] = ['objection', 'concerns', 'block', 'advice'];
    for (const p of positions) {
      for (const process of decisionProcesses) expect(fitsProcess(process, p), `${process}/${p}`).toBe(fits[process].includes(p));
      expect(decisionProcesses.filter((process) => fitsProcess(process, p))).toHaveLength(1);
      expect(isBlocking(p), p).toBe(blocking.includes(p));
      expect(needsReason(p), p).toBe(reasoned.includes(p));
    }
    // Consent and consensus each have exactly one blocking position, advice none.
    expect(decisionProcesses.map((process) => positionsOf(process).filter(isBlocking))).toEqual([['objection'], ['block'], []]);
  });
});

describe('acceptsResponses: none after closing (rule 3)', () => {
  it('is false when closed, withdrawn or at/after closesAt, and true otherwise', () => {
    prop(fc.tuple(factsArb(), isoArb), ([facts, now]) => {
      const late = facts.closesAt !== null && Date.parse(now) >= Date.parse(facts.closesAt);
      expect(acceptsResponses(facts, now)).toBe(facts.status === 'open' && !late);
      if (facts.status !== 'open' || late) expect(acceptsResponses(facts, now)).toBe(false);
    });
  });
  it('closes at the exact instant, whatever the offset it is written with', () => {
    const closesAt = '2026-03-02T10:00:00+02:00';
    expect(acceptsResponses({ status: 'open', closesAt }, '2026-03-02T07:59:59.999Z')).toBe(true);
    expect(acceptsResponses({ status: 'open', closesAt }, '2026-03-02T08:00:00.000Z')).toBe(false);
    expect(closingTimePassed({ closesAt }, '2026-03-02T08:00:00Z')).toBe(true);
    expect(acceptsResponses({ status: 'open', closesAt: null }, '2099-01-01T00:00:00Z')).toBe(true);
    for (const status of ['closed', 'withdrawn'] as const) expect(acceptsResponses({ status, closesAt: null }, NOW)).toBe(false);
  });
});

describe('a block or objection (rule 1)', () => {
  it('one current block or objection always prevents "passed"', () => {
    prop(withSomeoneArb({ processes: consentLike }), ({ s, who }) => {
      const process = s.facts.process as (typeof consentLike)[number];
      const responses = respond(s.responses, { userId: who.userId, position: blockingPosition[process], round: s.facts.round });
      const e = evaluate(s.facts, s.participants, responses, s.now);
      expect(e.blocking).toContain(who.userId);
      expect(e.wouldPass).toBe(false);
      expect(resultOf(s.facts, e)).toBe('notPassed');
    });
  });
  it('even when everyone else agrees, the quorum is met and the time has passed', () => {
    const responses = [...agree('ann', 'bob', 'cas'), { userId: 'dia', position: 'block' as const, round: 1 }];
    const e = evaluate(open({ closesAt: '2026-03-01T00:00:00Z' }), people, responses, NOW);
    expect(e).toMatchObject({ everyoneResponded: true, quorumMet: true, closingTimePassed: true, blocking: ['dia'], wouldPass: false });
  });
});

describe('quorum', () => {
  it('a proposal cannot pass while an organisation or stakeholder group has no current response, under any quorum (rule 2)', () => {
    const arb = withSomeoneArb().chain(({ s, who }) => fc.boolean().map((byOrg) => ({ s, who, byOrg })));
    prop(arb, ({ s, who, byOrg }) => {
      const useOrg = byOrg && who.organisationId !== null;
      const silenced = (p: Participant) => (useOrg ? p.organisationId === who.organisationId : p.stakeholderGroup === who.stakeholderGroup);
      const ids = new Set(s.participants.filter(silenced).map((p) => p.userId));
      const responses = s.responses.filter((r) => !(ids.has(r.userId) && r.round === s.facts.round));
      const e = evaluate(s.facts, s.participants, responses, s.now);
      if (useOrg) expect(e.silentOrganisations).toContain(who.organisationId);
      else expect(e.silentGroups).toContain(who.stakeholderGroup);
      expect(e.quorumMet).toBe(false);
      expect(e.wouldPass).toBe(false);
      expect(resultOf(s.facts, e)).not.toBe('passed');
    });
  });
  it('the stricter quorums are never weaker: everyone ⇒ groupsAndMajority ⇒ groups', () => {
    const arb = participantsArb().chain((ps) =>
      fc.subarray([...ps.map((p) => p.userId), ...LEFT]).map((ids) => ({ ps, heard: new Set(ids) })),
    );
    prop(arb, ({ ps, heard }) => {
      const met = (q: (typeof quorums)[number]) => quorumMet(q, ps, heard);
      const n = ps.filter((p) => heard.has(p.userId)).length;
      if (met('everyone')) expect([met('groupsAndMajority'), n]).toEqual([true, ps.length]);
      if (met('groupsAndMajority')) expect([met('groups'), n * 2 > ps.length]).toEqual([true, true]);
      if (met('groups')) expect(n).toBeGreaterThan(0);
    });
  });
  it('examples: groups, groupsAndMajority and everyone', () => {
    const q = (quorum: (typeof quorums)[number], ...ids: string[]) => quorumMet(quorum, people, new Set(ids));
    expect(q('groups', 'ann', 'cas', 'dia')).toBe(true);
    expect(q('groups', 'ann', 'bob', 'cas')).toBe(false); // no parent heard
    expect(q('groupsAndMajority', 'ann', 'cas', 'dia')).toBe(true); // 3 of 4
    const more = (...ids: string[]) => [...people, ...ids.map((userId) => ({ ...people[0]!, userId }))];
    expect(quorumMet('groupsAndMajority', more('eve'), new Set(['ann', 'cas', 'dia']))).toBe(true); // 3 of 5
    expect(quorumMet('groupsAndMajority', more('eve', 'fay'), new Set(['ann', 'cas', 'dia']))).toBe(false); // 3 of 6
    expect(q('everyone', 'ann', 'cas', 'dia')).toBe(false);
    expect(q('everyone', 'ann', 'bob', 'cas', 'dia')).toBe(true);
    for (const quorum of quorums) expect(quorumMet(quorum, [], new Set(['left-1']))).toBe(false);
  });
  it('members without an organisation do not form an organisation that must be heard', () => {
    prop(scenarioArb(), (s) => {
      const orgs = new Set(s.participants.map((p) => p.organisationId));
      const e = run(s);
      for (const o of e.silentOrganisations) expect(orgs.has(o) && o !== null && o !== '').toBe(true);
      const heardAll = e.responded.length > 0 && e.silentOrganisations.length === 0 && e.silentGroups.length === 0;
      expect(quorumMet('groups', s.participants, new Set(e.responded))).toBe(heardAll);
    });
    const e = evaluate(open(), people, agree('ann', 'cas'), NOW);
    expect(e).toMatchObject({ silentOrganisations: [], silentGroups: ['parent'], quorumMet: false });
    const withEve = [...people, { userId: 'eve', organisationId: 'org-x', stakeholderGroup: 'parent' }];
    expect(evaluate(open(), withEve, agree('ann', 'cas', 'eve'), NOW)).toMatchObject({ missing: ['bob', 'dia'], quorumMet: true });
    const noOrg = people.map((p) => ({ ...p, organisationId: null }));
    expect(evaluate(open(), noOrg, agree('ann', 'cas', 'dia'), NOW)).toMatchObject({ silentOrganisations: [], quorumMet: true });
  });
});

describe('when a proposal passes', () => {
  it('passes exactly when nobody blocks and everyone responded, or the time passed with the quorum met', () => {
    prop(scenarioArb({ processes: consentLike }), (s) => {
      const e = run(s);
      expect(e.wouldPass).toBe(e.blocking.length === 0 && (e.everyoneResponded || (e.closingTimePassed && e.quorumMet)));
      expect(resultOf(s.facts, e)).toBe(e.wouldPass ? 'passed' : 'notPassed');
    });
  });
  it('everyone responded and nobody blocks: passes, whatever the closing time or quorum', () => {
    const arb = fc
      .record({ facts: factsArb(consentLike), participants: participantsArb(1), now: isoArb })
      .chain((s) => fc.tuple(...s.participants.map(() => nonBlockingArb(s.facts.process))).map((ps) => ({ ...s, ps })));
    prop(arb, ({ facts, participants, now, ps }) => {
      const responses = participants.map((p, i): ResponseFact => ({ userId: p.userId, position: ps[i]!, round: facts.round }));
      const e = evaluate(facts, participants, responses, now);
      expect(e.everyoneResponded && e.quorumMet && e.wouldPass).toBe(true);
      expect(resultOf(facts, e)).toBe('passed');
    });
  });
  it('closing time passed, quorum met, nobody blocks: passes', () => {
    const arb = scenarioArb({ processes: consentLike }).map((s) => ({
      ...s,
      facts: { ...s.facts, closesAt: s.now },
      responses: s.responses.filter((r) => !isBlocking(r.position)),
    }));
    prop(arb, (s) => {
      const e = run(s);
      fc.pre(e.quorumMet);
      expect(e.closingTimePassed && e.wouldPass).toBe(true);
      expect(resultOf(s.facts, e)).toBe('passed');
    });
  });
  it('closing time not passed and someone missing: cannot pass', () => {
    const arb = withSomeoneArb().chain(({ s, who }) =>
      fc.option(fc.integer({ min: 1, max: 48 * HOUR }), { nil: null }).map((ahead) => ({
        s: { ...s, facts: { ...s.facts, closesAt: ahead === null ? null : iso(Date.parse(s.now) + ahead) } },
        who,
      })),
    );
    prop(arb, ({ s, who }) => {
      const responses = s.responses.filter((r) => !(r.userId === who.userId && r.round === s.facts.round));
      const e = evaluate(s.facts, s.participants, responses, s.now);
      expect(e.missing).toContain(who.userId);
      expect(e.closingTimePassed || e.wouldPass).toBe(false);
      expect(resultOf(s.facts, e)).not.toBe('passed');
    });
  });
  it('advice never passes: the result is "advised"', () => {
    prop(scenarioArb({ processes: ['advice'] }), (s) => {
      const e = run(s);
      expect(e.wouldPass || e.blocking.length > 0).toBe(false);
      expect(resultOf(s.facts, e)).toBe('advised');
    });
  });
  it('an empty participant list never passes', () => {
    const arb = scenarioArb().map((s) => ({ ...s, participants: [] }));
    prop(arb, (s) => {
      const e = run(s);
      expect(e.everyoneResponded || e.quorumMet || e.wouldPass).toBe(false);
      expect(resultOf(s.facts, e)).not.toBe('passed');
    });
  });
});

describe('amending resets every response (rule 4)', () => {
  it('after amending, every earlier response needs re-confirmation and counts for nothing', () => {
    prop(scenarioArb(), (s) => {
      const facts = amended(s.facts);
      expect(facts).toEqual({ ...s.facts, round: s.facts.round + 1 });
      const e = evaluate(facts, s.participants, s.responses, s.now);
      const ids = s.participants.map((p) => p.userId);
      const answered = new Set(s.responses.map((r) => r.userId));
      expect(e.needsReconfirmation).toEqual(ids.filter((id) => answered.has(id)));
      expect(e.missing).toEqual(ids);
      expect([e.responded, e.blocking]).toEqual([[], []]);
      expect(e.everyoneResponded || e.quorumMet || e.wouldPass || closesByItself({ ...facts, closesAt: null }, e)).toBe(false);
      expect(resultOf(facts, e)).not.toBe('passed');
      expect(participation(facts, s.participants, s.responses).responded).toBe(0);
    });
  });
  it('a blocker must re-confirm; re-confirming counts again', () => {
    const facts = amended(open());
    const responses: ResponseFact[] = [...agree('ann', 'bob', 'cas'), { userId: 'dia', position: 'block', round: 1 }];
    const e = evaluate(facts, people, responses, NOW);
    expect(e).toMatchObject({ blocking: [], needsReconfirmation: ['ann', 'bob', 'cas', 'dia'], wouldPass: false });
    const again = respond(responses, { userId: 'dia', position: 'block', round: 2 });
    const after = evaluate(facts, people, again, NOW);
    expect(after).toMatchObject({ responded: ['dia'], blocking: ['dia'], needsReconfirmation: ['ann', 'bob', 'cas'] });
  });
});

describe('closing', () => {
  it('closesByItself: with a closing time only when it came; without one when everyone responded and nobody blocks', () => {
    prop(scenarioArb(), (s) => {
      const e = run(s);
      const expected = s.facts.closesAt !== null ? closingTimePassed(s.facts, s.now) : e.everyoneResponded && e.blocking.length === 0;
      expect(closesByItself(s.facts, e)).toBe(s.facts.status === 'open' && expected);
    });
  });
  it('a block keeps a "when everyone has responded" proposal open; with a time it closes as not passed', () => {
    const responses: ResponseFact[] = [...agree('ann', 'bob', 'cas'), { userId: 'dia', position: 'block', round: 1 }];
    expect(closesByItself(open(), evaluate(open(), people, responses, NOW))).toBe(false);
    expect(closesByItself(open(), evaluate(open(), people, agree('ann', 'bob', 'cas', 'dia'), NOW))).toBe(true);
    const timed = open({ closesAt: NOW });
    const e = evaluate(timed, people, responses, NOW);
    expect([closesByItself(timed, e), resultOf(timed, e)]).toEqual([true, 'notPassed']);
    expect(closesByItself(timed, evaluate(timed, people, responses, '2026-03-02T08:59:59.999Z'))).toBe(false);
  });
  it('mayCloseEarly only while open, and when everyone responded without a block or the time came', () => {
    prop(scenarioArb(), (s) => {
      const e = run(s);
      expect(mayCloseEarly(s.facts, e)).toBe(s.facts.status === 'open' && (e.closingTimePassed || (e.everyoneResponded && e.blocking.length === 0)));
      if (e.blocking.length > 0 && !closingTimePassed(s.facts, s.now)) expect(mayCloseEarly(s.facts, e)).toBe(false);
      if (e.missing.length > 0 && !closingTimePassed(s.facts, s.now)) expect(mayCloseEarly(s.facts, e)).toBe(false);
    });
    const timed = open({ closesAt: '2026-03-03T09:00:00Z' });
    expect(mayCloseEarly(timed, evaluate(timed, people, agree('ann', 'cas', 'dia'), NOW))).toBe(false);
    expect(mayCloseEarly(timed, evaluate(timed, people, agree('ann', 'bob', 'cas', 'dia'), NOW))).toBe(true);
    expect(mayCloseEarly({ ...timed, status: 'closed' }, evaluate(timed, people, agree('ann', 'bob', 'cas', 'dia'), NOW))).toBe(false);
  });
});

describe('evaluate bookkeeping', () => {
  it('responses of people who are no longer participants are ignored', () => {
    prop(fc.tuple(scenarioArb(), fc.constantFrom(...positions)), ([s, position]) => {
      const ids = new Set(s.participants.map((p) => p.userId));
      const own = s.responses.filter((r) => ids.has(r.userId));
      const withLeaver = [...s.responses.filter((r) => r.userId !== 'left-1'), { userId: 'left-1', position, round: s.facts.round }];
      expect(evaluate(s.facts, s.participants, withLeaver, s.now)).toEqual(evaluate(s.facts, s.participants, own, s.now));
      expect(participation(s.facts, s.participants, withLeaver)).toEqual(participation(s.facts, s.participants, own));
    });
  });
  it('responded and missing split the participants in order; re-confirmations are missing; blockers responded', () => {
    prop(scenarioArb(), (s) => {
      const e = run(s);
      const ids = s.participants.map((p) => p.userId);
      expect(ids.filter((id) => e.responded.includes(id))).toEqual(e.responded);
      expect(ids.filter((id) => !e.responded.includes(id))).toEqual(e.missing);
      for (const id of e.needsReconfirmation) expect(e.missing).toContain(id);
      for (const id of e.blocking) expect(e.responded).toContain(id);
      expect(e.everyoneResponded).toBe(ids.length > 0 && e.missing.length === 0);
    });
  });
});

describe('participation', () => {
  it('totals equal the sums over organisations and over stakeholder groups; only the current round counts', () => {
    prop(scenarioArb(), (s) => {
      const part = participation(s.facts, s.participants, s.responses);
      expect([part.participants, part.responded]).toEqual([s.participants.length, run(s).responded.length]);
      for (const groups of [part.organisations, part.stakeholderGroups]) {
        expect(groups.map((g) => g.key)).toEqual([...new Set(groups.map((g) => g.key))].sort());
        expect(sum(groups.map((g) => g.participants))).toBe(part.participants);
        expect(sum(groups.map((g) => g.responded))).toBe(part.responded);
        for (const p of positions) expect(sum(groups.map((g) => g.positions[p] ?? 0))).toBe(part.positions[p] ?? 0);
      }
      expect(sum(Object.values(part.positions))).toBe(part.responded);
      const current = s.responses.filter((r) => r.round === s.facts.round);
      expect(participation(s.facts, s.participants, current)).toEqual(part);
    });
  });
  it('an example community, with "" for members without an organisation', () => {
    // Round 2: bob's block answers the first wording and counts for nothing.
    const responses: ResponseFact[] = [
      ...agree('ann', 'dia').map((r) => ({ ...r, round: 2 })),
      { userId: 'cas', position: 'concerns', round: 2 },
      { userId: 'bob', position: 'block', round: 1 },
    ];
    const part = participation({ round: 2 }, people, responses);
    expect(part).toMatchObject({ participants: 4, responded: 3, positions: { agree: 2, concerns: 1 } });
    expect(part.organisations).toEqual([
      { key: '', participants: 1, responded: 1, positions: { agree: 1 } },
      { key: 'cjg', participants: 1, responded: 1, positions: { concerns: 1 } },
      { key: 'school-1', participants: 2, responded: 1, positions: { agree: 1 } },
    ]);
    const groups = part.stakeholderGroups.map((g) => [g.key, g.participants, g.responded]);
    expect(groups).toEqual([['care', 1, 1], ['parent', 1, 1], ['school', 2, 1]]);
  });
});
