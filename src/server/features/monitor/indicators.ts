// Part 5: the indicators of the conditions monitor. Every function here is pure: it takes plain facts
// (loaded by monitor.repository) and a period, and returns numbers. The formulas are documented in
// docs/indicators.md, whose hand-computed examples are the fixtures of indicators.unit.test.ts.
import { groupSizeBand } from '../../../contracts/conditions';
import { fromZoned, toZoned } from '../../../contracts/zoned';

// ---------------------------------------------------------------------------
// Facts (input)
// ---------------------------------------------------------------------------
export interface Period {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

export interface MemberFact {
  userId: string;
  name: string;
  organisationId: string | null;
  stakeholderGroup: string;
  joinedAt: Date;
  /** Takes part (member, chair or coordinator role); researchers and observers do not count. */
  participant: boolean;
  chairWilling: boolean;
  /** The member's own statement: hours per month available for the community (null: not stated). */
  hoursPerMonth: number | null;
  /** Whether that time is an official part of their tasks (null: not stated). */
  timeOfficial: boolean | null;
}

export interface MeetingFact {
  id: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  chairUserId: string | null;
  programmePublished: boolean;
  /**
   * Who attended: the presence the chair recorded, or when nobody's presence was recorded for this
   * meeting, who answered "yes".
   */
  attendedUserIds: string[];
  /** Titles of the programme's items (for "refers to the ambition"). */
  agendaTitles: string[];
}

export type ContributionKind = 'harvest' | 'input' | 'response' | 'comment';

export interface ContributionFact {
  kind: ContributionKind;
  userId: string;
  /** The contributor's organisation and group (for harvests: as when they spoke). */
  organisationId: string | null;
  stakeholderGroup: string;
  at: Date;
  /** Harvests and input belong to a meeting; responses and comments do not. */
  meetingId: string | null;
  /** For a response: the proposer; for a reply: the author of the comment replied to; else null. */
  toUserId: string | null;
}

export interface CheckOutFact {
  meetingId: string;
  score: number;
}

export interface ProposalFact {
  title: string;
  body: string;
  createdAt: Date;
}

export interface AmbitionFact {
  question: string;
  ambition: string;
  endProduct: string;
  /** When the ambition / end product was last changed (null: never since it was set at creation). */
  ambitionRevisedAt: Date | null;
  endProductRevisedAt: Date | null;
  createdAt: Date;
}

// ---------------------------------------------------------------------------
// Indicators (output)
// ---------------------------------------------------------------------------
export interface GroupSize {
  count: number;
  band: 'below' | 'within' | 'above';
}

export interface Regularity {
  held: number;
  cancelled: number;
  /** cancelled / (held + cancelled) in the period; null when neither. */
  cancelledShare: number | null;
  /** Days between each held meeting in the period and the held meeting before it (any time), in order. */
  gapsDays: number[];
  medianGapDays: number | null;
  longestGapDays: number | null;
  /**
   * Whole days (rounded down) from the start of the last held meeting ever (not cancelled, ended before
   * period.to; it may lie before the period) to period.to: the gap still open at the end. Null when no
   * meeting was ever held.
   */
  openGapDays: number | null;
}

export interface RateRow {
  key: string;
  attended: number;
  expected: number;
  /** attended / expected; null when expected is 0. */
  rate: number | null;
}

export interface Attendance {
  /** Per participant: held meetings in the period since they joined, and how many they attended. */
  members: RateRow[];
  /** Per organisation (key: organisation id or 'none'): sums of its members' rows. */
  organisations: RateRow[];
  /** Sum attended / sum expected over all participants; null when nothing was expected. */
  overall: number | null;
}

export interface Evenness {
  /** Normalized Shannon entropy (Pielou's J), 0–1; null with fewer than two units. */
  members: number | null;
  organisations: number | null;
  groups: number | null;
}

export interface Voice {
  /** Contributions of current participants (= the sum of each per-unit list); non-participants' are left out. */
  total: number;
  byKind: Record<ContributionKind, number>;
  /** Evenness of all contributions together, and per kind. */
  evenness: Evenness;
  evennessByKind: Record<ContributionKind, Evenness>;
  /** Contribution counts per unit (every participant, organisation and group listed, also with 0). */
  perMember: { key: string; count: number }[];
  perOrganisation: { key: string; count: number }[];
  perGroup: { key: string; count: number }[];
}

export interface Reciprocity {
  /** Input and harvest brought per organisation. */
  brings: { organisationId: string; input: number; harvest: number }[];
  /** Responses and replies from one organisation to another (different organisations only). */
  flows: { from: string; to: string; count: number }[];
  /** Σ over pairs 2·min(a→b, b→a) / Σ (a→b + b→a); 1 = every flow is returned, 0 = one-way; null without flows. */
  index: number | null;
}

export interface Chairing {
  heldMeetings: number;
  /** Held meetings that had a chair and a published programme. */
  chairedWithProgramme: number;
  perChair: { userId: string; count: number }[];
  distinctChairs: number;
  /** Share of held meetings chaired by the most frequent chair; null without held meetings. */
  topShare: number | null;
}

export interface AmbitionIndicator {
  questionSet: boolean;
  ambitionSet: boolean;
  endProductSet: boolean;
  /** Words in the end product's description (split on white space). */
  endProductWords: number;
  /** An end product of fewer than 5 words says that something will come, not what. */
  endProductDescribed: boolean;
  ambitionRevisedAt: Date | null;
  endProductRevisedAt: Date | null;
  agendaItems: number;
  agendaItemsReferring: number;
  proposals: number;
  proposalsReferring: number;
  /** (agendaItemsReferring + proposalsReferring) / (agendaItems + proposals); null when neither. */
  referringShare: number | null;
}

export interface CheckOutIndicator {
  count: number;
  /** Mean score (1–5); null without check-outs. */
  mean: number | null;
  /** Per held meeting in the period with check-outs, in order. */
  perMeeting: { meetingId: string; date: Date; mean: number; count: number }[];
}

export interface TimeIndicator {
  participants: number;
  stated: number;
  medianHours: number | null;
  /** Participants stating at least 4 hours a month. */
  enoughHours: number;
  official: number;
}

export interface Quiet {
  /** The last three held meetings (fewer if there were fewer). */
  meetingIds: string[];
  /** Participants who joined before the first of them and contributed nothing since it started. */
  userIds: string[];
}

export interface Indicators {
  period: Period;
  groupSize: GroupSize;
  regularity: Regularity;
  attendance: Attendance;
  voice: Voice;
  reciprocity: Reciprocity;
  chairing: Chairing;
  ambition: AmbitionIndicator;
  checkOuts: CheckOutIndicator;
  time: TimeIndicator;
}

export interface CommunityFacts {
  members: MemberFact[];
  meetings: MeetingFact[];
  contributions: ContributionFact[];
  checkOuts: CheckOutFact[];
  proposals: ProposalFact[];
  ambition: AmbitionFact;
}

export { groupSizeBand };

// ---------------------------------------------------------------------------
// Quarters (in the community's time zone)
// ---------------------------------------------------------------------------
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
const DEFAULT_ZONE = 'Europe/Amsterdam';

function parseQuarter(key: string): { year: number; q: number } {
  const m = QUARTER_RE.exec(key);
  if (!m) throw new RangeError(`invalid quarter ${key}`);
  return { year: Number(m[1]), q: Number(m[2]) };
}
const quarterKey = (year: number, q: number) => `${String(year).padStart(4, '0')}-Q${q}`;

/** The calendar quarter of the local date of an instant in a zone, e.g. '2026-Q4'. */
export function quarterOf(date: Date, timeZone = DEFAULT_ZONE): string {
  const [year, month] = toZoned(date, timeZone).date.split('-').map(Number) as [number, number];
  return quarterKey(year, Math.ceil(month / 3));
}

/** From local midnight of the quarter's first day (as a UTC instant) to the next quarter's start. */
export function quarterPeriod(key: string, timeZone = DEFAULT_ZONE): Period {
  const { year, q } = parseQuarter(key);
  const start = (y: number, quarter: number) => fromZoned(`${String(y).padStart(4, '0')}-${String(quarter * 3 - 2).padStart(2, '0')}-01`, '00:00', timeZone);
  return { from: start(year, q), to: q === 4 ? start(year + 1, 1) : start(year, q + 1) };
}

/** n quarter keys, oldest first, the last being the quarter of now. */
export function lastQuarters(now: Date, n: number, timeZone = DEFAULT_ZONE): string[] {
  let { year, q } = parseQuarter(quarterOf(now, timeZone));
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    keys.push(quarterKey(year, q));
    if (--q === 0) [year, q] = [year - 1, 4];
  }
  return keys.reverse();
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------
const DAY = 86_400_000;
const kinds: readonly ContributionKind[] = ['harvest', 'input', 'response', 'comment'];
const inPeriod = (d: Date, p: Period) => d.getTime() >= p.from.getTime() && d.getTime() < p.to.getTime();
const byStart = (a: MeetingFact, b: MeetingFact) => a.startsAt.getTime() - b.startsAt.getTime();
const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const orgKey = (organisationId: string | null) => organisationId ?? 'none';
const participantsOf = (members: MemberFact[]) => members.filter((m) => m.participant);
const rate = (attended: number, expected: number) => (expected > 0 ? attended / expected : null);

/** Held meetings of a period: not cancelled, ended before the period's end, started in it; by start. */
function heldIn(meetings: MeetingFact[], period: Period): MeetingFact[] {
  return meetings.filter((m) => !m.cancelled && m.endsAt.getTime() < period.to.getTime() && inPeriod(m.startsAt, period)).sort(byStart);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Counts per key, every key of `units` listed (also with 0), keys outside `units` added; sorted by key. */
function countPer(units: Iterable<string>, keys: string[]): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const u of units) counts.set(u, 0);
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count })).sort(byKey);
}

