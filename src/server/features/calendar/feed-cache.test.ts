import { afterAll, beforeAll, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());
/** Calendar apps poll: an unchanged feed answers 304 to its ETag, gzip when asked, and a change shows at once. */
it('answers a repeat poll with 304, serves gzip, and rebuilds as soon as a meeting changes', async () => {
  const c = await t.signedInUser();
  const n = await f.createNetwork(t.ctx, c);
  const com = await f.createCommunity(t.ctx, c, n.id);
  await f.addMember(t.ctx, com, c, { roles: ['chair'] });
  await t.http.post(`/api/communities/${com.id}/series`, { cookie: c.cookie, body: { startDate: '2027-01-12', startTime: '19:30', durationMinutes: 90 } });
  const url = new URL((await t.http.post('/api/account/calendar', { cookie: c.cookie })).json().url).pathname;
  const a = await t.http.get(url);
  expect(a.statusCode).toBe(200);
  const etag = a.headers.etag as string;
  const b = await t.http.get(url, { headers: { 'if-none-match': etag } });
  expect(b.statusCode).toBe(304);
  expect(b.body).toBe('');
  const g = await t.http.get(url, { headers: { 'accept-encoding': 'gzip' } });
  expect(g.headers['content-encoding']).toBe('gzip');
  expect(zlib.gunzipSync(g.rawPayload).toString()).toBe(a.body);
  const [m] = (await t.http.get(`/api/communities/${com.id}/meetings`, { cookie: c.cookie })).json();
  await t.http.post(`/api/meetings/${m.id}/cancel`, { cookie: c.cookie, body: { version: m.version, reason: 'x' } });
  const d = await t.http.get(url, { headers: { 'if-none-match': etag } });
  expect(d.statusCode).toBe(200);
  expect(d.body).toContain('STATUS:CANCELLED');
});
