import { describe, it, expect } from 'vitest';
import { planRota, type PastTurn, type RotaMember, type RotaSlot } from './rota';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 6, 18, 30);
/** Meeting n, every two weeks from 6 January 2026. */
const at = (n: number) => new Date(T0 + n * 14 * DAY);

function member(userId: string, organisationId: string | null, joinedDay = 0, willing = true): RotaMember {
  // Members join on consecutive days in 2025 unless told otherwise, so joinedAt order = argument order.
  return { userId, organisationId, joinedAt: new Date(Date.UTC(2025, 0, 1) + joinedDay * DAY), willing };
}
const slot = (n: number, extra: Partial<RotaSlot> = {}): RotaSlot => ({
  meetingId: `m${String(n).padStart(3, '0')}`,
  startsAt: at(n),
  pinnedChair: null,
  skipped: [],
  ...extra,
});
const slots = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => slot(from + i));
const chairs = (members: RotaMember[], s: RotaSlot[], history: PastTurn[] = []) =>
  planRota({ members, slots: s, history }).map((a) => a.chair);

// Six members in three organisations: a college (X), a school (Y) and youth care (Z).
const six = [
  member('ann', 'X', 0),
  member('bob', 'X', 1),
  member('cas', 'Y', 2),
  member('dee', 'Y', 3),
  member('eva', 'Z', 4),
  member('fay', 'Z', 5),
];
const orgOf = (id: string | null) => six.find((m) => m.userId === id)?.organisationId;
const noSameOrgTwiceInARow = (list: (string | null)[]) => list.every((c, i) => i === 0 || orgOf(c) !== orgOf(list[i - 1]!));

describe('planRota: rounds', () => {
  it('everyone chairs once per round and organisations alternate, round after round', () => {
    const plan = chairs(six, slots(0, 18));
    expect(plan.slice(0, 6)).toEqual(['ann', 'cas', 'eva', 'bob', 'dee', 'fay']);
    for (const round of [plan.slice(0, 6), plan.slice(6, 12), plan.slice(12, 18)]) {
      expect([...round].sort()).toEqual(['ann', 'bob', 'cas', 'dee', 'eva', 'fay']);
    }
    expect(noSameOrgTwiceInARow(plan)).toBe(true);
    // The order settles: whoever chaired longest ago goes first.
    expect(plan.slice(6, 12)).toEqual(plan.slice(0, 6));
  });

  it('continues fairly from history, mid-round', () => {
    const history = ['ann', 'cas', 'eva'].map((userId, n) => ({ userId, startsAt: at(n) }));
    const plan = chairs(six, slots(3, 9), history);
    expect(plan.slice(0, 3).sort()).toEqual(['bob', 'dee', 'fay']);
    expect(plan.slice(3, 6).sort()).toEqual(['ann', 'cas', 'eva']);
  });

  it('unwilling members never chair', () => {
    const members = six.map((m) => (m.userId === 'cas' ? { ...m, willing: false } : m));
    const plan = chairs(members, slots(0, 15));
    expect(plan).not.toContain('cas');
    expect(plan.filter((c) => c === 'dee')).toHaveLength(3);
  });

  it('no candidates: nobody has joined yet, nobody is willing, or everyone skips', () => {
    const late = [member('ann', 'X', 400), member('bob', 'Y', 400)];
    expect(chairs(late, slots(0, 2))).toEqual([null, null]);
    expect(chairs(six.map((m) => ({ ...m, willing: false })), slots(0, 2))).toEqual([null, null]);
    expect(chairs(six, [slot(0, { skipped: six.map((m) => m.userId) })])).toEqual([null]);
    expect(chairs([], slots(0, 1))).toEqual([null]);
  });
});

