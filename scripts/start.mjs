#!/usr/bin/env node
// `npm start`: build the web app when its output is missing or stale, then run the server.
// Arguments pass through to the server: `npm start -- --demo`.
// Plain JavaScript on purpose: this file runs before anything is compiled, and stays cheap.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = path.join(root, 'dist', 'web', 'index.html');
// Everything that ends up in the web bundle.
const webSources = ['src/web', 'src/contracts', 'index.html', 'vite.config.ts', 'public'];

function newestMtime(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its directory's mtime
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

function webBuildIsStale() {
  let built;
  try {
    built = fs.statSync(builtIndex).mtimeMs;
  } catch {
    return true;
  }
  return webSources.some((p) => newestMtime(path.join(root, p)) > built);
}

if (process.env.KRING_SKIP_WEB_BUILD !== '1' && webBuildIsStale()) {
  console.log('[start] Building the web app (dist/web is missing or older than its sources)...');
  const npx = os.platform() === 'win32' ? 'npx.cmd' : 'npx';
  const result = spawnSync(npx, ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('[start] The web build failed; not starting the server.');
    process.exit(result.status ?? 1);
  }
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(root, 'src', 'server', 'main.ts'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

child.on('error', (err) => {
  console.error('[start] Could not start the server:', err.message);
  process.exit(1);
});

child.on('exit', (code, signal) => {
  if (code !== null) process.exit(code);
  // Killed by a signal: exit the conventional way (128 + signal number).
  process.exit(128 + (os.constants.signals[signal] ?? 1));
});
