import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/server/db/client';
import { attendance, communities, communityMembers, meetings, networkMembers, networks, organisations, session, user } from '../../src/server/db/schema';

export interface RoomSeeded {
  /** The chair first; user i sits in every room as client i. */
  users: { id: string; cookie: string }[];
  meetingIds: string[];
}

/**
 * Seeds the live-room benchmark straight into the database: `perRoom` people (the first a chair,
 * the others members, three organisations), members of `rooms` communities with one meeting each,
 * chaired by the first and attended by all. No passwords: each person gets a session row, and its
 * cookie is signed here as better-auth signs it (`token.base64(hmac-sha256(token, AUTH_SECRET))`).
 */
export async function seedRooms(database: Database, opts: { rooms: number; perRoom: number; authSecret: string }): Promise<RoomSeeded> {
  const db = database.db;
  const tag = crypto.randomBytes(3).toString('hex');
  const [network] = await db.insert(networks).values({ name: `Bench live rooms ${tag}` }).returning({ id: networks.id });
  const networkId = network!.id;
  const orgs = await db
    .insert(organisations)
    .values(['De Regenboog', 'Het Kompas', 'Jeugdhulp Oost'].map((name) => ({ networkId, name, type: 'primarySchool' })))
    .returning({ id: organisations.id });

  const users: RoomSeeded['users'] = [];
  for (let i = 0; i < opts.perRoom; i++) {
    const id = `bench-room-${tag}-${i}`;
    await db.insert(user).values({ id, name: `${i === 0 ? 'Voorzitter' : 'Lid'} ${i} ${tag}`, email: `room-${i}-${tag}@example.test`, emailVerified: true });
    await db.insert(networkMembers).values({ networkId, userId: id });
    const token = crypto.randomBytes(24).toString('base64url');
    await db.insert(session).values({ id: `bench-session-${tag}-${i}`, token, userId: id, expiresAt: new Date(Date.now() + 7 * 86_400_000) });
    const signature = crypto.createHmac('sha256', opts.authSecret).update(token).digest('base64');
    users.push({ id, cookie: `kring.session_token=${encodeURIComponent(`${token}.${signature}`)}` });
  }

  const groups = ['school', 'parent', 'care', 'school', 'college', 'parent', 'care', 'school'];
  const startsAt = new Date(Date.now() + 86_400_000);
  const meetingIds: string[] = [];
  for (let first = 0; first < opts.rooms; first += 50) {
    const count = Math.min(50, opts.rooms - first);
    const made = await db
      .insert(communities)
      .values(Array.from({ length: count }, (_, k) => ({ networkId, name: `Kring ${first + k + 1} ${tag}`, phase: 'active' })))
      .returning({ id: communities.id });
    await db.insert(communityMembers).values(
      made.flatMap((c) =>
        users.map((u, i) => ({
          networkId,
          communityId: c.id,
          userId: u.id,
          organisationId: orgs[i % orgs.length]!.id,
          stakeholderGroup: groups[i % groups.length]!,
          roles: [i === 0 ? 'chair' : 'member'],
        })),
      ),
    );
    const held = await db
      .insert(meetings)
      .values(
        made.map((c) => ({
          networkId,
          communityId: c.id,
          title: 'Bijeenkomst',
          startsAt,
          endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
          timeZone: 'Europe/Amsterdam',
          inputDeadline: new Date(startsAt.getTime() - 3_600_000),
          chairUserId: users[0]!.id,
          chairPinned: true,
        })),
      )
      .returning({ id: meetings.id });
    await db.insert(attendance).values(held.flatMap((m) => users.map((u) => ({ meetingId: m.id, userId: u.id, networkId, response: 'yes' }))));
    meetingIds.push(...held.map((m) => m.id));
  }
  if (database.kind === 'postgres') await db.execute(sql`analyze`);
  return { users, meetingIds };
}
