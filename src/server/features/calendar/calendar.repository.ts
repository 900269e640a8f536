import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client';
import { calendarFeeds, communities, communityMembers, meetings, proposals, user } from '../../db/schema';

export async function activeFeed(db: DbOrTx, userId: string) {
  const [row] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .orderBy(sql`${calendarFeeds.createdAt} desc`)
    .limit(1);
  return row ?? null;
}

export async function findFeed(db: DbOrTx, feedId: string) {
  const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.id, feedId));
  return row ?? null;
}

/** Revokes every open feed of the user and, when asked, opens a new one. */
export async function replaceFeed(db: DbOrTx, userId: string, create: boolean) {
  await db.update(calendarFeeds).set({ revokedAt: new Date() }).where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
  if (!create) return null;
  const [row] = await db.insert(calendarFeeds).values({ userId }).returning();
  return row!;
}

/** Every meeting of every community the user belongs to: the feed's one query. */
export async function feedMeetings(db: DbOrTx, userId: string) {
  return db
    .select({ meeting: meetings, communityName: communities.name })
    .from(communityMembers)
    .innerJoin(meetings, eq(meetings.communityId, communityMembers.communityId))
    .innerJoin(communities, eq(communities.id, meetings.communityId))
    .where(eq(communityMembers.userId, userId))
    .orderBy(asc(meetings.startsAt));
}

/**
 * A cheap fingerprint of everything the feed shows: it changes when a meeting is added, changed
 * (updated_at, sequence), or when the member joins or leaves a community or one is renamed.
 */
export async function feedFingerprint(database: Database, userId: string) {
  const [row] = await database.hot<{ n: number; mu: string | null; seq: number; joined: string | null; cu: string | null; ids: string | null; reviews: string | null }>(
    'calendar_feed_fingerprint',
    `select count(m.id)::int as n, max(m.updated_at)::text as mu, coalesce(sum(m.sequence), 0)::int as seq,
            max(cm.joined_at)::text as joined, max(c.updated_at)::text as cu,
            (select string_agg(x.community_id::text, ',' order by x.community_id) from community_members x where x.user_id = $1) as ids,
            (select count(*) || ':' || coalesce(sum(p.outcome_version), 0) || ':' || coalesce(max(p.outcome_at)::text, '') from proposals p join community_members y on y.community_id = p.community_id
              where y.user_id = $1 and p.review_date is not null) as reviews
       from community_members cm
       join communities c on c.id = cm.community_id
       left join meetings m on m.community_id = cm.community_id
      where cm.user_id = $1`,
    [userId],
  );
  return row ? `${row.n}|${row.mu}|${row.seq}|${row.joined}|${row.cu}|${row.ids}|${row.reviews}` : 'none';
}

/** Review dates of decisions in the communities the user belongs to (part 4): whole-day events in the feed. */
export async function feedReviews(db: DbOrTx, userId: string) {
  return db
    .select({
      id: proposals.id,
      communityId: proposals.communityId,
      communityName: communities.name,
      title: proposals.title,
      statement: proposals.outcomeStatement,
      reviewDate: proposals.reviewDate,
      outcomeAt: proposals.outcomeAt,
      outcomeVersion: proposals.outcomeVersion,
      locale: user.locale,
    })
    .from(communityMembers)
    .innerJoin(user, eq(user.id, communityMembers.userId))
    .innerJoin(proposals, eq(proposals.communityId, communityMembers.communityId))
    .innerJoin(communities, eq(communities.id, proposals.communityId))
    .where(and(eq(communityMembers.userId, userId), eq(proposals.status, 'closed'), sql`${proposals.reviewDate} is not null`))
    .orderBy(asc(proposals.reviewDate));
}
