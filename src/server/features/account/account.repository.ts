import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { account, user } from '../../db/schema';

export async function findUserByEmail(db: DbOrTx, email: string) {
  const rows = await db.select().from(user).where(eq(user.email, email.toLowerCase())).limit(1);
  return rows[0] ?? null;
}

export async function findUserById(db: DbOrTx, id: string) {
  const rows = await db.select().from(user).where(eq(user.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function hasPassword(db: DbOrTx, userId: string) {
  const rows = await db
    .select({ id: account.id })
    .from(account)
    .where(and(eq(account.userId, userId), eq(account.providerId, 'credential')))
    .limit(1);
  return rows.length > 0;
}

export async function updateUser(
  db: DbOrTx,
  userId: string,
  patch: { name?: string; locale?: string; timeZone?: string; privacyAcceptedAt?: Date; emailVerified?: boolean },
) {
  const [row] = await db
    .update(user)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(user.id, userId))
    .returning();
  return row ?? null;
}

/** Creates a password-less account (someone joining through an invitation link). */
export async function insertUser(
  db: DbOrTx,
  values: { id: string; name: string; email: string; locale: string; timeZone: string; privacyAcceptedAt: Date },
) {
  const [row] = await db
    .insert(user)
    .values({ ...values, email: values.email.toLowerCase(), emailVerified: true })
    .returning();
  return row!;
}
