/**
 * Part 2 data: one member in COMMUNITIES communities, each with a monthly series of about five
 * years (four behind us, the 400-day materialization horizon ahead), the way a long-running network
 * looks. Accounts, the network, the communities and the calendar subscription go through the API
 * (so the feed URL is a real one); the bulk (series, meetings, attendance, programmes, minutes,
 * input, action items, other members) is inserted directly with SQL, which takes seconds instead of
 * minutes. Deterministic: the same shape every run.
 */
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client';
import {
  actionItems,
  agendaItems,
  attendance,
  communities,
  communityMembers,
  meetingInputs,
  meetings,
  meetingSeries,
  networkMembers,
  user,
} from '../../src/server/db/schema';
import { addDays, isoWeekday } from '../../src/contracts/zoned';
import { defaultMonthlyRule, formatRRule } from '../../src/server/features/meetings/recurrence';
import { HORIZON_DAYS, occurrence, seriesDates, todayIn } from '../../src/server/features/meetings/schedule';
import { call, cookieOf } from './seed';

export const COMMUNITIES = 10;
/** Members per community besides the feed's member. */
export const OTHERS_PER_COMMUNITY = 10;
const PAST_YEARS = 4;
const ZONE = 'Europe/Amsterdam';
const DAY = 86_400_000;

export interface CalendarSeeded {
  /** Session cookie of the member in all communities. */
  cookie: string;
  userId: string;
  /** Path of the private feed, e.g. /api/calendar/<id>/<secret>.ics (not requested yet). */
  feedPath: string;
  feedId: string;
  feedFile: string;
  /** The community whose page is measured. */
  communityId: string;
  /** Meetings in the member's communities (= events in the feed). */
  meetingCount: number;
  cancelled: number;
  moved: number;
  rows: { attendance: number; agendaItems: number; actionItems: number; inputs: number };
}

