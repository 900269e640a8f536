import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { createTestApp, cookieFrom, linkIn, type TestApp } from '../../test/harness';
import { verification } from '../../db/schema';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const signUp = (body: Record<string, unknown>, headers: Record<string, string> = {}, ip?: string) =>
  t.http.post('/api/auth/sign-up', { body, headers, ip });

describe('sign up, sign in, sign out', () => {
  it('creates an account, sets a HttpOnly SameSite=Lax session cookie and knows who you are', async () => {
    const res = await signUp({ name: 'Ellen Mulder', email: 'Ellen@Example.org', password: 'a good password' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Ellen Mulder', email: 'ellen@example.org', locale: 'nl', timeZone: 'Europe/Amsterdam', hasPassword: true });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/kring\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/); // served over http in this test
    const me = await t.http.get('/api/me', { cookie: cookieFrom(res.headers['set-cookie'] as string[]) });
    expect(me.statusCode).toBe(200);
    expect(me.json().email).toBe('ellen@example.org');
  });

  it('refuses a second account with the same address, with the field named', async () => {
    const res = await signUp({ name: 'Someone', email: 'ellen@example.org', password: 'another password' });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'emailTaken', errors: [{ path: 'email', code: 'emailTaken' }] });
  });

  it('explains every invalid field, in Dutch by default and in English when asked', async () => {
    const nl = await signUp({ name: '', email: 'not-an-email', password: 'short', colour: 'red' });
    expect(nl.statusCode).toBe(422);
    const body = nl.json();
    expect(body.title).toBe('Niet alle velden zijn goed ingevuld.');
    const byPath = Object.fromEntries(body.errors.map((e: { path: string; code: string; message: string }) => [e.path, e]));
    expect(byPath.name.code).toBe('required');
    expect(byPath.email.code).toBe('invalidEmail');
    expect(byPath.password).toMatchObject({ code: 'tooShort', message: 'Gebruik minstens 8 tekens.' });
    expect(byPath.colour.code).toBe('unknownField');
    const en = await signUp({ name: 'X', email: 'nope', password: 'long enough' }, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.json().errors[0].message).toBe('Enter a valid email address.');
  });

  it('answers malformed JSON with a problem, not a 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json', 'x-kring-csrf': '1' },
      payload: '{"email":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().type).toBe('/problems/badRequest');
  });

  it('signs in with the password, rejects a wrong one', async () => {
    const ok = await t.http.post('/api/auth/sign-in', { body: { email: 'ellen@example.org', password: 'a good password' } });
    expect(ok.statusCode).toBe(200);
    const bad = await t.http.post('/api/auth/sign-in', { body: { email: 'ellen@example.org', password: 'wrong password' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('invalidCredentials');
  });

  it('ends the session on the server when signing out: the old cookie no longer works', async () => {
    const u = await t.signedInUser();
    expect((await t.http.get('/api/me', { cookie: u.cookie })).statusCode).toBe(200);
    const out = await t.http.post('/api/auth/sign-out', { cookie: u.cookie });
    expect(out.statusCode).toBe(204);
    expect((await t.http.get('/api/me', { cookie: u.cookie })).statusCode).toBe(401);
  });

  it('rejects a forged session cookie', async () => {
    const u = await t.signedInUser();
    const forged = u.cookie.replace(/=([^.]+)\./, '=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.');
    expect((await t.http.get('/api/me', { cookie: forged })).statusCode).toBe(401);
  });

  it('limits sign-in attempts per address with 429 and Retry-After', async () => {
    const u = await t.signedInUser();
    let last;
    for (let i = 0; i < 11; i++) {
      last = await t.http.post('/api/auth/sign-in', { body: { email: u.email, password: 'wrong password' }, ip: '10.9.9.9' });
    }
    expect(last!.statusCode).toBe(429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.json().code).toBe('rateLimited');
  });
});

describe('CSRF protection', () => {
  it('refuses a state-changing request without the Kring header', async () => {
    const u = await t.signedInUser();
    const res = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie: u.cookie }, payload: { name: 'Hacked' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf');
  });

  it('refuses a request from another origin even with the header', async () => {
    const u = await t.signedInUser();
    const res = await t.http.patch('/api/me', { cookie: u.cookie, body: { name: 'Hacked' }, headers: { origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(403);
    const me = await t.http.get('/api/me', { cookie: u.cookie });
    expect(me.json().name).not.toBe('Hacked');
  });
});

describe('sign-in links', () => {
  it('mails a single-use link that signs you in and redirects into the app', async () => {
    const u = await t.signedInUser({ email: 'parent.link@example.org' });
    const res = await t.http.post('/api/auth/sign-in-link', { body: { email: u.email, redirectTo: '/communities' } });
    expect(res.statusCode).toBe(202);
    const mail = await t.mailbox.waitFor((m) => m.to.includes(u.email));
    expect(mail.subject).toBe('Je inloglink voor Kring');
    const link = new URL(linkIn(mail.text, '/api/auth/magic-link/verify'));
    const first = await t.http.get(`${link.pathname}${link.search}`);
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe('/communities');
    const cookie = cookieFrom(first.headers['set-cookie'] as string[]);
    expect((await t.http.get('/api/me', { cookie })).json().email).toBe(u.email);
    const second = await t.http.get(`${link.pathname}${link.search}`);
    expect(second.statusCode).toBe(302);
    expect(second.headers.location).toMatch(/^\/sign-in\?error=/);
    expect(second.headers['set-cookie']).toBeUndefined();
  });

  it('does not accept a link after 15 minutes', async () => {
    const u = await t.signedInUser();
    await t.http.post('/api/auth/sign-in-link', { body: { email: u.email } });
    const mail = await t.mailbox.waitFor((m) => m.to.includes(u.email));
    expect(mail.text).toMatch(/15 minuten/);
    // Everything the link needs is in the verification table; age it past its 15 minutes.
    const rows = await t.ctx.db.select().from(verification).where(like(verification.identifier, 'magic-link:%'));
    const age = rows.find((r) => r.value.includes(u.email))!;
    expect(age.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    await t.ctx.db.update(verification).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(verification.id, age.id));
    const link = new URL(linkIn(mail.text, '/api/auth/magic-link/verify'));
    const res = await t.http.get(`${link.pathname}${link.search}`);
    expect(res.headers.location).toMatch(/^\/sign-in\?error=/);
  });

  it('answers the same for an unknown address, and tells that address how to get in', async () => {
    const res = await t.http.post('/api/auth/sign-in-link', { body: { email: 'nobody@example.org' } });
    expect(res.statusCode).toBe(202);
    const mail = await t.mailbox.waitFor((m) => m.to.includes('nobody@example.org'));
    expect(mail.text).not.toMatch(/magic-link\/verify/);
  });

  it('sends at most 5 links an hour to one address (429 with Retry-After)', async () => {
    const u = await t.signedInUser();
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.http.post('/api/auth/sign-in-link', { body: { email: u.email }, ip: `10.0.0.${i + 1}` });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(3000);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });
});

describe('account settings', () => {
  it('changes name, language and time zone', async () => {
    const u = await t.signedInUser();
    const res = await t.http.patch('/api/me', { cookie: u.cookie, body: { name: 'Amira Y.', locale: 'en', timeZone: 'Europe/London' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Amira Y.', locale: 'en', timeZone: 'Europe/London' });
    // Errors now come in the account's language.
    const bad = await t.http.patch('/api/me', { cookie: u.cookie, body: { timeZone: 'Mars/Olympus' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ path: 'timeZone', code: 'invalidTimeZone', message: 'Choose an existing time zone.' });
  });

  it('changes the password only with the current one', async () => {
    const u = await t.signedInUser();
    const wrong = await t.http.post('/api/me/password', { cookie: u.cookie, body: { currentPassword: 'not it at all', newPassword: 'brand new secret' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0]).toMatchObject({ path: 'currentPassword', code: 'wrongPassword' });
    const ok = await t.http.post('/api/me/password', { cookie: u.cookie, body: { currentPassword: u.password, newPassword: 'brand new secret' } });
    expect(ok.statusCode).toBe(204);
    const signIn = await t.http.post('/api/auth/sign-in', { body: { email: u.email, password: 'brand new secret' } });
    expect(signIn.statusCode).toBe(200);
  });

  it('ends the other sessions at once when the password changes', async () => {
    const u = await t.signedInUser();
    const other = await t.http.post('/api/auth/sign-in', { body: { email: u.email, password: u.password } });
    const otherCookie = cookieFrom(other.headers['set-cookie'] as string[]);
    expect((await t.http.get('/api/me', { cookie: otherCookie })).statusCode).toBe(200); // now remembered
    const change = await t.http.post('/api/me/password', { cookie: u.cookie, body: { currentPassword: u.password, newPassword: 'another new secret' } });
    expect(change.statusCode).toBe(204);
    expect((await t.http.get('/api/me', { cookie: otherCookie })).statusCode).toBe(401);
  });
});

describe('served over https', () => {
  let secure: TestApp;
  beforeAll(async () => {
    secure = await createTestApp({ publicUrl: 'https://kring.example.org' });
  });
  afterAll(async () => secure?.close());

  it('marks the session cookie Secure with the __Secure- prefix, and still recognises it', async () => {
    const res = await secure.http.post('/api/auth/sign-up', {
      body: { name: 'Secure Sam', email: 'sam@example.org', password: 'a good password' },
      headers: { origin: 'https://kring.example.org' },
    });
    expect(res.statusCode).toBe(201);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/__Secure-kring\.session_token=/);
    expect(setCookie).toMatch(/; Secure/i);
    const me = await secure.http.get('/api/me', { cookie: cookieFrom(res.headers['set-cookie'] as string[]) });
    expect(me.json().name).toBe('Secure Sam');
  });
});
