import { loadConfig } from '../config';
import { buildApp } from '../app';
import { isEmpty, seedDemo } from './demo';

/** `npm run demo`: fills an empty database with the demo, then exits. */
const app = await buildApp({ config: loadConfig(), logger: false });
try {
  if (await isEmpty(app.ctx)) await seedDemo(app.ctx, console.log);
  else console.log('The database already holds data; the demo is only created in an empty one (use another DATA_DIR).');
} finally {
  await app.close();
}
