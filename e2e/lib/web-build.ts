import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Everything that ends up in the web bundle (the same list scripts/start.mjs checks).
const webSources = ['src/web', 'src/contracts', 'index.html', 'vite.config.ts', 'public'];

function newestMtime(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

/** Builds dist/web with vite when it is missing or older than its sources, so e2e never tests a stale UI. */
export function ensureWebBuild(root: string): void {
  const index = path.join(root, 'dist', 'web', 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (built && !webSources.some((p) => newestMtime(path.join(root, p)) > built)) return;
  console.log(built ? 'dist/web is older than its sources; rebuilding (npx vite build)' : 'dist/web is missing; building (npx vite build)');
  const res = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) throw new Error('vite build failed');
}
