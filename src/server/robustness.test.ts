/** Bad and hostile input gets a clear answer and changes nothing it should not. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactTokens } from './app';
import { createTestApp, factories as f, linkIn, type TestApp } from './test/harness';
import { outbox } from './db/schema';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('bad input', () => {
  it('refuses text with a NUL character with a field error instead of a database error', async () => {
    const u = await t.signedInUser();
    const res = await t.http.post('/api/networks', { cookie: u.cookie, body: { name: 'Net\u0000werk' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'name', code: 'invalid' })]);
    const nested = await t.http.patch('/api/me', { cookie: u.cookie, body: { name: 'ok', timeZone: 'Europe/\u0000' } });
    expect(nested.json().errors[0].path).toBe('timeZone');
  });

  it('answers an Origin of "null" with a CSRF refusal, not a crash', async () => {
    const u = await t.signedInUser();
    const res = await t.http.patch('/api/me', { cookie: u.cookie, body: { name: 'X' }, headers: { origin: 'null' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf');
  });

  it('accepts an empty change of an organisation or a member as "nothing to change"', async () => {
    const coordinator = await t.signedInUser();
    const network = await f.createNetwork(t.ctx, coordinator);
    const org = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'Pabo' });
    const res = await t.http.patch(`/api/networks/${network.id}/organisations/${org.id}`, { cookie: coordinator.cookie, body: {} });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('Pabo');
    const c = await f.createCommunity(t.ctx, coordinator, network.id);
    const member = await t.signedInUser();
    await f.addMember(t.ctx, c, member, { roles: ['member', 'chair'] });
    const detail = (await t.http.get(`/api/communities/${c.id}`, { cookie: coordinator.cookie })).json();
    const m = await t.http.patch(`/api/communities/${c.id}/members/${detail.members[0].id}`, { cookie: coordinator.cookie, body: {} });
    expect(m.statusCode).toBe(200);
    expect(m.json().roles).toEqual(['member', 'chair']);
  });

  it('stores time zones in their canonical spelling', async () => {
    const u = await t.signedInUser();
    const res = await t.http.patch('/api/me', { cookie: u.cookie, body: { timeZone: 'europe/amsterdam' } });
    expect(res.json().timeZone).toBe('Europe/Amsterdam');
  });
});

describe('redirects after signing in', () => {
  it('never leaves Kring, however the path is dressed up', async () => {
    const u = await t.signedInUser();
    const asked = await t.http.post('/api/auth/sign-in-link', { body: { email: u.email, redirectTo: '/.//evil.example/phish' } });
    expect(asked.statusCode).toBe(202);
    const mail = await t.mailbox.waitFor((m) => m.to.includes(u.email));
    const link = new URL(linkIn(mail.text, '/api/auth/magic-link/verify'));
    const res = await t.http.get(`${link.pathname}${link.search}`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    for (const target of ['/.//evil.example', '//evil.example', 'https://evil.example', '/\\evil.example']) {
      const bad = await t.http.get(`/api/auth/magic-link/verify?token=nope&errorCallbackURL=${encodeURIComponent(target)}&callbackURL=${encodeURIComponent(target)}`);
      expect(bad.statusCode).toBe(302);
      expect(String(bad.headers.location)).toMatch(/^\/(?![/\\])/);
      expect(String(bad.headers.location)).not.toContain('evil');
    }
  });
});

describe('tokens stay out of logs and stored mail', () => {
  it('redacts invitation and sign-in tokens from logged URLs', () => {
    expect(redactTokens('/api/invitations/by-token/abcDEF123')).toBe('/api/invitations/by-token/[redacted]');
    expect(redactTokens('/api/auth/magic-link/verify?token=secret&callbackURL=/')).toBe('/api/auth/magic-link/verify?token=[redacted]&callbackURL=/');
    expect(redactTokens('/api/communities/123')).toBe('/api/communities/123');
  });

  it('keeps no link in the outbox once a mail is delivered over SMTP', async () => {
    const u = await t.signedInUser();
    await t.http.post('/api/auth/sign-in-link', { body: { email: u.email } });
    await t.mailbox.waitFor((m) => m.to.includes(u.email));
    const rows = (await t.ctx.db.select().from(outbox)).filter((r) => r.to === u.email);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.sentAt).not.toBeNull();
      expect(r.text + r.html).not.toMatch(/token=/);
    }
  });
});
