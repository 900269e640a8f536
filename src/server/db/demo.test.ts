import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness';
import { seedDemo } from './demo';
import { communities, user } from './schema';

// The demo a new user starts with (`npm run demo`): it must seed without errors, and show every part.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx);
}, 180_000);
afterAll(async () => t?.close());

describe('the demo', () => {
  it('gives the media-literacy community a monitor with an evaluation, its critical factor and an action', async () => {
    const [media] = await t.ctx.db.select({ id: communities.id }).from(communities).where(eq(communities.name, 'Mediawijsheid thuis en op school'));
    const [ellen] = await t.ctx.db.select({ id: user.id, email: user.email }).from(user).where(eq(user.email, 'ellen@kring.demo'));
    const signIn = await t.http.post('/api/auth/sign-in', { body: { email: ellen!.email, password: 'kring-demo-2026' } });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const m = (await t.http.get(`/api/communities/${media!.id}/monitor`, { cookie })).json();
    expect(m.current.criticalFactor).not.toBeNull();
    expect(m.evaluations).toHaveLength(1);
    expect(m.evaluations[0]).toMatchObject({ status: 'closed', answered: 5, hidden: null });
    expect(m.actions).toHaveLength(1);
    expect(m.actions[0].condition).toBe(m.current.criticalFactor.condition);
    expect(m.history).toHaveLength(1);
    expect(m.quarter.indicators.time.stated).toBe(5);
    // The held meetings had a chair and a programme.
    expect(m.current.scores.find((x: { condition: string }) => x.condition === 'chairing').score).toBe(100);
    // Members joined before the meeting held in the room, so it counts for their attendance.
    expect(m.current.scores.find((x: { condition: string }) => x.condition === 'presence').score).toBeGreaterThan(0);
    // The held meeting is within the last six months (the quarter depends on today's date).
    expect(m.current.scores.find((x: { condition: string }) => x.condition === 'regularity').reason.code).not.toBe('regularity.none');
  });
});