/** mulberry32: a small deterministic PRNG, so every run seeds the same shape. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertAll<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 400) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

const PLACES = [
  { room: 'Lokaal 12', address: "OBS De Regenboog, Kerkstraat 4, 3511 LX Utrecht", locationNotes: 'We zitten in een kring; koffie staat vanaf 19:15 klaar.', onlineUrl: '' },
  { room: 'Teamkamer', address: "Café 't Hoekje; Lange Nieuwstraat 12, Utrecht", locationNotes: '', onlineUrl: 'https://meet.example.org/kring-plg' },
  { room: '', address: 'Jeugdhulp Oost, Vredenburg 40, Utrecht', locationNotes: 'Ingang aan de achterkant (fietsenstalling).\nBel aan bij "Oost".', onlineUrl: '' },
];
const REASONS_NO = ['Ziek', 'Andere afspraak', 'Ouderavond op school', ''];
const KINDS = ['harvestRound', 'discussion', 'decision', 'productWork', 'evaluation', 'checkOut'] as const;
const INPUT_KINDS = ['topic', 'question', 'practice', 'wish'] as const;

export async function seedCalendar(baseUrl: string, db: Db, coordinatorCookie: string, now = new Date()): Promise<CalendarSeeded> {
  const tag = crypto.randomBytes(4).toString('hex');
  const rand = prng(20261121);

  // The network and its communities through the API, as a coordinator would make them.
  const network = (await call<{ id: string }>(baseUrl, 'POST', '/api/networks', { name: `Bench agenda ${tag}` }, coordinatorCookie)).data;
  const organisationIds: string[] = [];
  for (const name of ['OBS De Regenboog', 'KC Het Kompas', 'Jeugdhulp Oost']) {
    organisationIds.push((await call<{ id: string }>(baseUrl, 'POST', `/api/networks/${network.id}/organisations`, { name, type: 'primarySchool' }, coordinatorCookie)).data.id);
  }
  const communityIds: string[] = [];
  for (let k = 0; k < COMMUNITIES; k++) {
    const c = await call<{ id: string }>(baseUrl, 'POST', `/api/networks/${network.id}/communities`, { name: `PLG ${k + 1} Leesplezier ${tag}` }, coordinatorCookie);
    communityIds.push(c.data.id);
  }
  // The coordinator who made them (a network coordinator, not a member of the communities).
  const [coordinator] = await db.select({ userId: networkMembers.userId }).from(networkMembers).where(eq(networkMembers.networkId, network.id));
  const coordinatorId = coordinator!.userId;

  // The member whose calendar is measured signs up through the API (session cookie, real account).
  const email = `agenda-${tag}@example.test`;
  const { res } = await call(baseUrl, 'POST', '/api/auth/sign-up', { name: 'Bench Lid Agenda', email, password: `bench-password-${tag}` });
  const cookie = cookieOf(res);
  const [me] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
  const userId = me!.id;

  // Other people: a pool shared across communities, as in a real network.
  const poolSize = 3 * COMMUNITIES;
  const others = Array.from({ length: poolSize }, (_, i) => ({ id: `bench-agenda-${tag}-${i}`, name: `Lid ${i + 1} ${tag}`, email: `agenda-${i}-${tag}@example.test`, emailVerified: true }));
  await db.insert(user).values(others);
  await db.insert(networkMembers).values([userId, ...others.map((o) => o.id)].map((id) => ({ networkId: network.id, userId: id })));
  const groups = ['parent', 'school', 'care', 'school', 'parent', 'care', 'college', 'school'];
  const members: (typeof communityMembers.$inferInsert)[] = [];
  const participantsOf = new Map<string, string[]>();
  for (const [k, communityId] of communityIds.entries()) {
    const picked = Array.from({ length: OTHERS_PER_COMMUNITY }, (_, j) => others[(3 * k + j) % poolSize]!.id);
    for (const [j, id] of [userId, ...picked].entries()) {
      members.push({
        networkId: network.id,
        communityId,
        userId: id,
        organisationId: organisationIds[j % organisationIds.length]!,
        stakeholderGroup: groups[j % groups.length]!,
        roles: j === 1 ? ['member', 'chair'] : ['member'],
        joinedAt: new Date(now.getTime() - (PAST_YEARS * 365 + 40) * DAY),
      });
    }
    participantsOf.set(communityId, [userId, ...picked]);
  }
  await insertAll(members, (chunk) => db.insert(communityMembers).values(chunk));
  for (const communityId of communityIds.filter((_, k) => k % 2 === 0)) {
    await db.update(communities).set({ chairMode: 'rotating', phase: 'active' }).where(eq(communities.id, communityId));
  }

  // Series and meetings: monthly, a different "nth weekday" per community, 19:30 for two hours.
  const today = todayIn(now, ZONE);
  const startMonth = new Date(now.getTime() - PAST_YEARS * 365.25 * DAY).toISOString().slice(0, 7);
  const until = addDays(today, HORIZON_DAYS);
  const meetingRows: (typeof meetings.$inferInsert)[] = [];
  const attendanceRows: (typeof attendance.$inferInsert)[] = [];
  const agendaRows: (typeof agendaItems.$inferInsert)[] = [];
  const actionRows: (typeof actionItems.$inferInsert)[] = [];
  const inputRows: (typeof meetingInputs.$inferInsert)[] = [];
  let cancelled = 0;
  let moved = 0;
  for (const [k, communityId] of communityIds.entries()) {
    const nth = 1 + (k % 4);
    // The nth Monday..Thursday of the month (a weekday evening), so every community has its own rhythm.
    let day = 1 + 7 * (nth - 1);
    while (isoWeekday(`${startMonth}-${String(day).padStart(2, '0')}`) !== k % 4) day++;
    const startDate = `${startMonth}-${String(day).padStart(2, '0')}`;
    const place = PLACES[k % PLACES.length]!;
    const createdAt = new Date(now.getTime() - (PAST_YEARS * 365 + 30) * DAY);
    const [series] = await db
      .insert(meetingSeries)
      .values({
        networkId: network.id,
        communityId,
        title: `PLG ${k + 1} Leesplezier ${tag}`,
        rrule: formatRRule(defaultMonthlyRule(startDate)),
        startDate,
        startTime: '19:30',
        durationMinutes: 120,
        timeZone: ZONE,
        ...place,
        // Materialized and ended at the horizon: the daily job leaves these alone during the run.
        endDate: until,
        materializedUntil: until,
        createdBy: coordinatorId,
        createdAt,
      })
      .returning();
    const participants = participantsOf.get(communityId)!;
    const dates = seriesDates(series!, startDate, until);
    let nextSeen = false;
    const heldIds: string[] = [];
    for (const [i, date] of dates.entries()) {
      const o = occurrence(series!, date);
      const id = crypto.randomUUID();
      const row: typeof meetings.$inferInsert = { ...o, id, createdAt, updatedAt: createdAt, chairUserId: participants[1 + (i % (participants.length - 1))]! };
      const summer = date.slice(5, 7) === '07' || date.slice(5, 7) === '08';
      if (summer || i % 17 === 11) {
        Object.assign(row, { status: 'cancelled', cancelReason: summer ? 'Zomervakantie' : 'Te weinig aanmeldingen; we schuiven door naar volgende maand.', sequence: 1, version: 2 });
        row.updatedAt = new Date(o.startsAt.getTime() - 14 * DAY);
        cancelled++;
      } else if (i % 9 === 4) {
        const shift = 7 * DAY;
        Object.assign(row, {
          startsAt: new Date(o.startsAt.getTime() + shift),
          endsAt: new Date(o.endsAt.getTime() + shift),
          inputDeadline: new Date(o.inputDeadline.getTime() + shift),
          moved: true,
          room: 'Aula',
          sequence: 2,
          version: 3,
        });
        row.updatedAt = new Date(o.startsAt.getTime() - 20 * DAY);
        moved++;
      }
      if (row.updatedAt! > now) row.updatedAt = now;
      meetingRows.push(row);
      if (row.status === 'cancelled') continue;

      const held = row.endsAt! < now;
      const isNext = !held && !nextSeen;
      if (isNext) nextSeen = true;
      if (held) {
        row.agendaStartedAt = new Date(row.startsAt!.getTime() - 10 * DAY);
        row.programmePublishedAt = new Date(row.startsAt!.getTime() - 5 * DAY);
        row.minutesPublishedAt = new Date(row.endsAt!.getTime() + 2 * DAY);
        heldIds.push(id);
      } else if (isNext) {
        row.agendaStartedAt = new Date(now.getTime() - 3 * DAY);
        row.programmePublishedAt = new Date(now.getTime() - 1 * DAY);
      }
      // Attendance: everyone answered for held meetings (most came), half for the next two months.
      const soon = !held && row.startsAt!.getTime() - now.getTime() < 60 * DAY;
      if (held || soon) {
        for (const p of participants) {
          if (!held && rand() < 0.5) continue;
          const r = rand();
          const response = r < 0.72 ? 'yes' : r < 0.87 ? 'no' : r < 0.93 ? 'maybe' : null;
          if (response === null && !held) continue;
          attendanceRows.push({
            meetingId: id,
            userId: p,
            networkId: network.id,
            response,
            reason: response === 'no' ? REASONS_NO[Math.floor(rand() * REASONS_NO.length)]! || null : null,
            present: held ? response === 'yes' && rand() < 0.95 : null,
            updatedAt: new Date(row.startsAt!.getTime() - 4 * DAY),
          });
        }
      }
      // Input, a programme (with notes once held) and action items.
      if (held || isNext) {
        const inputIds: string[] = [];
        const authors = participants.filter(() => rand() < 0.35);
        for (const [j, author] of authors.entries()) {
          const inputId = crypto.randomUUID();
          inputIds.push(inputId);
          inputRows.push({
            id: inputId,
            networkId: network.id,
            meetingId: id,
            authorId: author,
            kind: INPUT_KINDS[j % INPUT_KINDS.length]!,
            title: `Input ${j + 1}: leesmotivatie in groep ${3 + (j % 6)}`,
            body: 'Hoe houden we kinderen aan het lezen na de zomer? Voorbeeld uit de praktijk: een leeskring met ouders.',
            createdAt: new Date(row.startsAt!.getTime() - 6 * DAY),
          });
        }
        for (const [pos, kind] of KINDS.entries()) {
          const agendaId = crypto.randomUUID();
          agendaRows.push({
            id: agendaId,
            networkId: network.id,
            meetingId: id,
            position: pos,
            kind,
            title: kind === 'harvestRound' ? 'Oogstronde' : kind === 'checkOut' ? 'Check-out' : `Onderwerp ${pos}: ouderbetrokkenheid`,
            durationMinutes: kind === 'harvestRound' ? 20 : kind === 'checkOut' ? 10 : 30,
            ownerUserId: participants[1 + ((i + pos) % (participants.length - 1))]!,
            inputIds: kind === 'discussion' ? inputIds.slice(0, 3) : [],
            notes: held ? `Afspraken: ${pos + 1}. We proberen het uit in twee groepen en delen de ervaringen.` : '',
            updatedAt: row.programmePublishedAt ?? now,
          });
          if (held && (kind === 'decision' || kind === 'productWork')) {
            actionRows.push({
              networkId: network.id,
              communityId,
              meetingId: id,
              agendaItemId: agendaId,
              title: `Actie: ${kind === 'decision' ? 'voorstel uitwerken' : 'concept delen'}`,
              ownerUserId: participants[(i + pos) % participants.length]!,
              dueDate: addDays(date, 28),
              doneAt: null, // set below for all but the latest meetings
              createdAt: row.minutesPublishedAt!,
            });
          }
        }
      }
    }
    // Action items of all but the two latest held meetings are done.
    const open = new Set(heldIds.slice(-2));
    for (const a of actionRows) if (a.communityId === communityId && !open.has(a.meetingId)) a.doneAt = new Date(a.createdAt!.getTime() + 20 * DAY);
  }
  await insertAll(meetingRows, (chunk) => db.insert(meetings).values(chunk), 200);
  await insertAll(attendanceRows, (chunk) => db.insert(attendance).values(chunk));
  await insertAll(inputRows, (chunk) => db.insert(meetingInputs).values(chunk));
  await insertAll(agendaRows, (chunk) => db.insert(agendaItems).values(chunk));
  await insertAll(actionRows, (chunk) => db.insert(actionItems).values(chunk));
  // Planner statistics, as autovacuum would have them on a database this old.
  await db.execute(sql`analyze`);

  // The subscription through the API, so its URL (HMAC under AUTH_SECRET) is what a member would get.
  const sub = (await call<{ url: string }>(baseUrl, 'POST', '/api/account/calendar', {}, cookie)).data;
  const feedPath = new URL(sub.url).pathname;
  const [, , , feedId, feedFile] = feedPath.split('/');

  // Check that what is measured is what was seeded (the feed is checked by the caller: its first
  // request is the one that builds the calendar, and the benchmark wants to watch that one).
  const rhythm = await fetch(`${baseUrl}/api/communities/${communityIds[0]}/rhythm`, { headers: { cookie } });
  const r = (await rhythm.json()) as { nextMeeting?: unknown; lastMinutes?: unknown; nextAgenda?: unknown[] };
  if (!rhythm.ok || !r.nextMeeting || !r.lastMinutes || !r.nextAgenda?.length) throw new Error(`seed check failed: rhythm → ${rhythm.status}, ${JSON.stringify(r).slice(0, 300)}`);

  return {
    cookie,
    userId,
    feedPath,
    feedId: feedId!,
    feedFile: feedFile!,
    communityId: communityIds[0]!,
    meetingCount: meetingRows.length,
    cancelled,
    moved,
    rows: { attendance: attendanceRows.length, agendaItems: agendaRows.length, actionItems: actionRows.length, inputs: inputRows.length },
  };
}
