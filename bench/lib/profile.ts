/**
 * Looking inside one request: which SQL statements it runs (captured at the driver, so the floor
 * can run exactly the same statement) and where its time goes, step by step, without load.
 */
import type { Database } from '../../src/server/db/client';

export interface Captured {
  text: string;
  values: unknown[];
  rows: number;
}

type QueryFn = (...args: unknown[]) => Promise<{ rows: unknown[] }>;

/** The object whose `query` Drizzle (and `hot`) call: the pg pool, or the PGlite instance. */
function driverOf(database: Database): { query: QueryFn } {
  if (database.pool) return database.pool as unknown as { query: QueryFn };
  return (database.db as unknown as { $client: { query: QueryFn } }).$client;
}

/**
 * Records every statement run on the app's database while `fn` runs. Meant for one request at a
 * time with nothing else going on (the job runner may add a statement; callers pick what they need).
 */
export async function captureStatements(database: Database, fn: () => Promise<unknown>): Promise<Captured[]> {
  const driver = driverOf(database);
  const original = driver.query;
  const seen: Captured[] = [];
  driver.query = async function (this: unknown, ...args: unknown[]) {
    const [a, b] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    const text = typeof a === 'string' ? a : a.text;
    const values = Array.isArray(b) ? b : typeof a === 'object' ? (a.values ?? []) : [];
    const result = await original.apply(this, args);
    seen.push({ text, values, rows: Array.isArray(result?.rows) ? result.rows.length : 0 });
    return result;
  } as QueryFn;
  try {
    await fn();
  } finally {
    driver.query = original;
  }
  return seen;
}

export interface Timing {
  /** Wall-clock milliseconds. */
  median: number;
  p90: number;
  /**
   * CPU milliseconds this Node process spent (user + system), median. Unlike wall time it hardly
   * changes when other work competes for the cores, and it leaves out time spent in PostgreSQL.
   */
  cpu: number;
}

/** Runs `fn` sequentially `runs` times after `warmup` untimed runs; `before` runs untimed before each. */
export async function timeIt(fn: () => Promise<unknown> | unknown, opts: { runs?: number; warmup?: number; before?: () => Promise<unknown> } = {}): Promise<Timing> {
  const { runs = 40, warmup = 5, before } = opts;
  for (let i = 0; i < warmup; i++) {
    await before?.();
    await fn();
  }
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before?.();
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const at = (xs: number[], q: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
  return { median: at(ms, 0.5), p90: at(ms, 0.9), cpu: at(cpu, 0.5) };
}
