import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node scripts/start.mjs` and measures the time until GET /api/health first answers 200,
 * then stops it with SIGTERM and waits for it to exit (the embedded database must be released).
 */
export async function timeColdStart(opts: { root: string; dataDir: string; timeoutMs?: number }): Promise<{ ms: number; rebuilt: boolean }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(opts.root, 'scripts', 'start.mjs')], {
    cwd: opts.root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: opts.dataDir,
      DATABASE_URL: '',
      SMTP_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let done = false;
  void exited.then(() => (done = true));
  try {
    const deadline = started + (opts.timeoutMs ?? 60_000);
    while (performance.now() < deadline) {
      if (done) throw new Error(`npm start exited before answering:\n${stderr.slice(-3000)}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(1000) });
        // start.mjs says so when it had to rebuild the web app first (sources newer than dist/web).
        if (res.ok) return { ms: Math.round(performance.now() - started), rebuilt: stdout.includes('[start] Building') };
      } catch {
        /* not yet listening */
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`npm start did not answer /api/health within ${opts.timeoutMs ?? 60_000} ms:\n${stderr.slice(-3000)}`);
  } finally {
    if (!done) {
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(kill);
    }
  }
}

/** Builds the web app when dist/web is missing (the cold start is measured with an existing build). */
export function ensureWebBuild(root: string) {
  if (fs.existsSync(path.join(root, 'dist', 'web', 'index.html'))) return;
  const res = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) throw new Error('vite build failed');
}

export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** The JavaScript the first page load fetches: module scripts and modulepreload links in index.html. */
export function firstLoadJavaScript(root: string): BundleFile[] {
  const dist = path.join(root, 'dist', 'web');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const urls = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (src && /\btype\s*=\s*["']module["']/i.test(tag)) urls.add(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (href && /\brel\s*=\s*["']modulepreload["']/i.test(tag)) urls.add(href);
  }
  return [...urls]
    .filter((u) => !/^[a-z]+:\/\//i.test(u))
    .map((u) => {
      const file = path.join(dist, u.split(/[?#]/)[0]!.replace(/^\//, ''));
      const content = fs.readFileSync(file);
      return { file: path.relative(dist, file), bytes: content.length, gzipBytes: zlib.gzipSync(content, { level: 9 }).length };
    });
}