// ---------------------------------------------------------------------------
// Indicators
// ---------------------------------------------------------------------------
/** Pielou's J = H / ln N over all N units (also those with 0); null when N < 2, 0 when nothing was counted. */
export function evenness(counts: number[]): number | null {
  const n = counts.length;
  if (n < 2) return null;
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return 0;
  // Summed in a fixed (sorted) order, so that a permutation of the counts gives the very same number.
  const h = counts
    .filter((c) => c > 0)
    .map((c) => c / total)
    .sort((a, b) => a - b)
    .reduce((sum, p) => sum - p * Math.log(p), 0);
  return Math.min(1, Math.max(0, h / Math.log(n)));
}

export function groupSize(members: MemberFact[], at: Date): GroupSize {
  const count = participantsOf(members).filter((m) => m.joinedAt.getTime() < at.getTime()).length;
  return { count, band: count < groupSizeBand.min ? 'below' : count > groupSizeBand.max ? 'above' : 'within' };
}

export function regularity(meetings: MeetingFact[], period: Period): Regularity {
  const held = heldIn(meetings, period);
  const cancelled = meetings.filter((m) => m.cancelled && inPeriod(m.startsAt, period)).length;
  // The held meeting before each one may lie before the period.
  const everHeld = meetings.filter((m) => !m.cancelled && m.endsAt.getTime() < period.to.getTime()).sort(byStart);
  const gapsDays: number[] = [];
  for (const m of held) {
    const previous = everHeld.filter((e) => e.startsAt.getTime() < m.startsAt.getTime()).at(-1);
    if (previous) gapsDays.push(Math.round((m.startsAt.getTime() - previous.startsAt.getTime()) / DAY));
  }
  // A group that stopped meeting has no new gaps; the time since its last meeting shows it.
  const last = everHeld.at(-1);
  return {
    held: held.length,
    cancelled,
    cancelledShare: held.length + cancelled > 0 ? cancelled / (held.length + cancelled) : null,
    gapsDays,
    medianGapDays: median(gapsDays),
    longestGapDays: gapsDays.length > 0 ? Math.max(...gapsDays) : null,
    openGapDays: last ? Math.floor((period.to.getTime() - last.startsAt.getTime()) / DAY) : null,
  };
}

