/**
 * End-to-end runner: `npm run e2e [-- <spec name filter>...]`.
 *
 * Starts an SMTP sink and the Kring server (fresh data directory), then runs e2e/specs/*.spec.ts
 * one after another in Chromium (playwright-core, the system's /usr/bin/chromium). Prints one line
 * per test and ends with `N passed, M failed`; exits 1 when anything failed. A failing test leaves
 * screenshots in e2e/.artifacts/. The server and browsers are always stopped, also on a crash.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expectNoAxeViolations } from './lib/axe';
import type { Fixtures, Spec } from './lib/fixtures';
import { prepareDataDir } from './lib/data-template';
import { startSmtpSink, type SmtpSink } from './lib/mailbox';
import { freePort, repoRoot, startKring, type KringServer } from './lib/server';
import { ensureWebBuild } from './lib/web-build';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SPEC_TIMEOUT_MS = Number(process.env.E2E_SPEC_TIMEOUT_MS ?? 180_000);
const RUN_TIMEOUT_MS = Number(process.env.E2E_RUN_TIMEOUT_MS ?? 15 * 60_000);
// A busy machine (CI, or several test runs at once) may need more: E2E_ACTION_TIMEOUT_MS.
const ACTION_TIMEOUT_MS = Number(process.env.E2E_ACTION_TIMEOUT_MS ?? 10_000);

const e2eDir = path.join(repoRoot, 'e2e');
const specsDir = path.join(e2eDir, 'specs');
const artifactsDir = path.join(e2eDir, '.artifacts');

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number, s: string) => (useColour ? `\x1b[${code}m${s}\x1b[0m` : s);

interface Result {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}
const results: Result[] = [];

/** Thrown by a failed step to stop the rest of its spec; the failure itself is already recorded. */
class StepFailed extends Error {}

// ---------------------------------------------------------------------------------------------
// Resources, torn down exactly once whatever happens.
// ---------------------------------------------------------------------------------------------
let tmpRoot: string | undefined;
let smtp: SmtpSink | undefined;
let server: KringServer | undefined;
const openContexts = new Set<BrowserContext>();
let cleaningUp: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaningUp ??= (async () => {
    await Promise.allSettled([...openContexts].map((c) => c.close()));
    openContexts.clear();
    await server?.stop().catch(() => {});
    await smtp?.close().catch(() => {});
    if (tmpRoot && !process.env.E2E_KEEP_TMP) fs.rmSync(tmpRoot, { recursive: true, force: true });
  })();
  return cleaningUp;
}

async function abort(reason: string, err?: unknown): Promise<never> {
  console.error(paint(31, `\n${reason}`), err instanceof Error ? (err.stack ?? err.message) : (err ?? ''));
  if (server) console.error(`\n--- server output (tail) ---\n${server.output().slice(-6000)}`);
  await cleanup();
  const passed = results.filter((r) => r.ok).length;
  console.log(`\n${passed} passed, ${results.length - passed + 1} failed`);
  process.exit(1);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void abort(`Interrupted by ${signal}`));
}
process.on('uncaughtException', (err) => void abort('Uncaught exception', err));
process.on('unhandledRejection', (err) => void abort('Unhandled rejection', err));
setTimeout(() => void abort(`The whole e2e run took longer than ${RUN_TIMEOUT_MS} ms`), RUN_TIMEOUT_MS).unref();

// ---------------------------------------------------------------------------------------------

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function slug(s: string) {
  return s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 80);
}

async function screenshots(contexts: BrowserContext[], label: string): Promise<string[]> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const saved: string[] = [];
  let i = 0;
  for (const context of contexts) {
    for (const page of context.pages()) {
      i += 1;
      const file = path.join(artifactsDir, `${slug(label)}-${i}.png`);
      try {
        await page.screenshot({ path: file, fullPage: true, timeout: 5000 });
        saved.push(path.relative(repoRoot, file));
      } catch {
        /* page may be closed or crashed */
      }
    }
  }
  return saved;
}

function record(result: Result) {
  results.push(result);
  const time = paint(90, `(${result.ms} ms)`);
  if (result.ok) {
    console.log(`  ${paint(32, '✓')} ${result.name} ${time}`);
  } else {
    console.log(`  ${paint(31, '✗')} ${result.name} ${time}`);
    console.log(`      ${(result.error ?? '').replace(/\n/g, '\n      ')}`);
  }
}

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // First frames of our own code are enough to find the line.
  const frames = (err.stack ?? '').split('\n').filter((l) => l.includes('/e2e/') && !l.includes('/e2e/run.ts')).slice(0, 3);
  return [err.message, ...frames.map((f) => f.trim())].join('\n');
}