describe('planRota: pins and skips', () => {
  it('a swap keeps both pinned chairs and nobody gets a second turn in the round', () => {
    // ann and dee swap: dee chairs meeting 0, ann meeting 4.
    const s = slots(0, 12);
    s[0] = slot(0, { pinnedChair: 'dee' });
    s[4] = slot(4, { pinnedChair: 'ann' });
    const plan = chairs(six, s);
    expect(plan[0]).toBe('dee');
    expect(plan[4]).toBe('ann');
    expect([...plan.slice(0, 6)].sort()).toEqual(['ann', 'bob', 'cas', 'dee', 'eva', 'fay']);
    expect([...plan.slice(6, 12)].sort()).toEqual(['ann', 'bob', 'cas', 'dee', 'eva', 'fay']);
    expect(noSameOrgTwiceInARow(plan.slice(0, 6))).toBe(true);
  });

  it('a pin for someone who left, or who skips that meeting, is ignored', () => {
    const plain = chairs(six, slots(0, 6));
    expect(chairs(six, [slot(0, { pinnedChair: 'gone' }), ...slots(1, 6)])).toEqual(plain);
    const skippedPin = chairs(six, [slot(0, { pinnedChair: 'bob', skipped: ['bob'] }), ...slots(1, 6)]);
    expect(skippedPin[0]).not.toBe('bob');
  });

  it('a pin is kept even for someone not otherwise a candidate', () => {
    const members = six.map((m) => (m.userId === 'fay' ? { ...m, willing: false } : m));
    expect(chairs(members, [slot(0, { pinnedChair: 'fay' })])).toEqual(['fay']);
  });

  it('a skip moves the turn to the next fair candidate; the skipper chairs the next meeting', () => {
    // Unskipped order: ann cas eva bob dee fay. bob skips meeting 3.
    const s = slots(0, 12);
    s[3] = slot(3, { skipped: ['bob'] });
    const plan = chairs(six, s);
    expect(plan.slice(0, 6)).toEqual(['ann', 'cas', 'eva', 'dee', 'bob', 'fay']);
    expect([...plan.slice(6, 12)].sort()).toEqual(['ann', 'bob', 'cas', 'dee', 'eva', 'fay']);
  });
});

describe('planRota: joining and leaving', () => {
  const three = [member('ann', 'X', 0), member('cas', 'Y', 1), member('eva', 'Z', 2)];

  it('a member joining mid-rota takes one turn in the current round, not several', () => {
    const gus = member('gus', 'W', 0);
    gus.joinedAt = new Date(at(3).getTime() + DAY); // after ann opened round 2
    const plan = chairs([...three, gus], slots(0, 11));
    expect(plan).toEqual(['ann', 'cas', 'eva', 'ann', 'gus', 'cas', 'eva', 'ann', 'gus', 'cas', 'eva']);
  });

  it('a member new to a long history is levelled, not owed every past round', () => {
    const history = Array.from({ length: 12 }, (_, n) => ({ userId: six[n % 6]!.userId, startsAt: at(n) }));
    const gus = { ...member('gus', 'W', 0), joinedAt: at(12) };
    const plan = chairs([...six, gus], slots(12, 26), history);
    expect(plan.filter((c) => c === 'gus')).toHaveLength(2);
    expect(plan.slice(0, 7).sort()).toEqual(['ann', 'bob', 'cas', 'dee', 'eva', 'fay', 'gus']);
  });

  it('someone who was unwilling for rounds is owed one turn, not all of them', () => {
    // cas was present all along but did not chair during two rounds of the other five.
    const others = six.filter((m) => m.userId !== 'cas');
    const history = Array.from({ length: 10 }, (_, n) => ({ userId: others[n % 5]!.userId, startsAt: at(n) }));
    const plan = chairs(six, slots(10, 16), history);
    expect(plan[0]).toBe('cas');
    expect([...plan].sort()).toEqual(['ann', 'bob', 'cas', 'dee', 'eva', 'fay']);
  });

  it('a member leaving mid-rota: the others keep the round going', () => {
    const history: PastTurn[] = ['ann', 'cas', 'eva'].map((userId, n) => ({
      userId,
      startsAt: at(n),
      organisationId: orgOf(userId) ?? null,
    }));
    const withoutCas = six.filter((m) => m.userId !== 'cas');
    const plan = chairs(withoutCas, slots(3, 13), history);
    expect(plan).not.toContain('cas');
    expect(plan.slice(0, 3).sort()).toEqual(['bob', 'dee', 'fay']);
    expect([...plan.slice(3, 8)].sort()).toEqual(['ann', 'bob', 'dee', 'eva', 'fay']);
  });

  it('the organisation of a chair who left still counts for alternation', () => {
    // dee joined first, so without the history she would open; cas (also Y) chaired last and left.
    const members = [member('dee', 'Y', 0), member('ann', 'X', 1), member('eva', 'Z', 2)];
    const turn = { userId: 'cas', startsAt: at(0) };
    expect(chairs(members, slots(1, 2), [{ ...turn, organisationId: 'Y' }])).toEqual(['ann']);
    // Without the organisation on the turn it is unknown, and her history does not count for anyone.
    expect(chairs(members, slots(1, 2), [turn])).toEqual(['dee']);
  });

  it('members without an organisation are not one organisation', () => {
    const members = [member('a', null, 0), member('b', null, 1), member('c', 'X', 2)];
    expect(chairs(members, slots(0, 3))).toEqual(['a', 'b', 'c']);
  });
});

