import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** The one database type the repositories see, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** A raw pg pool (PostgreSQL only), used where a dedicated connection is needed. */
  pool?: pg.Pool;
  /**
   * Runs one hand-written statement, prepared once per connection under `name` on PostgreSQL.
   * Only for the few hot read paths (session lookup, community page) where query building and
   * parsing show up in the benchmark; everything else goes through Drizzle.
   */
  hot<T>(name: string, text: string, values: unknown[]): Promise<T[]>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The committed migrations: found upward from this module, whether it runs from src/ or from the dist/ bundle. */
function findMigrations(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'drizzle', 'meta', '_journal.json');
    if (fs.existsSync(candidate)) return path.dirname(path.dirname(candidate));
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Could not find the drizzle/ migrations folder');
    dir = parent;
  }
}
const migrationsFolder = findMigrations();

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The data directory ${dir} is already in use by another Kring process (pid ${pid}). ` +
        `Stop that process first, or start this one with another DATA_DIR. ` +
        `Two processes on one embedded database would lose writes.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock on a PGlite data directory. The lock file holds the pid; a lock whose
 * process no longer exists (a crash, kill -9) is taken over, so a restart never needs cleaning up.
 */
export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, 'kring.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new DataDirLockedError(dir, pid);
      }
      fs.rmSync(lockPath, { force: true }); // stale lock of a dead process
    }
  }
  throw new Error(`Could not lock the data directory ${dir}`);
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) {
    // No parallel query: Kring's statements are small and indexed, and starting parallel workers cost
    // more than the work (the monitor's contribution query: 3 ms serial, 9–12 ms with 2 workers; bench/README.md).
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 20, options: '-c max_parallel_workers_per_gather=0' });
    // An idle connection that PostgreSQL ends (a restart, an administrator, a dropped test database)
    // must not take the process down: the pool opens a new one on next use.
    pool.on('error', (err) => console.warn(`PostgreSQL closed an idle connection (${err.message}); a new one is opened when needed.`));
    const pgDb = drizzlePg(pool, { schema });
    await migratePg(pgDb, { migrationsFolder });
    const db = pgDb as unknown as Db;
    return {
      db,
      kind: 'postgres',
      pool,
      hot: async <T,>(name: string, text: string, values: unknown[]) =>
        (await pool.query({ name, text, values })).rows as T[],
      ping: async () => {
        try {
          await pool.query('select 1');
          return true;
        } catch {
          return false;
        }
      },
      close: () => pool.end(),
    };
  }

  const inMemory = opts.dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : lockDataDir(opts.dataDir);
  let client: PGlite;
  let db: Db;
  try {
    client = inMemory ? new PGlite() : new PGlite(path.join(opts.dataDir, 'pg'));
    await client.waitReady;
    const pdb = drizzlePglite(client, { schema });
    await migratePglite(pdb, { migrationsFolder });
    db = pdb as unknown as Db;
  } catch (err) {
    release();
    throw err;
  }
  return {
    db,
    kind: 'pglite',
    hot: async <T,>(_name: string, text: string, values: unknown[]) => (await client.query<T>(text, values)).rows,
    ping: async () => {
      try {
        await db.execute(sql`select 1`);
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}