export function attendance(members: MemberFact[], meetings: MeetingFact[], period: Period): Attendance {
  const held = heldIn(meetings, period);
  const rows = participantsOf(members).map((p) => {
    const expected = held.filter((m) => m.startsAt.getTime() > p.joinedAt.getTime());
    const attended = expected.filter((m) => m.attendedUserIds.includes(p.userId)).length;
    return { org: orgKey(p.organisationId), row: { key: p.userId, attended, expected: expected.length, rate: rate(attended, expected.length) } };
  });
  const sums = new Map<string, { attended: number; expected: number }>();
  for (const { org, row } of rows) {
    const s = sums.get(org) ?? { attended: 0, expected: 0 };
    sums.set(org, { attended: s.attended + row.attended, expected: s.expected + row.expected });
  }
  const attended = rows.reduce((a, r) => a + r.row.attended, 0);
  const expected = rows.reduce((a, r) => a + r.row.expected, 0);
  return {
    members: rows.map((r) => r.row).sort(byKey),
    organisations: [...sums].map(([key, s]) => ({ key, ...s, rate: rate(s.attended, s.expected) })).sort(byKey),
    overall: rate(attended, expected),
  };
}

export function voice(members: MemberFact[], contributions: ContributionFact[], period: Period): Voice {
  const inside = contributions.filter((c) => inPeriod(c.at, period));
  const participants = participantsOf(members);
  const ids = new Set(participants.map((p) => p.userId));
  const counted = inside.filter((c) => ids.has(c.userId));
  const memberUnits = participants.map((p) => p.userId);
  const orgUnits = participants.map((p) => orgKey(p.organisationId));
  const groupUnits = participants.map((p) => p.stakeholderGroup);
  // Contributions are attributed to the organisation and group recorded with them ("as when they spoke").
  const per = (cs: ContributionFact[]) => ({
    perMember: countPer(memberUnits, cs.map((c) => c.userId)),
    perOrganisation: countPer(orgUnits, cs.map((c) => orgKey(c.organisationId))),
    perGroup: countPer(groupUnits, cs.map((c) => c.stakeholderGroup)),
  });
  const even = (u: ReturnType<typeof per>): Evenness => ({
    members: evenness(u.perMember.map((r) => r.count)),
    organisations: evenness(u.perOrganisation.map((r) => r.count)),
    groups: evenness(u.perGroup.map((r) => r.count)),
  });
  const all = per(counted);
  const forKind = (k: ContributionKind) => counted.filter((c) => c.kind === k);
  // The totals count what the per-unit lists count (participants only), so that they add up.
  return {
    total: counted.length,
    byKind: Object.fromEntries(kinds.map((k) => [k, forKind(k).length])) as Record<ContributionKind, number>,
    evenness: even(all),
    evennessByKind: Object.fromEntries(kinds.map((k) => [k, even(per(forKind(k)))])) as Record<ContributionKind, Evenness>,
    ...all,
  };
}

