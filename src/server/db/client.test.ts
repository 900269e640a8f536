import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DataDirLockedError, lockDataDir, openDatabase } from './client';

const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kring-lock-'));

describe('the embedded database directory lock', () => {
  it('refuses a second lock while the first holder lives, and frees it on release', () => {
    const dir = tmp();
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
    const again = lockDataDir(dir);
    again();
  });

  it('takes over the lock of a process that died without cleaning up', () => {
    const dir = tmp();
    // A pid that cannot exist on Linux (above pid_max).
    fs.writeFileSync(path.join(dir, 'kring.lock'), '99999999');
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'kring.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('makes a second process on the same data directory stop with a clear message', async () => {
    if (process.env.KRING_TEST_DB === 'postgres') return; // PGlite only
    const dir = tmp();
    const db = await openDatabase({ dataDir: dir });
    try {
      const script = `import { openDatabase } from ${JSON.stringify(path.join(here, 'client.ts'))};
        try { await openDatabase({ dataDir: ${JSON.stringify(dir)} }); console.log('OPENED'); process.exit(0); }
        catch (e) { console.error(e.message); process.exit(3); }`;
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
      expect(child.stdout).not.toContain('OPENED');
      expect(child.status).toBe(3);
      expect(child.stderr).toMatch(/already in use by another Kring process \(pid \d+\)/);
    } finally {
      await db.close();
    }
    expect(fs.existsSync(path.join(dir, 'kring.lock'))).toBe(false);
  });

  it('keeps data across a close and reopen', async () => {
    if (process.env.KRING_TEST_DB === 'postgres') return;
    const dir = tmp();
    const first = await openDatabase({ dataDir: dir });
    await first.db.execute(sql`insert into networks (name) values ('Blijft bewaard')`);
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    const rows = await second.db.execute(sql`select name from networks`);
    await second.close();
    expect((rows as unknown as { rows: { name: string }[] }).rows.map((r) => r.name)).toEqual(['Blijft bewaard']);
  });
});
