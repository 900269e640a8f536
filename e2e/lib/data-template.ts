/**
 * A fresh PGlite data directory costs an initdb and every migration, which on a busy machine takes
 * longer than all the specs together. The runner therefore migrates an empty directory once per set
 * of migrations (and PGlite version), keeps it in the system's temp folder, and gives each run a
 * copy: still an empty, fully migrated database of its own. E2E_NO_TEMPLATE=1 skips this.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './server';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

/** Changes with any migration, the database client or the PGlite version. */
function templateKey(): string {
  const hash = crypto.createHash('sha256');
  const inputs = [
    ...filesUnder(path.join(repoRoot, 'drizzle')),
    path.join(repoRoot, 'src/server/db/client.ts'),
    path.join(repoRoot, 'node_modules/@electric-sql/pglite/package.json'),
  ];
  for (const file of inputs) {
    hash.update(path.relative(repoRoot, file));
    if (fs.existsSync(file)) hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Templates of earlier migrations are of no more use (about 40 MB each). */
function removeOldTemplates(current: string): void {
  const dir = path.dirname(current);
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    if (/^kring-e2e-db-[0-9a-f]{16}$/.test(name) && full !== current) fs.rmSync(full, { recursive: true, force: true });
  }
}

/** Fills `dataDir` (which must not exist yet) with an empty, migrated database. */
export async function prepareDataDir(dataDir: string): Promise<void> {
  if (process.env.E2E_NO_TEMPLATE) return;
  const template = path.join(os.tmpdir(), `kring-e2e-db-${templateKey()}`);
  if (!fs.existsSync(template)) {
    const started = Date.now();
    const building = fs.mkdtempSync(`${template}-building-`);
    const { openDatabase } = await import('../../src/server/db/client');
    const database = await openDatabase({ dataDir: building });
    await database.close();
    try {
      fs.renameSync(building, template);
    } catch {
      // Another run made it first; theirs is as good as ours.
      fs.rmSync(building, { recursive: true, force: true });
    }
    console.log(`Migrated an empty database template in ${Date.now() - started} ms (${template})`);
    removeOldTemplates(template);
  }
  fs.cpSync(template, dataDir, { recursive: true });
}
