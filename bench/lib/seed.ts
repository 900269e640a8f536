import crypto from 'node:crypto';
import type { Db } from '../../src/server/db/client';
import { communityMembers, networkMembers, user } from '../../src/server/db/schema';

export const MEMBERS = 8;

export interface Seeded {
  cookie: string;
  networkId: string;
  communityId: string;
  organisationIds: string[];
}

export async function call<T>(baseUrl: string, method: string, path: string, body: unknown, cookie?: string): Promise<{ data: T; res: Response }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-kring-csrf': '1', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return { data: (text ? JSON.parse(text) : undefined) as T, res };
}

/** The session cookie a sign-up answered with, as a Cookie header. */
export function cookieOf(res: Response): string {
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  if (!cookie.includes('session_token')) throw new Error(`sign-up gave no session cookie (got: ${cookie || 'nothing'})`);
  return cookie;
}

/**
 * One signed-in coordinator, a network with three organisations, and one community of MEMBERS
 * people: the creator through the API, the others inserted directly (faster than invitations).
 */
export async function seed(baseUrl: string, db: Db): Promise<Seeded> {
  const tag = crypto.randomBytes(4).toString('hex');
  const { res } = await call(baseUrl, 'POST', '/api/auth/sign-up', {
    name: 'Bench Coordinator',
    email: `bench-${tag}@example.test`,
    password: `bench-password-${tag}`,
  });
  const cookie = cookieOf(res);

  const network = (await call<{ id: string }>(baseUrl, 'POST', '/api/networks', { name: `Bench network ${tag}` }, cookie)).data;
  const organisationIds: string[] = [];
  for (const name of ['De Regenboog', 'Het Kompas', 'Jeugdhulp Oost']) {
    const org = await call<{ id: string }>(baseUrl, 'POST', `/api/networks/${network.id}/organisations`, { name, type: 'primarySchool' }, cookie);
    organisationIds.push(org.data.id);
  }
  const community = (
    await call<{ id: string; members: unknown[] }>(baseUrl, 'POST', `/api/networks/${network.id}/communities`, { name: `Bench PLG ${tag}` }, cookie)
  ).data;

  const groups = ['parent', 'school', 'care', 'school', 'parent', 'care', 'college', 'school'];
  const extra = Math.max(0, MEMBERS - community.members.length);
  for (let i = 0; i < extra; i++) {
    const id = `bench-${tag}-${i}`;
    await db.insert(user).values({ id, name: `Lid ${i + 1} ${tag}`, email: `lid-${i}-${tag}@example.test`, emailVerified: true });
    await db.insert(networkMembers).values({ networkId: network.id, userId: id });
    await db.insert(communityMembers).values({
      networkId: network.id,
      communityId: community.id,
      userId: id,
      organisationId: organisationIds[i % organisationIds.length]!,
      stakeholderGroup: groups[i % groups.length]!,
      roles: ['member'],
    });
  }

  const check = await fetch(`${baseUrl}/api/communities/${community.id}`, { headers: { cookie } });
  const body = (await check.json()) as { members?: unknown[] };
  if (!check.ok || body.members?.length !== MEMBERS) {
    throw new Error(`seed check failed: GET /api/communities/:id → ${check.status}, ${body.members?.length ?? 'no'} members`);
  }
  return { cookie, networkId: network.id, communityId: community.id, organisationIds };
}
