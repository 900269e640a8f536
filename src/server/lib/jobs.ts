import nodemailer, { type Transporter } from 'nodemailer';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db/client';
import { jobs, outbox } from '../db/schema';

export interface JobRow {
  id: string;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  runAt: Date;
  attempts: number;
}

/**
 * Runs inside the transaction that marks the job done: write its effects (outbox rows) with `tx`.
 * `afterCommit` runs a function once that transaction has committed (e.g. telling live rooms).
 */
export type JobHandler = (tx: Tx, job: JobRow, now: Date, afterCommit: (fn: () => Promise<void> | void) => void) => Promise<void>;

export interface QueuedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
  networkId?: string | null;
  /** An iCalendar (METHOD:PUBLISH) sent as a text/calendar alternative, for invitations to meetings. */
  calendar?: string | null;
}

const MAX_JOB_ATTEMPTS = 5;
const MAX_MAIL_ATTEMPTS = 8;
/** How long a process may take to deliver a claimed mail before another process may retry it. */
const MAIL_CLAIM_MS = 2 * 60_000;

const backoffMs = (attempts: number) => Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));

/** Queues a mail in the caller's transaction; the runner delivers it after commit. */
export async function queueMail(db: DbOrTx, m: QueuedMail, now: Date) {
  await db.insert(outbox).values({
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    kind: m.kind,
    networkId: m.networkId ?? null,
    calendar: m.calendar ?? null,
    queued: true,
    nextAttemptAt: now,
  });
}

/**
 * Plans a job by key. A pending job with the same key is moved to the new time and payload; a job
 * that already ran stays done unless `again` is set (e.g. a meeting moved after its reminder went).
 */
export async function scheduleJob(db: DbOrTx, job: { kind: string; key: string; runAt: Date; payload?: Record<string, unknown> }, opts: { again?: boolean } = {}) {
  await db
    .insert(jobs)
    .values({ kind: job.kind, key: job.key, runAt: job.runAt, payload: job.payload ?? {} })
    .onConflictDoUpdate({
      target: jobs.key,
      set: { runAt: job.runAt, payload: job.payload ?? {}, status: 'pending', attempts: 0, lastError: null, doneAt: null },
      where: opts.again ? undefined : sql`${jobs.status} <> 'done'`,
    });
}

/**
 * Plans a job by key unless one with that key exists already (pending, running or done). Never waits
 * for a running job's lock: for work that a request may ask for often (e.g. once per hour-bucket key).
 */
export async function scheduleJobOnce(db: DbOrTx, job: { kind: string; key: string; runAt: Date; payload?: Record<string, unknown> }) {
  await db
    .insert(jobs)
    .values({ kind: job.kind, key: job.key, runAt: job.runAt, payload: job.payload ?? {} })
    .onConflictDoNothing({ target: jobs.key });
}

export async function cancelJobs(db: DbOrTx, keys: string[]) {
  if (keys.length === 0) return;
  await db.update(jobs).set({ status: 'cancelled' }).where(and(inArray(jobs.key, keys), eq(jobs.status, 'pending')));
}