export function quiet(members: MemberFact[], meetings: MeetingFact[], contributions: ContributionFact[], now: Date): Quiet {
  const lastThree = meetings
    .filter((m) => !m.cancelled && m.endsAt.getTime() < now.getTime())
    .sort(byStart)
    .slice(-3);
  const first = lastThree[0];
  if (!first) return { meetingIds: [], userIds: [] };
  const meetingIds = lastThree.map((m) => m.id);
  const since = first.startsAt.getTime();
  const spoke = new Set(
    contributions.filter((c) => (c.meetingId !== null && meetingIds.includes(c.meetingId)) || c.at.getTime() >= since).map((c) => c.userId),
  );
  const userIds = participantsOf(members)
    .filter((p) => p.joinedAt.getTime() < since && !spoke.has(p.userId))
    .map((p) => p.userId)
    .sort();
  return { meetingIds, userIds };
}

export function reciprocity(members: MemberFact[], contributions: ContributionFact[], period: Period): Reciprocity {
  const inside = contributions.filter((c) => inPeriod(c.at, period));
  const brought = new Map<string, { input: number; harvest: number }>();
  for (const p of participantsOf(members)) if (p.organisationId !== null) brought.set(p.organisationId, { input: 0, harvest: 0 });
  for (const c of inside) {
    if ((c.kind !== 'input' && c.kind !== 'harvest') || c.organisationId === null) continue;
    const b = brought.get(c.organisationId) ?? { input: 0, harvest: 0 };
    b[c.kind] += 1;
    brought.set(c.organisationId, b);
  }
  const orgOf = new Map(members.map((m) => [m.userId, m.organisationId]));
  const flowCounts = new Map<string, number>();
  for (const c of inside) {
    if ((c.kind !== 'response' && c.kind !== 'comment') || c.toUserId === null || c.organisationId === null) continue;
    const to = orgOf.get(c.toUserId);
    if (to === undefined || to === null || to === c.organisationId) continue;
    const pair = JSON.stringify([c.organisationId, to]);
    flowCounts.set(pair, (flowCounts.get(pair) ?? 0) + 1);
  }
  const flows = [...flowCounts]
    .map(([pair, count]) => {
      const [from, to] = JSON.parse(pair) as [string, string];
      return { from, to, count };
    })
    .sort((a, b) => (a.from !== b.from ? (a.from < b.from ? -1 : 1) : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  let returned = 0;
  let total = 0;
  for (const f of flows) {
    const back = flowCounts.get(JSON.stringify([f.to, f.from])) ?? 0;
    // Each direction is visited once, so min(a→b, b→a) is counted twice: 2·min per pair.
    returned += Math.min(f.count, back);
    total += f.count;
  }
  return {
    brings: [...brought].map(([organisationId, b]) => ({ organisationId, ...b })).sort((a, b) => (a.organisationId < b.organisationId ? -1 : 1)),
    flows,
    index: total > 0 ? returned / total : null,
  };
}

export function chairing(meetings: MeetingFact[], period: Period): Chairing {
  const held = heldIn(meetings, period);
  const perChair = countPer([], held.flatMap((m) => (m.chairUserId === null ? [] : [m.chairUserId])))
    .map(({ key, count }) => ({ userId: key, count }))
    .sort((a, b) => b.count - a.count || (a.userId < b.userId ? -1 : 1));
  return {
    heldMeetings: held.length,
    chairedWithProgramme: held.filter((m) => m.chairUserId !== null && m.programmePublished).length,
    perChair,
    distinctChairs: perChair.length,
    topShare: held.length > 0 ? (perChair[0]?.count ?? 0) / held.length : null,
  };
}

/** Words that are long enough to pass the filter but say nothing about a topic. */
const stopWords = new Set([
  'welke', 'omdat', 'zodat', 'samen', 'tussen', 'hebben', 'kunnen', 'worden', 'wordt', 'andere', 'waarom', 'alleen', 'onder',
  'about', 'their', 'which', 'there', 'these', 'would', 'where', 'other', 'could', 'should',
]);

/** The 5-letter stems of the significant words of a text (5+ letters, not a stop word). */
function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) {
    const letters = [...word];
    if (letters.length >= 5 && !stopWords.has(word)) out.add(letters.slice(0, 5).join(''));
  }
  return out;
}

