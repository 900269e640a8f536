import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { calendarFeeds, communities, communityMembers, meetings } from '../../db/schema';

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
