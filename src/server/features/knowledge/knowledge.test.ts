import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkOuts, harvests, rooms } from '../../db/schema';
import { emptyRoomState, type RoomMember, type RoomState, type Turn } from '../../../contracts/room';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';

let t: TestApp;
let people: Awaited<ReturnType<typeof createPeople>>;
beforeAll(async () => {
  t = await createTestApp();
  people = await createPeople();
}, 180_000);
afterAll(async () => t?.close());
beforeEach(() => t.clock.set('2026-01-01T09:00:00Z'));

type Person = Awaited<ReturnType<TestApp['signedInUser']>>;

/** Accounts are costly (password hashing): made once, then seated in a fresh community per test. */
async function createPeople() {
  const coordinator = await t.signedInUser({ name: 'Coördinator' });
  const network = await f.createNetwork(t.ctx, coordinator);
  const school = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'De Regenboog' });
  const college = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'Pabo Noord', type: 'teacherCollege' });
  const chair = await t.signedInUser({ name: 'Anna Voorzitter' });
  const member = await t.signedInUser({ name: 'Bram Leraar' });
  const member2 = await t.signedInUser({ name: 'Carla Docent' });
  const member3 = await t.signedInUser({ name: 'Dirk Student' });
  const parent = await t.signedInUser({ name: 'Eva Ouder' });
  const researcher = await t.signedInUser({ name: 'Ruben Onderzoeker' });
  const observer = await t.signedInUser({ name: 'Olaf Kijker' });
  const neighbour = await t.signedInUser({ name: 'Nina Buurkring' });
  const outsider = await t.signedInUser({ name: 'Olga Buiten' });
  return { coordinator, network, school, college, chair, member, member2, member3, parent, researcher, observer, neighbour, outsider };
}

/**
 * Community A: a chair and a member of De Regenboog, two of Pabo Noord, a parent without
 * organisation, a researcher and an observer, with two meetings. Community B in the same network
 * has its own member (the neighbour) and a meeting.
 */
async function setup() {
  const p = people;
  const suffix = Math.random().toString(36).slice(2, 8);
  const community = await f.createCommunity(t.ctx, p.coordinator, p.network.id, { name: `Leesbevordering ${suffix}` });
  await f.addMember(t.ctx, community, p.chair, { organisationId: p.school.id, roles: ['chair'] });
  await f.addMember(t.ctx, community, p.member, { organisationId: p.school.id });
  await f.addMember(t.ctx, community, p.member2, { organisationId: p.college.id, stakeholderGroup: 'college' });
  await f.addMember(t.ctx, community, p.member3, { organisationId: p.college.id, stakeholderGroup: 'college' });
  await f.addMember(t.ctx, community, p.parent, { stakeholderGroup: 'parent' });
  await f.addMember(t.ctx, community, p.researcher, { organisationId: p.college.id, stakeholderGroup: 'college', roles: ['researcher'] });
  await f.addMember(t.ctx, community, p.observer, { roles: ['observer'] });
  const other = await f.createCommunity(t.ctx, p.coordinator, p.network.id, { name: `Rekenen ${suffix}` });
  await f.addMember(t.ctx, other, p.neighbour, { organisationId: p.school.id, roles: ['chair'] });
  const january = await createMeeting(community.id, p.chair, '2026-01-20');
  const february = await createMeeting(community.id, p.chair, '2026-02-17');
  const otherMeeting = await createMeeting(other.id, p.neighbour, '2026-01-21');
  return { ...p, community, other, january, february, otherMeeting };
}
type Setup = Awaited<ReturnType<typeof setup>>;

async function createMeeting(communityId: string, chair: Person, date: string) {
  const res = await t.http.post(`/api/communities/${communityId}/meetings`, { cookie: chair.cookie, body: { date, startTime: '19:30', durationMinutes: 120 } });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; title: string; startsAt: string };
}

let written = 0;
/**
 * Writes a harvest as the room will (the room service is not there yet). Each one a second later
 * than the last, so that the order within a meeting is the order of writing.
 */
