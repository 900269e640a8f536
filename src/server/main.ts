import { loadConfig } from './config';
import { buildApp } from './app';
import { DataDirLockedError, openDatabase } from './db/client';
import { seedDemo, isEmpty } from './db/demo';

async function main() {
  const config = loadConfig();
  const wantDemo = process.argv.includes('--demo');
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(`\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const app = await buildApp({ config, database });
  app.addHook('onClose', async () => database.close());

  if (wantDemo) {
    if (await isEmpty(app.ctx)) await seedDemo(app.ctx, console.log);
    else console.log('Demo data not created: the database already holds data. Use an empty DATA_DIR for the demo.');
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  console.log(`\nKring is running at ${config.publicUrl}  (database: ${where})`);
  if (config.devTools) console.log(`No SMTP_URL set: mails go to the outbox, readable at ${config.publicUrl}/dev/outbox\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
