import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, repoRoot } from '../../e2e/lib/server';

// One place finds the repository and a free port, for e2e and the benchmarks alike.
export { freePort, repoRoot };

export interface KringProcess {
  pid: number;
  port: number;
  baseUrl: string;
  /** Everything the process wrote (the last 100 KB or so). */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: string | null }>;
  /** Sends a signal (SIGKILL: a crash) and waits until the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM (the server closes its sockets with 1012 and its database), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts the real server as its own process, as e2e/lib/server.ts does (`node --import tsx
 * src/server/main.ts`), and waits until GET /api/health answers 200. `env` comes on top of this
 * process's environment; PORT, HOST and PUBLIC_URL are set from `port`.
 */
export async function spawnKring(opts: {
  port: number;
  env: Record<string, string>;
  timeoutMs?: number;
  nodeArgs?: string[];
  /** Another script to run the same way (its arguments after it), e.g. a floor server. */
  script?: string[];
}): Promise<KringProcess> {
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', ...(opts.script ?? ['src/server/main.ts'])], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      JOBS_INTERVAL_MS: '0',
      SMTP_URL: '',
      WEB_DIST: path.join(repoRoot, '.no-web-dist'),
      ...opts.env,
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
    if (process.env.KRING_CHILD_LOG) process.stderr.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let done: { code: number | null; signal: string | null } | null = null;
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      done = { code, signal };
      resolve(done);
    }),
  );
  const kill = async (signal: NodeJS.Signals) => {
    if (done) return;
    child.kill(signal);
    await exited;
  };
  const stop = async (graceMs = 10_000) => {
    if (done) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (done) throw new Error(`The Kring server exited during startup (${JSON.stringify(done)}):\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return { pid: child.pid!, port: opts.port, baseUrl, output: () => log, exited, kill, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new Error(`The Kring server did not answer /api/health within ${timeoutMs} ms:\n${log}`);
}

/** Resident set size of a process in bytes (`ps -o rss=`), or NaN when it cannot be read. */
export function rssOf(pid: number): number {
  const r = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) * 1024 : NaN;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); NaN elsewhere. */
export function cpuMsOf(pid: number): number {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return NaN;
  }
  // After the command name (in parentheses, may hold spaces): utime and stime are fields 14 and 15.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(rest[11]) + Number(rest[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}