async function harvest(
  s: Setup,
  meeting: { id: string },
  speaker: Person,
  text: string,
  opts: {
    organisationId?: string | null;
    stakeholderGroup?: string;
    writtenBy?: Person;
    community?: { id: string; networkId: string };
    /** Let the database stamp the row (microseconds, as the room will). */
    databaseClock?: boolean;
  } = {},
) {
  const community = opts.community ?? s.community;
  const at = opts.databaseClock ? undefined : new Date(Date.parse('2026-03-01T10:00:00Z') + 1000 * written++);
  const [row] = await t.ctx.db
    .insert(harvests)
    .values({
      networkId: community.networkId,
      communityId: community.id,
      meetingId: meeting.id,
      speakerId: speaker.id,
      organisationId: opts.organisationId === undefined ? s.school.id : opts.organisationId,
      stakeholderGroup: opts.stakeholderGroup ?? 'school',
      writtenBy: (opts.writtenBy ?? speaker).id,
      text,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: harvests.id });
  return row!.id;
}

interface Entry {
  id: string;
  meetingId: string;
  text: string;
  snippet: string | null;
  speaker: { userId: string; name: string };
  organisation: { id: string; name: string } | null;
}
const knowledge = (s: Setup, query = '', who: Person = s.member) => t.http.get(`/api/communities/${s.community.id}/knowledge${query}`, { cookie: who.cookie });
async function entries(s: Setup, query = '', who: Person = s.member): Promise<Entry[]> {
  const res = await knowledge(s, query, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().entries;
}
const texts = (list: Entry[]) => list.map((e) => e.text);
const search = (q: string) => `?q=${encodeURIComponent(q)}`;

describe('the knowledge log', () => {
  it('lists every written harvest, newest meeting first, with who said it and the options to filter by', async () => {
    const s = await setup();
    await harvest(s, s.january, s.member, 'Onze leerling las elke dag tien minuten.', { writtenBy: s.chair });
    await harvest(s, s.january, s.member2, 'Op de pabo oefenen we voorlezen.', { organisationId: s.college.id, stakeholderGroup: 'college' });
    await harvest(s, s.january, s.parent, '   ', { organisationId: null, stakeholderGroup: 'parent' });
    await harvest(s, s.february, s.parent, 'Thuis lezen we samen voor het slapen.', { organisationId: null, stakeholderGroup: 'parent' });

    const res = await knowledge(s);
    expect(res.statusCode).toBe(200);
    const log = res.json();
    expect(log.communityId).toBe(s.community.id);
    expect(log.nextCursor).toBeNull();
    expect(texts(log.entries)).toEqual(['Thuis lezen we samen voor het slapen.', 'Onze leerling las elke dag tien minuten.', 'Op de pabo oefenen we voorlezen.']);
    expect(log.entries[0]).toMatchObject({
      meetingId: s.february.id,
      meetingTitle: s.february.title,
      meetingStartsAt: s.february.startsAt,
      speaker: { userId: s.parent.id, name: 'Eva Ouder' },
      organisation: null,
      stakeholderGroup: 'parent',
      snippet: null,
      writtenBy: { userId: s.parent.id, name: 'Eva Ouder' },
    });
    expect(log.entries[1]).toMatchObject({ speaker: { name: 'Bram Leraar' }, organisation: { id: s.school.id, name: 'De Regenboog' }, writtenBy: { userId: s.chair.id, name: 'Anna Voorzitter' } });
    // The options cover the whole log; the parent's blank harvest in January does not make January "hers".
    expect(log.members.map((m: { name: string }) => m.name)).toEqual(['Bram Leraar', 'Carla Docent', 'Eva Ouder']);
    expect(log.organisations).toEqual([
      { id: s.school.id, name: 'De Regenboog' },
      { id: s.college.id, name: 'Pabo Noord' },
    ]);
    expect(log.meetings).toEqual([
      { id: s.february.id, title: s.february.title, startsAt: s.february.startsAt },
      { id: s.january.id, title: s.january.title, startsAt: s.january.startsAt },
    ]);
  });

  it('finds Dutch words by their stem and marks them in a snippet', async () => {
    const s = await setup();
    await harvest(s, s.january, s.member, 'Onze leerling las elke dag een boek in de klas.');
    await harvest(s, s.january, s.member2, 'Wij lazen het verhaal hardop voor.');
    await harvest(s, s.february, s.chair, 'De ouders lezen thuis mee, op alle scholen van de stichting.');

    const pupils = await entries(s, search('leerlingen'));
    expect(texts(pupils)).toEqual(['Onze leerling las elke dag een boek in de klas.']);
    expect(pupils[0]!.snippet).toContain('«leerling»');
    expect(texts(await entries(s, search('school')))).toEqual(['De ouders lezen thuis mee, op alle scholen van de stichting.']);
    expect(texts(await entries(s, search('ouder')))).toEqual(['De ouders lezen thuis mee, op alle scholen van de stichting.']);
    expect(texts(await entries(s, search('boeken')))).toEqual(['Onze leerling las elke dag een boek in de klas.']);
    // Snowball strips endings, it does not know irregular verbs: "lezen" (lez) does not find "lazen" (laz).
    expect(texts(await entries(s, search('lezen')))).toEqual(['De ouders lezen thuis mee, op alle scholen van de stichting.']);
    // Web search syntax: a quoted phrase and an excluded word.
    expect(texts(await entries(s, search('"hardop voor"')))).toEqual(['Wij lazen het verhaal hardop voor.']);
    expect(texts(await entries(s, search('lezen -stichting')))).toEqual([]);
    // Only stop words: nothing to search for, so nothing found (rather than everything).
    expect(await entries(s, search('de het een'))).toEqual([]);
    // A blank q is no search at all.
    expect(await entries(s, '?q=%20%20')).toHaveLength(3);
  });

  it('finds English words by their stem, and marks words only the English stemmer matches', async () => {
    const s = await setup();
    await harvest(s, s.january, s.member, 'We read aloud every morning before the break.');
    await harvest(s, s.january, s.member2, 'Our students were studying the reading list together.');
    await harvest(s, s.february, s.chair, 'Niets in het Engels hier.');

    expect(texts(await entries(s, search('reading')))).toEqual(['Our students were studying the reading list together.', 'We read aloud every morning before the break.']);
    const read = await entries(s, search('reads'));
    expect(read.find((e) => e.text.startsWith('We read'))!.snippet).toContain('«read»');
    const studies = await entries(s, search('studies'));
    expect(texts(studies)).toEqual(['Our students were studying the reading list together.']);
    // The Dutch stemmer leaves "studying" alone; the English one ties it to "studies".
    expect(studies[0]!.snippet).toContain('«studying»');
  });

  it('filters by speaker, organisation and meeting, also while searching', async () => {
    const s = await setup();
    const a = await harvest(s, s.january, s.member, 'Leesmotivatie in groep 5.');
    const b = await harvest(s, s.january, s.member2, 'Leesmotivatie op de pabo.', { organisationId: s.college.id, stakeholderGroup: 'college' });
    const c = await harvest(s, s.february, s.member, 'Stillezen werkt beter met een vaste tijd.');
    const d = await harvest(s, s.february, s.member3, 'Leesmotivatie meten met een vragenlijst.', { organisationId: s.college.id, stakeholderGroup: 'college' });
    const ids = async (query: string) => (await entries(s, query)).map((e) => e.id);

    expect(await ids(`?memberId=${s.member.id}`)).toEqual([c, a]);
    expect(await ids(`?organisationId=${s.college.id}`)).toEqual([d, b]);
    expect(await ids(`?meetingId=${s.january.id}`)).toEqual([a, b]);
    expect(await ids(`?organisationId=${s.college.id}&meetingId=${s.february.id}`)).toEqual([d]);
    expect((await ids(`${search('leesmotivatie')}&organisationId=${s.school.id}`))).toEqual([a]);
    expect(await ids(`?memberId=${s.researcher.id}`)).toEqual([]);
  });

  it('pages with a cursor: every entry once, in the same order as one long page', async () => {
    const s = await setup();
    for (const [i, who] of [s.chair, s.member, s.member2, s.member3, s.parent].entries()) {
      await harvest(s, s.january, who, `Januari ${i}: we lezen elke dag.`, { databaseClock: true });
      await harvest(s, s.february, who, i % 2 ? `Februari ${i}: lezen, lezen en nog eens lezen.` : `Februari ${i}: we lezen.`, { databaseClock: true });
    }
    for (const q of [null, 'lezen']) {
      const query = (more: string) => (q ? `${search(q)}&${more}` : `?${more}`);
      const all = await entries(s, query('limit=100'));
      expect(all).toHaveLength(10);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await knowledge(s, query(`limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json();
        seen.push(...page.entries.map((e: Entry) => e.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(4);
      expect(seen).toEqual(all.map((e) => e.id));
    }
    // With a search, more matches rank first (the "lezen, lezen" entries), then the date decides.
    const ranked = await entries(s, search('lezen'));
    expect(texts(ranked).slice(0, 2)).toEqual(['Februari 1: lezen, lezen en nog eens lezen.', 'Februari 3: lezen, lezen en nog eens lezen.']);
  });

  it('defaults to twenty entries per page', async () => {
    const s = await setup();
    const speakers = [s.chair, s.member, s.member2, s.member3, s.parent, s.researcher, s.observer, s.coordinator];
    for (const who of speakers) {
      await harvest(s, s.january, who, `Januari van ${who.name}`);
      await harvest(s, s.february, who, `Februari van ${who.name}`);
    }
    for (const who of speakers.slice(0, 5)) await harvest(s, await createMeeting(s.community.id, s.chair, '2026-03-17'), who, `Maart van ${who.name}`);
    const first = (await knowledge(s)).json();
    expect(first.entries).toHaveLength(20);
    const second = (await knowledge(s, `?cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect(second.entries).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
  });

  it('is read by members, observers, researchers and coordinators; not by the next community or outsiders', async () => {
    const s = await setup();
    await harvest(s, s.january, s.member, 'Leesplezier in groep 5.');
    for (const who of [s.member, s.observer, s.researcher, s.coordinator]) {
      const res = await knowledge(s, '', who);
      expect(res.statusCode, who.name).toBe(200);
      expect(res.json().entries).toHaveLength(1);
    }
    for (const who of [s.neighbour, s.outsider]) {
      const res = await knowledge(s, '', who);
      expect(res.statusCode, who.name).toBe(404);
      expect(res.json()).toMatchObject({ code: 'notFound' });
    }
    expect((await t.http.get(`/api/communities/${s.community.id}/knowledge`)).statusCode).toBe(401);
  });

  it("never shows another community's harvests, whatever the filter", async () => {
    const s = await setup();
    await harvest(s, s.january, s.member, 'Leesplezier in groep 5.');
    await harvest(s, s.otherMeeting, s.neighbour, 'Leesplezier bij rekenen? Geheim van de buren.', { community: s.other });
    const log = (await knowledge(s, search('leesplezier'))).json();
    expect(texts(log.entries)).toEqual(['Leesplezier in groep 5.']);
    const all = JSON.stringify((await knowledge(s)).json());
    expect(all).not.toContain('Geheim');
    expect(all).not.toContain(s.neighbour.id);
    expect(all).not.toContain(s.otherMeeting.id);
    expect(await entries(s, `?meetingId=${s.otherMeeting.id}`)).toEqual([]);
    expect(await entries(s, `?memberId=${s.neighbour.id}`)).toEqual([]);
    // The neighbour's own community shows only its own harvest.
    const theirs = await t.http.get(`/api/communities/${s.other.id}/knowledge`, { cookie: s.neighbour.cookie });
    expect(texts(theirs.json().entries)).toEqual(['Leesplezier bij rekenen? Geheim van de buren.']);
  });

  it('answers a bad query with field errors, never a 500', async () => {
    const s = await setup();
    const problem = async (query: string) => {
      const res = await knowledge(s, query);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      return res.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
    };
    expect(await problem('?limit=1000')).toEqual(['limit:numberTooLarge']);
    expect(await problem('?limit=0')).toEqual(['limit:numberTooSmall']);
    expect(await problem('?limit=ten')).toHaveLength(1);
    expect(await problem('?organisationId=not-a-uuid')).toEqual(['organisationId:invalid']);
    expect(await problem('?meetingId=1234')).toEqual(['meetingId:invalid']);
    expect(await problem(`?q=${'x'.repeat(201)}`)).toEqual(['q:tooLong']);
    expect(await problem('?sort=oldest')).toEqual(['sort:unknownField']);
    expect(await problem('?cursor=garbage')).toEqual(['cursor:invalid']);
    expect(await problem(`?cursor=${Buffer.from('[1,2,3]').toString('base64url')}`)).toEqual(['cursor:invalid']);
    // A cursor of a plain listing does not continue a search, nor the other way round.
    for (const who of [s.chair, s.member, s.member2]) await harvest(s, s.january, who, 'We lezen.');
    const plain = (await knowledge(s, '?limit=1')).json().nextCursor as string;
    const searching = (await knowledge(s, `${search('lezen')}&limit=1`)).json().nextCursor as string;
    expect(await problem(`${search('lezen')}&cursor=${plain}`)).toEqual(['cursor:invalid']);
    expect(await problem(`?cursor=${searching}`)).toEqual(['cursor:invalid']);
    expect((await knowledge(s, `?cursor=${plain}`)).statusCode).toBe(200);
    // Odd but harmless search input is just a search.
    for (const q of ["'", '"', '!', '&|', 'a:*', '(', '<->', '\\']) expect((await knowledge(s, search(q))).statusCode, q).toBe(200);
    expect((await t.http.get('/api/communities/not-a-uuid/knowledge', { cookie: s.member.cookie })).statusCode).toBe(404);
  });
});

// ----- every voice heard --------------------------------------------------------------------

const roomMember = (p: Person, organisation: { id: string; name: string } | null, stakeholderGroup: string): RoomMember => ({
  userId: p.id,
  name: p.name,
  organisationId: organisation?.id ?? null,
  organisationName: organisation?.name ?? null,
  stakeholderGroup,
});
const turn = (p: Person, status: Turn['status'], spokenMs: number, absent = false): Turn => ({ userId: p.id, absent, status, spokenMs, firstStartedAt: status === 'waiting' ? null : '2026-01-20T18:35:00.000Z' });

function roomState(meetingId: string, parts: Partial<RoomState>): RoomState {
  return {
    ...emptyRoomState(meetingId),
    seq: 12,
    ...parts,
  };
}

async function openRoom(s: Setup, meetingId: string, state: RoomState) {
  await t.ctx.db.insert(rooms).values({ meetingId, networkId: s.community.networkId, communityId: s.community.id, seq: state.seq, state: state as unknown as Record<string, unknown> });
}

async function checkOut(s: Setup, meetingId: string, who: Person, score: number, word: string) {
  await t.ctx.db.insert(checkOuts).values({ meetingId, userId: who.id, networkId: s.community.networkId, communityId: s.community.id, score, word });
}

const voices = (meetingId: string, who: Person) => t.http.get(`/api/meetings/${meetingId}/voices`, { cookie: who.cookie });

describe('every voice heard', () => {
  it('sums up the round: who spoke, whose input was read, who passed, who was not reached, and for how long', async () => {
    const s = await setup();
    const regenboog = { id: s.school.id, name: 'De Regenboog' };
    const pabo = { id: s.college.id, name: 'Pabo Noord' };
    const members = [
      roomMember(s.chair, regenboog, 'school'),
      roomMember(s.member, regenboog, 'school'),
      roomMember(s.member2, pabo, 'college'),
      roomMember(s.parent, null, 'parent'),
      roomMember(s.member3, pabo, 'college'),
    ];
    t.clock.set('2026-01-20T19:00:00.000Z');
    await openRoom(
      s,
      s.january.id,
      roomState(s.january.id, {
        // The meeting is over: the check-out aggregate is shown (while it runs, only the count is).
        closedAt: '2027-01-12T21:00:00.000Z',
        members,
        seating: members.map((m) => m.userId),
        present: [s.chair.id, s.member2.id, s.parent.id, s.member3.id],
        round: {
          turns: [
            turn(s.chair, 'spoke', 95_400),
            turn(s.member, 'spoke', 30_000, true),
            turn(s.member2, 'passed', 2_000),
            // Speaking now: 10 s before a pause, and 20 s since the clock restarted.
            turn(s.parent, 'speaking', 10_000),
            turn(s.member3, 'waiting', 0),
          ],
          turnSeconds: 120,
          startedAt: '2026-01-20T18:35:00.000Z',
          completedAt: null,
          runningSince: '2026-01-20T18:59:40.000Z',
        },
      }),
    );
    await harvest(s, s.january, s.chair, 'Stillezen werkt met een vaste tijd.');
    await harvest(s, s.january, s.member, 'Bram vraagt naar leesouders.', { writtenBy: s.chair });
    await harvest(s, s.january, s.member2, '', { organisationId: s.college.id, stakeholderGroup: 'college' });
    await checkOut(s, s.january.id, s.chair, 4, 'fijn');
    await checkOut(s, s.january.id, s.member2, 5, 'Inspirerend');
    await checkOut(s, s.january.id, s.parent, 4, 'fijn');
    await checkOut(s, s.february.id, s.parent, 1, 'anderemeeting');

    const res = await voices(s.january.id, s.observer);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({ meetingId: s.january.id, held: true, roundStartedAt: '2026-01-20T18:35:00.000Z', roundCompletedAt: null });
    expect(v.turns).toEqual([
      { speaker: { userId: s.chair.id, name: 'Anna Voorzitter' }, organisation: regenboog, stakeholderGroup: 'school', status: 'spoke', absent: false, seconds: 95, harvest: 'Stillezen werkt met een vaste tijd.' },
      { speaker: { userId: s.member.id, name: 'Bram Leraar' }, organisation: regenboog, stakeholderGroup: 'school', status: 'inputRead', absent: true, seconds: 30, harvest: 'Bram vraagt naar leesouders.' },
      { speaker: { userId: s.member2.id, name: 'Carla Docent' }, organisation: pabo, stakeholderGroup: 'college', status: 'passed', absent: false, seconds: 2, harvest: null },
      { speaker: { userId: s.parent.id, name: 'Eva Ouder' }, organisation: null, stakeholderGroup: 'parent', status: 'notReached', absent: false, seconds: 30, harvest: null },
      { speaker: { userId: s.member3.id, name: 'Dirk Student' }, organisation: pabo, stakeholderGroup: 'college', status: 'notReached', absent: false, seconds: 0, harvest: null },
    ]);
    expect(v.organisations).toEqual([
      { id: s.school.id, name: 'De Regenboog', spoke: true },
      { id: s.college.id, name: 'Pabo Noord', spoke: false },
      { id: null, name: '', spoke: false },
    ]);
    expect(v.stakeholderGroups).toEqual([
      { group: 'parent', spoke: false },
      { group: 'school', spoke: true },
      { group: 'college', spoke: false },
    ]);
    expect(v.passed).toEqual([{ userId: s.member2.id, name: 'Carla Docent' }]);
    expect(v.present.map((p: { name: string }) => p.name)).toEqual(['Anna Voorzitter', 'Carla Docent', 'Eva Ouder', 'Dirk Student']);
    // The check-out in aggregate only: no names, no one's own score.
    expect(v.checkOut).toEqual({ count: 3, average: 4.3, distribution: [0, 0, 0, 2, 1], words: ['fijn', 'fijn', 'Inspirerend'] });

    // The turn still being spoken keeps counting.
    t.clock.advance(3_600_000);
    const later = (await voices(s.january.id, s.member)).json();
    expect(later.turns[3].seconds).toBe(3_630);
  });

  it('says a meeting without a room was not held, with the check-out all the same', async () => {
    const s = await setup();
    const res = await voices(s.february.id, s.member);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      meetingId: s.february.id,
      held: false,
      roundStartedAt: null,
      roundCompletedAt: null,
      turns: [],
      organisations: [],
      stakeholderGroups: [],
      passed: [],
      present: [],
      checkOut: { count: 0, average: null, distribution: [0, 0, 0, 0, 0], words: [] },
    });
  });

  it('shows the circle before the round started, nobody heard yet', async () => {
    const s = await setup();
    const members = [roomMember(s.chair, { id: s.school.id, name: 'De Regenboog' }, 'school'), roomMember(s.parent, null, 'parent')];
    await openRoom(s, s.january.id, roomState(s.january.id, { members, seating: members.map((m) => m.userId), present: [s.parent.id] }));
    const v = (await voices(s.january.id, s.chair)).json();
    expect(v).toMatchObject({ held: true, roundStartedAt: null, turns: [], passed: [], present: [{ userId: s.parent.id, name: 'Eva Ouder' }] });
    expect(v.organisations).toEqual([
      { id: s.school.id, name: 'De Regenboog', spoke: false },
      { id: null, name: '', spoke: false },
    ]);
  });

  it('is read by observers and coordinators; not by the next community or outsiders', async () => {
    const s = await setup();
    for (const who of [s.observer, s.researcher, s.coordinator]) expect((await voices(s.january.id, who)).statusCode, who.name).toBe(200);
    for (const who of [s.neighbour, s.outsider]) expect((await voices(s.january.id, who)).statusCode, who.name).toBe(404);
    expect((await t.http.get(`/api/meetings/${s.january.id}/voices`)).statusCode).toBe(401);
    expect((await t.http.get('/api/meetings/not-a-uuid/voices', { cookie: s.member.cookie })).statusCode).toBe(404);
    expect((await voices(s.otherMeeting.id, s.member)).statusCode).toBe(404);
  });
});
