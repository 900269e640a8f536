/**
 * Where one intent's time goes, without load: the room service's applyIntent on the benchmark's own
 * database (after the load, in this process), next to its parts. Sequential runs, so neither queueing
 * nor other intents are in the numbers; wall and Node CPU time are both given (see lib/profile.ts).
 */
import pg from 'pg';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import type { Database } from '../../src/server/db/client';
import { applyIntent } from '../../src/server/features/room/room.service';
import { findRoom } from '../../src/server/features/room/room.repository';
import { requireMeeting } from '../../src/server/features/meetings/meetings.access';
import type { SessionUser } from '../../src/server/plugins/auth';
import { evolve, type RoomEnvelope } from '../../src/contracts/room-state';
import { timeIt, type Timing } from './profile';

export interface Breakdown {
  /** SQL statements one turn change runs (BEGIN and COMMIT included; PostgreSQL only, counted at the pg driver). */
  statements: number | null;
  steps: { label: string; t: Timing }[];
}

/** Counts the statements every pg client runs while `fn` runs (transactions run on a pooled client, not pool.query). */
async function countStatements(fn: () => Promise<unknown>): Promise<number> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let n = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    n++;
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return n;
}

export async function intentBreakdown(database: Database, opts: { meetingId: string; chairId: string; authSecret: string }): Promise<Breakdown> {
  const config = loadConfig({ NODE_ENV: 'production', AUTH_SECRET: opts.authSecret, RATE_LIMITS: 'off', LOG_LEVEL: 'silent', JOBS_INTERVAL_MS: '0' } as NodeJS.ProcessEnv);
  const app = await buildApp({ config: { ...config, webDist: undefined, jobsIntervalMs: 0 }, database, logger: false });
  await app.ready();
  try {
    const ctx = app.ctx;
    const me: SessionUser = { id: opts.chairId, name: 'Voorzitter', email: '', locale: 'nl', timeZone: 'Europe/Amsterdam', sessionId: '' };
    // Forward and back by one turn, so every run is valid whatever turn the load left the room at.
    const start = await findRoom(ctx.db, opts.meetingId);
    let forward = start!.round!.turns.some((t) => t.status === 'waiting');
    let n = 0;
    const turnChange = () => {
      const intent = { kind: forward ? ('turn.next' as const) : ('turn.previous' as const) };
      forward = !forward;
      return applyIntent(ctx, me, opts.meetingId, `breakdown-${Date.now().toString(36)}-${n++}`, intent);
    };
    await turnChange();
    const statements = database.kind === 'postgres' ? await countStatements(turnChange) : (await turnChange(), null);
    const state = (await findRoom(ctx.db, opts.meetingId))!;
    const envelope: RoomEnvelope = { meetingId: opts.meetingId, seq: state.seq + 1, at: new Date().toISOString(), by: me.id, event: { kind: 'turn.next' } };
    const stateJson = JSON.stringify(state);
    const runs = { runs: 200, warmup: 20 };
    const steps = [
      { label: '`applyIntent`, a turn change (access check, transaction, NOTIFY; no subscriber in this process)', t: await timeIt(turnChange, runs) },
      { label: '`requireMeeting`, the access check each intent starts with (one query, the whole meeting row through Drizzle)', t: await timeIt(() => requireMeeting(ctx, me, opts.meetingId, 'view'), runs) },
      { label: '`findRoom`, the room state read through Drizzle (what the lock reads)', t: await timeIt(() => findRoom(ctx.db, opts.meetingId), runs) },
      {
        label: database.kind === 'postgres' ? 'one round trip: `select 1` as a named prepared statement' : 'one statement: `select 1` (embedded, no round trip)',
        t: await timeIt(() => database.hot('kring_bench_select1', 'select 1', []), runs),
      },
      { label: `\`evolve\` + JSON.stringify + JSON.parse of the state (${(stateJson.length / 1024).toFixed(1)} KB, CPU only)`, t: await timeIt(() => JSON.parse(JSON.stringify(evolve(state, envelope))), runs) },
    ];
    return { statements, steps };
  } finally {
    await app.close();
  }
}
