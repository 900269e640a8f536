import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test/harness';

describe('the server itself', () => {
  let t: TestApp;
  let webDist: string;
  beforeAll(async () => {
    webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-web-'));
    fs.mkdirSync(path.join(webDist, 'assets'));
    fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Kring</title><div id="root"></div>');
    fs.writeFileSync(path.join(webDist, 'assets', 'app-123.js'), 'console.log(1)');
    t = await createTestApp({ webDist });
  });
  afterAll(async () => t?.close());

  it('reports its database in /api/health', async () => {
    const res = await t.http.get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: { kind: process.env.KRING_TEST_DB === 'postgres' ? 'postgres' : 'pglite', ok: true } });
  });

  it('describes every API route in /api/openapi.json, with a summary', async () => {
    const doc = (await t.http.get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths as Record<string, Record<string, { summary?: string }>>).flatMap(([p, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, summary: op.summary })),
    );
    const routes = t.app.routeList.filter((r) => r.method !== 'HEAD' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json');
    for (const r of routes) {
      const openapiPath = r.url.replace(/:(\w+)/g, '{$1}');
      const op = documented.find((d) => d.key === `${r.method} ${openapiPath}`);
      expect(op, `${r.method} ${r.url} is not in the OpenAPI document`).toBeDefined();
      expect(op!.summary, `${r.method} ${r.url} has no summary`).toBeTruthy();
    }
  });

  it('serves a browsable API reference at /api/docs', async () => {
    const res = await t.http.get('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  it('serves the single-page app for app paths and problems for unknown API paths', async () => {
    const page = await t.http.get('/communities/123/table');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const asset = await t.http.get('/assets/app-123.js');
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    const api = await t.http.get('/api/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('does not offer the development outbox when mail goes through SMTP', async () => {
    expect((await t.http.get('/api/dev/outbox')).statusCode).toBe(404);
  });
});

describe('without SMTP (the embedded default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ smtpUrl: undefined, devTools: true });
  });
  afterAll(async () => t?.close());

  it('keeps mails in the outbox and shows them on the development page', async () => {
    const u = await t.signedInUser();
    await t.http.post('/api/auth/sign-in-link', { body: { email: u.email } });
    const res = await t.http.get('/api/dev/outbox');
    expect(res.statusCode).toBe(200);
    const [mail] = res.json();
    expect(mail).toMatchObject({ to: u.email, kind: 'signInLink' });
    expect(mail.text).toMatch(/\/api\/auth\/magic-link\/verify\?token=/);
    expect(t.mailbox.all()).toHaveLength(0);
  });

  it('shows the outbox only to someone at this machine', async () => {
    const fromLan = await t.http.get('/api/dev/outbox', { ip: '192.168.1.20' });
    expect(fromLan.statusCode).toBe(404);
    const spoofed = await t.http.get('/api/dev/outbox', { ip: '192.168.1.20', headers: { 'x-forwarded-for': '127.0.0.1' } });
    expect(spoofed.statusCode).toBe(404);
  });
});
