import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';

export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface Kring {
  app: Awaited<ReturnType<typeof buildApp>>;
  baseUrl: string;
  /** The fresh PostgreSQL database ('' for PGlite). */
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * A fresh place for a benchmark's data: a temporary folder and, on PostgreSQL, a new database
 * `<prefix>_<random>`; `cleanup` removes both.
 */
export async function freshDatabase(kind: 'pglite' | 'postgres', prefix: string, log: (msg: string) => void = () => {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix.replace(/_/g, '-')}-${kind}-`));
  const dbName = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  let databaseUrl = '';
  if (kind === 'postgres') {
    await adminQuery(`create database ${dbName}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const cleanup = async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (kind === 'postgres') await adminQuery(`drop database if exists ${dbName} with (force)`).catch((e) => log(`drop failed: ${e}`));
  };
  return { tmp, dbName, databaseUrl, cleanup };
}

/**
 * The real Kring server, built in-process with production config (rate limits and logging off),
 * listening on a random port, on a fresh database: a new PostgreSQL database `kring_bench_<random>`
 * (dropped by close()) or a PGlite data directory in a temporary folder.
 */
export async function startKring(kind: 'pglite' | 'postgres', log: (msg: string) => void = () => {}): Promise<Kring> {
  const { tmp, databaseUrl, cleanup } = await freshDatabase(kind, 'kring_bench', log);
  try {
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'production',
      AUTH_SECRET: crypto.randomBytes(24).toString('hex'),
      PUBLIC_URL: 'http://127.0.0.1',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: path.join(tmp, 'data'),
      DATABASE_URL: databaseUrl,
      SMTP_URL: '',
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'silent',
      WEB_DIST: path.join(tmp, 'no-web'),
    });
    const app = await buildApp({ config, logger: false });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
    } catch (err) {
      await app.close().catch(() => {});
      throw err;
    }
    const address = app.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return {
      app,
      baseUrl,
      databaseUrl,
      close: async () => {
        await app.close().catch(() => {});
        await cleanup();
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
