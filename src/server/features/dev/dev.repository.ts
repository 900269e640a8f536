import { desc } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { outbox } from '../../db/schema';

export const listOutbox = (db: DbOrTx) => db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(100);
