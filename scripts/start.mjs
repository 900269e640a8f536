#!/usr/bin/env node
// `npm start`: build the web app when its output is missing or stale, then run the server.
// Arguments pass through to the server: `npm start -- --demo`.
// Plain JavaScript on purpose: this file runs before anything is compiled, and stays cheap.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { buildServer, serverEntry, serverSources } from './build-server.mjs';

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

function isStale(output, sources) {
  let built;
  try {
    built = fs.statSync(output).mtimeMs;
  } catch {
    return true;
  }
  return sources.some((p) => newestMtime(path.join(root, p)) > built);
}
const webBuildIsStale = () => isStale(builtIndex, webSources);

if (process.env.KRING_SKIP_WEB_BUILD !== '1' && webBuildIsStale()) {
  console.log('[start] Building the web app (dist/web is missing or older than its sources)...');
  const npx = os.platform() === 'win32' ? 'npx.cmd' : 'npx';
  const result = spawnSync(npx, ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('[start] The web build failed; not starting the server.');
    process.exit(result.status ?? 1);
  }
}

if (isStale(serverEntry, serverSources)) {
  try {
    await buildServer();
  } catch (err) {
    console.error('[start] Bundling the server failed; not starting.', err);
    process.exit(1);
  }
}

const child = spawn(process.execPath, ['--enable-source-maps', serverEntry, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });

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
