import { aliasedTable, and, asc, desc, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { checkOuts, harvests, meetings, organisations, rooms, user } from '../../db/schema';

/** One community in one network: every query of the knowledge log is held to both. */
export interface Scope {
  communityId: string;
  networkId: string;
}

export interface LogFilter {
  /** A websearch query, matched with Dutch and English stemming. */
  q?: string;
  memberId?: string;
  organisationId?: string;
  meetingId?: string;
}

/**
 * Where a page ended, in the log's order. Timestamps are microseconds since the epoch and the
 * rank is PostgreSQL's own text form of a `real`, so that both round-trip exactly.
 */
export interface LogKey {
  rank: string | null;
  startsAt: string;
  meetingId: string;
  createdAt: string;
  id: string;
}

export interface LogRow {
  id: string;
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: Date;
  speakerId: string;
  speakerName: string;
  organisationId: string | null;
  organisationName: string | null;
  stakeholderGroup: string;
  text: string;
  writtenById: string | null;
  writtenByName: string | null;
  updatedAt: Date;
  /** The best passage in Dutch and in English reading (null when not searching). */
  snippetNl: string | null;
  snippetEn: string | null;
  key: LogKey;
}

const writer = aliasedTable(user, 'writer');

/** Members write in Dutch or English, so a query matches either language's stems (as the stored vector does). */
const tsquery = (q: string) => sql`(websearch_to_tsquery('dutch', ${q}) || websearch_to_tsquery('english', ${q}))`;
const micros = (column: AnyColumn) => sql<string>`((extract(epoch from ${column}) * 1000000)::bigint)::text`;
const fromMicros = (value: string) => sql`(timestamptz 'epoch' + ${value}::bigint * interval '1 microsecond')`;
const HEADLINE = 'StartSel=«, StopSel=», MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "';

/** A harvest with only whitespace was never written: it is not an entry. */
const written = sql`btrim(${harvests.text}) <> ''`;

function inScope(scope: Scope) {
  return and(eq(harvests.communityId, scope.communityId), eq(harvests.networkId, scope.networkId), written);
}

/**
 * Newest meeting first; within a meeting in the order the harvests were written. When searching,
 * the best match comes first and the date decides between equal ranks.
 */
export async function listEntries(db: DbOrTx, scope: Scope, filter: LogFilter, after: LogKey | null, limit: number): Promise<LogRow[]> {
  const query = filter.q ? tsquery(filter.q) : null;
  const rank = query ? sql`ts_rank(${harvests.search}, ${query})` : null;

  const conditions: (SQL | undefined)[] = [inScope(scope), eq(meetings.communityId, scope.communityId)];
  if (query) conditions.push(sql`${harvests.search} @@ ${query}`);
  if (filter.memberId) conditions.push(eq(harvests.speakerId, filter.memberId));
  if (filter.organisationId) conditions.push(eq(harvests.organisationId, filter.organisationId));
  if (filter.meetingId) conditions.push(eq(harvests.meetingId, filter.meetingId));
  if (after) {
    const sameMeetingLater = sql`((${meetings.startsAt}, ${meetings.id}) = (${fromMicros(after.startsAt)}, ${after.meetingId}::uuid)
      and (${harvests.createdAt}, ${harvests.id}) > (${fromMicros(after.createdAt)}, ${after.id}::uuid))`;
    const byDate = sql`((${meetings.startsAt}, ${meetings.id}) < (${fromMicros(after.startsAt)}, ${after.meetingId}::uuid) or ${sameMeetingLater})`;
    conditions.push(rank && after.rank !== null ? sql`(${rank} < ${after.rank}::real or (${rank} = ${after.rank}::real and ${byDate}))` : byDate);
  }

  const page = db
    .select({
      id: harvests.id,
      meetingId: harvests.meetingId,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
      speakerId: harvests.speakerId,
      speakerName: user.name,
      organisationId: harvests.organisationId,
      organisationName: sql<string | null>`${organisations.name}`.as('organisation_name'),
      stakeholderGroup: harvests.stakeholderGroup,
      text: harvests.text,
      writtenById: harvests.writtenBy,
      writtenByName: sql<string | null>`${writer.name}`.as('written_by_name'),
      updatedAt: harvests.updatedAt,
      createdAt: harvests.createdAt,
      rank: (rank ? sql<string>`(${rank})::text` : sql<null>`null::text`).as('rank'),
      rankValue: (rank ?? sql`0::real`).as('rank_value'),
      startsAtMicros: micros(meetings.startsAt).as('starts_at_micros'),
      createdAtMicros: micros(harvests.createdAt).as('created_at_micros'),
    })
    .from(harvests)
    .innerJoin(meetings, eq(meetings.id, harvests.meetingId))
    .innerJoin(user, eq(user.id, harvests.speakerId))
    .leftJoin(organisations, and(eq(organisations.id, harvests.organisationId), eq(organisations.networkId, harvests.networkId)))
    .leftJoin(writer, eq(writer.id, harvests.writtenBy))
    .where(and(...conditions))
    .orderBy(...(rank ? [desc(rank)] : []), desc(meetings.startsAt), desc(meetings.id), asc(harvests.createdAt), asc(harvests.id))
    .limit(limit)
    .as('page');

  // Headlines read the whole text, so only this page's rows get one (as the PostgreSQL manual advises).
  // Dutch first; the English reading catches words only the English stemmer ties to the query.
  const rows = await db
    .select({
      id: page.id,
      meetingId: page.meetingId,
      meetingTitle: page.meetingTitle,
      meetingStartsAt: page.meetingStartsAt,
      speakerId: page.speakerId,
      speakerName: page.speakerName,
      organisationId: page.organisationId,
      organisationName: page.organisationName,
      stakeholderGroup: page.stakeholderGroup,
      text: page.text,
      writtenById: page.writtenById,
      writtenByName: page.writtenByName,
      updatedAt: page.updatedAt,
      rank: page.rank,
      startsAtMicros: page.startsAtMicros,
      createdAtMicros: page.createdAtMicros,
      snippetNl: query ? sql<string>`ts_headline('dutch', ${page.text}, ${query}, ${HEADLINE})` : sql<null>`null`,
      snippetEn: query ? sql<string>`ts_headline('english', ${page.text}, ${query}, ${HEADLINE})` : sql<null>`null`,
    })
    .from(page)
    .orderBy(desc(page.rankValue), desc(page.meetingStartsAt), desc(page.meetingId), asc(page.createdAt), asc(page.id));

  return rows.map(({ rank: r, startsAtMicros, createdAtMicros, ...row }) => ({
    ...row,
    key: { rank: r, startsAt: startsAtMicros, meetingId: row.meetingId, createdAt: createdAtMicros, id: row.id },
  }));
}

/** What the filters offer: the whole community's log, whatever is filtered now. */
export async function filterOptions(db: DbOrTx, scope: Scope) {
  const [members, orgs, meetingList] = await Promise.all([
    db
      .selectDistinct({ userId: harvests.speakerId, name: user.name })
      .from(harvests)
      .innerJoin(user, eq(user.id, harvests.speakerId))
      .where(inScope(scope)),
    db
      .selectDistinct({ id: organisations.id, name: organisations.name })
      .from(harvests)
      .innerJoin(organisations, and(eq(organisations.id, harvests.organisationId), eq(organisations.networkId, harvests.networkId)))
      .where(inScope(scope)),
    db
      .selectDistinct({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
      .from(harvests)
      .innerJoin(meetings, and(eq(meetings.id, harvests.meetingId), eq(meetings.communityId, harvests.communityId)))
      .where(inScope(scope))
      .orderBy(desc(meetings.startsAt), desc(meetings.id)),
  ]);
  return { members, organisations: orgs, meetings: meetingList };
}

/** The room's state as last stored; null when the meeting was never opened in the room. */
export async function findRoomState(db: DbOrTx, meetingId: string, networkId: string) {
  const [row] = await db
    .select({ state: rooms.state })
    .from(rooms)
    .where(and(eq(rooms.meetingId, meetingId), eq(rooms.networkId, networkId)));
  return row?.state ?? null;
}

/** The meeting's written harvests, by speaker. */
export async function listMeetingHarvests(db: DbOrTx, meetingId: string, networkId: string) {
  return db
    .select({ speakerId: harvests.speakerId, text: harvests.text })
    .from(harvests)
    .where(and(eq(harvests.meetingId, meetingId), eq(harvests.networkId, networkId), written));
}

/**
 * The check-out in aggregate. Scores and words leave the database in separate lists and without
 * user ids, so nothing downstream can tell who gave which.
 */
export async function checkOutAggregate(db: DbOrTx, meetingId: string, networkId: string) {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      average: sql<string | null>`avg(${checkOuts.score})::text`,
      distribution: sql<number[]>`json_build_array(${sql.join(
        [1, 2, 3, 4, 5].map((n) => sql`count(*) filter (where ${checkOuts.score} = ${sql.raw(String(n))})::int`),
        sql`, `,
      )})`,
      words: sql<string[]>`coalesce(json_agg(${checkOuts.word}), '[]'::json)`,
    })
    .from(checkOuts)
    .where(and(eq(checkOuts.meetingId, meetingId), eq(checkOuts.networkId, networkId)));
  return {
    count: row?.count ?? 0,
    average: row?.average == null ? null : Number(row.average),
    distribution: row?.distribution ?? [0, 0, 0, 0, 0],
    words: row?.words ?? [],
  };
}

/** Names for user ids the room's snapshot does not know (should not happen; the minutes never show a blank). */
export async function userNames(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ userId: user.id, name: user.name }).from(user).where(inArray(user.id, ids));
}