export interface JobRunner {
  register(kind: string, handler: JobHandler): void;
  /** Runs every due job once; returns how many ran (tests call this with their own clock). */
  runDue(now?: Date): Promise<number>;
  /** Delivers queued mails that are due; returns how many were delivered. */
  deliverMail(now?: Date): Promise<number>;
  /** Ask the loop to run soon (after a commit that queued mail or a job due now). */
  kick(): void;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

interface Log {
  info: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
}

/**
 * Durable jobs and mail delivery on the database, safe with several processes (FOR UPDATE SKIP
 * LOCKED). A job's effects commit together with its "done" mark: a crash before commit runs it again,
 * after commit never. Mail is at-least-once towards SMTP only in the window between the SMTP server
 * accepting a message and our commit; the stable Message-ID lets mail clients drop such a duplicate.
 */
export function createJobRunner(opts: { db: Db; smtpUrl?: string; from: string; publicUrl: string; log: Log; now: () => Date }): JobRunner {
  const handlers = new Map<string, JobHandler>();
  const transport: Transporter | null = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  const domain = new URL(opts.publicUrl).hostname || 'kring.local';
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  async function runOne(now: Date): Promise<boolean> {
    let failed: { id: string; attempts: number; error: string } | null = null;
    let ran = false;
    let after: (() => Promise<void> | void)[] = [];
    try {
      await opts.db.transaction(async (tx) => {
        const [job] = await tx
          .select()
          .from(jobs)
          .where(and(eq(jobs.status, 'pending'), sql`${jobs.runAt} <= ${now}`))
          .orderBy(jobs.runAt)
          .limit(1)
          .for('update', { skipLocked: true });
        if (!job) return;
        ran = true;
        const handler: JobHandler =
          handlers.get(job.kind) ??
          (() => {
            throw new Error(`no handler for job kind ${job.kind}`);
          });
        try {
          await tx.execute(sql`savepoint job_run`);
          await handler(tx, job, now, (fn) => after.push(fn));
          await tx.execute(sql`release savepoint job_run`);
        } catch (err) {
          await tx.execute(sql`rollback to savepoint job_run`);
          after = [];
          failed = { id: job.id, attempts: job.attempts + 1, error: String((err as Error).message ?? err) };
          const give = failed.attempts >= MAX_JOB_ATTEMPTS;
          await tx
            .update(jobs)
            .set({ attempts: failed.attempts, lastError: failed.error, status: give ? 'failed' : 'pending', runAt: new Date(now.getTime() + backoffMs(failed.attempts)) })
            .where(eq(jobs.id, job.id));
          return;
        }
        await tx.update(jobs).set({ status: 'done', doneAt: now, attempts: job.attempts + 1 }).where(eq(jobs.id, job.id));
      });
    } catch (err) {
      opts.log.error({ err }, 'job runner transaction failed');
      return false;
    }
    if (failed) opts.log.error({ job: failed }, 'job failed; will retry');
    for (const fn of after) {
      try {
        await fn();
      } catch (err) {
        opts.log.error({ err }, 'job after-commit step failed');
      }
    }
    return ran;
  }

  async function runDue(now = opts.now()): Promise<number> {
    let count = 0;
    // Bounded so one tick cannot starve the process; the next tick continues.
    while (count < 500 && (await runOne(now))) count++;
    return count;
  }

  async function deliverMail(now = opts.now()): Promise<number> {
    let delivered = 0;
    for (let round = 0; round < 50; round++) {
      const claimed = await opts.db.transaction(async (tx) => {
        const due = await tx
          .select({ id: outbox.id })
          .from(outbox)
          .where(
            and(
              eq(outbox.queued, true),
              sql`${outbox.sentAt} is null`,
              sql`${outbox.attempts} < ${MAX_MAIL_ATTEMPTS}`,
              sql`(${outbox.nextAttemptAt} is null or ${outbox.nextAttemptAt} <= ${now})`,
              sql`(${outbox.claimedUntil} is null or ${outbox.claimedUntil} < ${now})`,
            ),
          )
          .orderBy(outbox.createdAt)
          .limit(20)
          .for('update', { skipLocked: true });
        if (due.length === 0) return [];
        return tx
          .update(outbox)
          .set({ claimedUntil: new Date(now.getTime() + MAIL_CLAIM_MS), attempts: sql`${outbox.attempts} + 1` })
          .where(inArray(outbox.id, due.map((d) => d.id)))
          .returning();
      });
      if (claimed.length === 0) break;
      for (const m of claimed) {
        if (!transport) {
          opts.log.info({ to: m.to, subject: m.subject }, `mail (outbox, no SMTP_URL):\n${m.text}`);
          await opts.db.update(outbox).set({ sentAt: opts.now(), claimedUntil: null }).where(eq(outbox.id, m.id));
          delivered++;
          continue;
        }
        try {
          await transport.sendMail({
            from: opts.from,
            to: m.to,
            subject: m.subject,
            text: m.text,
            html: m.html,
            messageId: `<${m.id}@${domain}>`,
            ...(m.calendar ? { icalEvent: { method: 'PUBLISH', filename: 'kring.ics', content: m.calendar } } : {}),
          });
          await opts.db.update(outbox).set({ sentAt: opts.now(), claimedUntil: null, lastError: null }).where(eq(outbox.id, m.id));
          delivered++;
        } catch (err) {
          await opts.db
            .update(outbox)
            .set({ claimedUntil: null, lastError: String((err as Error).message), nextAttemptAt: new Date(opts.now().getTime() + backoffMs(m.attempts)) })
            .where(eq(outbox.id, m.id));
          opts.log.error({ err, to: m.to }, 'queued mail delivery failed; will retry');
        }
      }
    }
    return delivered;
  }

  async function tick() {
    do {
      again = false;
      try {
        await runDue();
        await deliverMail();
      } catch (err) {
        opts.log.error({ err }, 'job runner tick failed');
      }
    } while (again && !stopped);
  }

  function trigger() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = tick().finally(() => {
      running = null;
    });
  }

  return {
    register(kind, handler) {
      handlers.set(kind, handler);
    },
    runDue,
    deliverMail,
    kick() {
      if (!stopped) setImmediate(trigger);
    },
    start(intervalMs) {
      stopped = false;
      timer = setInterval(trigger, intervalMs);
      timer.unref();
      setImmediate(trigger);
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      transport?.close();
    },
  };
}
