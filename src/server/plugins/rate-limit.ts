import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { AppError } from '../lib/errors';

export interface Limit {
  /** e.g. `sign-in-link:email:someone@example.org` */
  key: string;
  max: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in the database, so that every process behind one PostgreSQL shares
 * them. Throws a 429 AppError with Retry-After when a limit is exceeded.
 */
export function createRateLimiter(db: Db, enabled: boolean) {
  return async function consume(...limits: Limit[]): Promise<void> {
    if (!enabled) return;
    for (const limit of limits) {
      const result = await db.execute<{ window_start: Date | string; count: number }>(sql`
        insert into rate_limits (key, window_start, count) values (${limit.key}, now(), 1)
        on conflict (key) do update set
          window_start = case when rate_limits.window_start <= now() - make_interval(secs => ${limit.windowSeconds}) then now() else rate_limits.window_start end,
          count = case when rate_limits.window_start <= now() - make_interval(secs => ${limit.windowSeconds}) then 1 else rate_limits.count + 1 end
        returning window_start, count`);
      const row = (result as unknown as { rows: { window_start: Date | string; count: number }[] }).rows[0]!;
      if (Number(row.count) > limit.max) {
        const start = new Date(row.window_start).getTime();
        const retryAfter = Math.max(1, Math.ceil((start + limit.windowSeconds * 1000 - Date.now()) / 1000));
        throw new AppError(429, 'rateLimited', { minutes: Math.ceil(retryAfter / 60) }, [], {
          'retry-after': String(retryAfter),
        });
      }
    }
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