/** Whether the text shares a significant word (compared by its first five letters) with the reference. */
export function refersTo(text: string, reference: string): boolean {
  const ref = stems(reference);
  if (ref.size === 0) return false;
  for (const s of stems(text)) if (ref.has(s)) return true;
  return false;
}

const wordCount = (text: string) => text.split(/\s+/u).filter((w) => w.length > 0).length;

export function ambitionIndicator(ambition: AmbitionFact, meetings: MeetingFact[], proposals: ProposalFact[], period: Period): AmbitionIndicator {
  const reference = `${ambition.question} ${ambition.ambition} ${ambition.endProduct}`;
  const items = heldIn(meetings, period).flatMap((m) => m.agendaTitles);
  const props = proposals.filter((p) => inPeriod(p.createdAt, period));
  const agendaItemsReferring = items.filter((t) => refersTo(t, reference)).length;
  const proposalsReferring = props.filter((p) => refersTo(`${p.title} ${p.body}`, reference)).length;
  const endProductWords = wordCount(ambition.endProduct);
  return {
    questionSet: ambition.question.trim() !== '',
    ambitionSet: ambition.ambition.trim() !== '',
    endProductSet: ambition.endProduct.trim() !== '',
    endProductWords,
    endProductDescribed: endProductWords >= 5,
    ambitionRevisedAt: ambition.ambitionRevisedAt,
    endProductRevisedAt: ambition.endProductRevisedAt,
    agendaItems: items.length,
    agendaItemsReferring,
    proposals: props.length,
    proposalsReferring,
    referringShare: rate(agendaItemsReferring + proposalsReferring, items.length + props.length),
  };
}

export function checkOutIndicator(meetings: MeetingFact[], checkOuts: CheckOutFact[], period: Period): CheckOutIndicator {
  const perMeeting = heldIn(meetings, period).flatMap((m) => {
    const scores = checkOuts.filter((c) => c.meetingId === m.id).map((c) => c.score);
    return scores.length === 0 ? [] : [{ meetingId: m.id, date: m.startsAt, mean: mean(scores)!, count: scores.length }];
  });
  const count = perMeeting.reduce((a, m) => a + m.count, 0);
  return { count, mean: count > 0 ? perMeeting.reduce((a, m) => a + m.mean * m.count, 0) / count : null, perMeeting };
}

export function timeIndicator(members: MemberFact[], at: Date): TimeIndicator {
  const ps = participantsOf(members).filter((m) => m.joinedAt.getTime() < at.getTime());
  const hours = ps.flatMap((p) => (p.hoursPerMonth === null ? [] : [p.hoursPerMonth]));
  return {
    participants: ps.length,
    stated: hours.length,
    medianHours: median(hours),
    enoughHours: hours.filter((h) => h >= 4).length,
    official: ps.filter((p) => p.timeOfficial === true).length,
  };
}

export function indicators(facts: CommunityFacts, period: Period): Indicators {
  return {
    period,
    groupSize: groupSize(facts.members, period.to),
    regularity: regularity(facts.meetings, period),
    attendance: attendance(facts.members, facts.meetings, period),
    voice: voice(facts.members, facts.contributions, period),
    reciprocity: reciprocity(facts.members, facts.contributions, period),
    chairing: chairing(facts.meetings, period),
    ambition: ambitionIndicator(facts.ambition, facts.meetings, facts.proposals, period),
    checkOuts: checkOutIndicator(facts.meetings, facts.checkOuts, period),
    time: timeIndicator(facts.members, period.to),
  };
}