async function runSpec(file: string, baseUrl: string, mailbox: SmtpSink['mailbox']) {
  const specName = path.basename(file).replace(/\.spec\.ts$/, '');
  console.log(`\n${paint(1, specName)}`);
  const contexts: BrowserContext[] = [];
  let stepCount = 0;

  const newContext = async () => {
    const dir = fs.mkdtempSync(path.join(tmpRoot!, 'profile-'));
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      viewport: { width: 1280, height: 900 },
      timeout: 60_000,
    });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(30_000);
    contexts.push(context);
    openContexts.add(context);
    return context;
  };

  const fixtures: Fixtures = {
    baseUrl,
    mailbox,
    newContext,
    async newPage(): Promise<Page> {
      const context = await newContext();
      return context.pages()[0] ?? (await context.newPage());
    },
    axe: expectNoAxeViolations,
    async step(name, fn) {
      stepCount += 1;
      const started = Date.now();
      const fullName = `${specName} › ${name}`;
      try {
        await fn();
        record({ name: fullName, ok: true, ms: Date.now() - started });
      } catch (err) {
        const shots = await screenshots(contexts, fullName);
        record({
          name: fullName,
          ok: false,
          ms: Date.now() - started,
          error: describeError(err) + (shots.length ? `\nscreenshots: ${shots.join(', ')}` : ''),
        });
        throw new StepFailed(fullName);
      }
    },
  };

  const started = Date.now();
  try {
    const mod = (await import(pathToFileURL(file).href)) as { default?: Spec };
    if (typeof mod.default !== 'function') throw new Error(`${file} has no default export (async (fixtures) => {...})`);
    await withTimeout(mod.default(fixtures), SPEC_TIMEOUT_MS, `spec ${specName}`);
    if (stepCount === 0) record({ name: specName, ok: true, ms: Date.now() - started });
  } catch (err) {
    if (err instanceof StepFailed) {
      console.log(paint(33, `      (rest of ${specName} skipped)`));
    } else {
      const shots = await screenshots(contexts, specName);
      record({
        name: stepCount === 0 ? specName : `${specName} (outside a step)`,
        ok: false,
        ms: Date.now() - started,
        error: describeError(err) + (shots.length ? `\nscreenshots: ${shots.join(', ')}` : ''),
      });
    }
  } finally {
    await Promise.allSettled(contexts.map((c) => c.close()));
    for (const c of contexts) openContexts.delete(c);
  }
}

async function main() {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const specs = fs
    .readdirSync(specsDir)
    .filter((f) => f.endsWith('.spec.ts'))
    .filter((f) => filters.length === 0 || filters.some((flt) => f.includes(flt)))
    .sort()
    .map((f) => path.join(specsDir, f));
  if (specs.length === 0) throw new Error(`No spec files match in ${specsDir}`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);

  // E2E_WEB_DIST points at another built web app (and skips the build), e.g. to try the harness itself.
  const webDist = process.env.E2E_WEB_DIST ? path.resolve(process.env.E2E_WEB_DIST) : undefined;
  if (!webDist) ensureWebBuild(repoRoot);
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-e2e-'));
  const dataDir = path.join(tmpRoot, 'data');
  await prepareDataDir(dataDir);

  smtp = await startSmtpSink();
  const port = await freePort();
  const serverStarted = Date.now();
  server = await startKring({
    port,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://localhost:${port}`,
      DATA_DIR: dataDir,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      DATABASE_URL: '',
      ...(webDist ? { WEB_DIST: webDist } : {}),
    },
  });
  console.log(`Kring at ${server.baseUrl} (ready in ${Date.now() - serverStarted} ms), SMTP sink on port ${smtp.port}, ${specs.length} spec file(s)`);

  for (const spec of specs) await runSpec(spec, server.baseUrl, smtp.mailbox);

  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0 && server) {
    console.log(`\n--- server output (tail) ---\n${server.output().slice(-4000)}`);
  }
  await cleanup();
  console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
  process.exit(failed.length > 0 ? 1 : 0);
}

main().catch((err) => abort('The e2e run could not complete', err));