describe('planRota: determinism', () => {
  it('same input, shuffled slots, same output in startsAt order', () => {
    const s = slots(0, 12);
    s[2] = slot(2, { skipped: ['eva'] });
    const first = planRota({ members: six, slots: s, history: [] });
    const again = planRota({ members: [...six].reverse(), slots: [...s].reverse(), history: [] });
    expect(again).toEqual(first);
    expect(first.map((a) => a.meetingId)).toEqual(s.map((x) => x.meetingId));
    // Fully tied candidates fall back to userId.
    const twins = [member('zed', null, 0), member('amy', null, 0)];
    expect(chairs(twins, slots(0, 2))).toEqual(['amy', 'zed']);
  });
});

/** mulberry32: a tiny seeded PRNG, so the random scenarios are reproducible without a dependency. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

function scenario(seed: number, opts: { skipsAndPins: boolean }) {
  const rnd = prng(seed);
  const orgs = ['X', 'Y', 'Z', 'W', null].slice(0, 1 + rnd.int(5));
  const n = 2 + rnd.int(9);
  const slotCount = 10 + rnd.int(30);
  const members: RotaMember[] = Array.from({ length: n }, (_, i) => {
    const m = member(`u${i}`, orgs[rnd.int(orgs.length)]!, rnd.int(30), rnd.next() < 0.85);
    // About one in four joins somewhere during the rota.
    if (rnd.next() < 0.25) m.joinedAt = new Date(at(rnd.int(slotCount)).getTime() - DAY);
    return m;
  });
  const ids = members.map((m) => m.userId);
  const s = Array.from({ length: slotCount }, (_, i) =>
    slot(i, opts.skipsAndPins ? {
      skipped: rnd.next() < 0.2 ? [ids[rnd.int(n)]!] : [],
      pinnedChair: rnd.next() < 0.1 ? ids[rnd.int(n)]! : null,
    } : {}),
  );
  return { members, slots: s };
}

describe('planRota: properties over random scenarios', () => {
  it('among willing members present throughout, turns never differ by more than one', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { members, slots: s } = scenario(seed, { skipsAndPins: false });
      const plan = planRota({ members, slots: s, history: [] });
      const steady = members.filter((m) => m.willing && m.joinedAt <= s[0]!.startsAt).map((m) => m.userId);
      const turns = new Map(steady.map((id) => [id, 0]));
      plan.forEach((a, i) => {
        const m = members.find((x) => x.userId === a.chair);
        if (m) {
          expect(m.willing, `seed ${seed}`).toBe(true);
          expect(m.joinedAt <= s[i]!.startsAt, `seed ${seed}`).toBe(true);
        } else {
          expect(members.some((x) => x.willing && x.joinedAt <= s[i]!.startsAt), `seed ${seed}`).toBe(false);
        }
        if (turns.has(a.chair!)) turns.set(a.chair!, turns.get(a.chair!)! + 1);
        const counts = [...turns.values()];
        if (counts.length > 0) expect(Math.max(...counts) - Math.min(...counts), `seed ${seed} slot ${i}`).toBeLessThanOrEqual(1);
      });
      // A newcomer is levelled: from the day they join, at most one turn more than a steady member.
      for (const m of members.filter((x) => !steady.includes(x.userId) && x.willing)) {
        const since = plan.filter((_, i) => s[i]!.startsAt >= m.joinedAt);
        const mine = since.filter((a) => a.chair === m.userId).length;
        const most = Math.max(0, ...steady.map((id) => since.filter((a) => a.chair === id).length));
        if (steady.length > 0) expect(mine, `seed ${seed} ${m.userId}`).toBeLessThanOrEqual(most + 1);
      }
    }
  });

  it('planning again after meetings were held gives the same chairs for the rest', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const { members, slots: s } = scenario(seed, { skipsAndPins: true });
      const plan = planRota({ members, slots: s, history: [] });
      for (const held of [1, Math.floor(s.length / 3), s.length - 1]) {
        const history = plan.slice(0, held).flatMap((a, i) =>
          a.chair === null ? [] : [{ userId: a.chair, startsAt: s[i]!.startsAt, organisationId: members.find((m) => m.userId === a.chair)!.organisationId }],
        );
        const replanned = planRota({ members, slots: s.slice(held), history });
        expect(replanned, `seed ${seed} after ${held}`).toEqual(plan.slice(held));
      }
    }
  });
});
