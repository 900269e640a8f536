import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationAnswers, evaluations } from '../../db/schema';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';

// Races a real PostgreSQL lets happen (PGlite serialises them): two tabs answering at once, and the
// last answer racing an early close. Every legal interleaving is accepted; none may lose or double.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 180_000);
afterAll(async () => t?.close());

const scores = { ambitionClarity: 3, jointAttention: 3, equalCommitment: 3, equivalence: 3, time: 3, regularity: 3, usefulness: 3 };

async function setUp(members: number) {
  const coordinator = await t.signedInUser({ name: 'Coördinator' });
  const network = await f.createNetwork(t.ctx, coordinator);
  const c = await f.createCommunity(t.ctx, coordinator, network.id);
  const people = [];
  for (let i = 0; i < members; i++) {
    const p = await t.signedInUser({ name: `Lid ${i}` });
    await f.addMember(t.ctx, c, p);
    people.push(p);
  }
  const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const e = (await t.http.post(`/api/communities/${c.id}/evaluations`, { cookie: coordinator.cookie, body: { closesAt } })).json() as { id: string };
  return { coordinator, c, people, e };
}

const answer = (id: string, cookie: string) => t.http.post(`/api/evaluations/${id}/answers`, { cookie, body: { scores, openAnswers: [] } });

describe('evaluations under concurrency', () => {
  it('takes one answer when the same member answers from two tabs at once', async () => {
    const { people, e } = await setUp(3);
    const [a, b] = await Promise.all([answer(e.id, people[0]!.cookie), answer(e.id, people[0]!.cookie)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().code).toBe('alreadyAnswered');
    expect(await t.ctx.db.select().from(evaluationAnswers).where(eq(evaluationAnswers.evaluationId, e.id))).toHaveLength(1);
  });

  it('closes once when the last answer races an early close: the answer counts or is refused, never lost', async () => {
    for (let round = 0; round < 3; round++) {
      const { coordinator, people, e } = await setUp(3);
      await answer(e.id, people[0]!.cookie);
      await answer(e.id, people[1]!.cookie);
      const [last, close] = await Promise.all([answer(e.id, people[2]!.cookie), t.http.post(`/api/evaluations/${e.id}/close`, { cookie: coordinator.cookie })]);
      expect([200, 409], last.body).toContain(last.statusCode);
      expect([200, 409], close.body).toContain(close.statusCode);
      // Exactly one of them closed it (the last answer closes it too, as everyone has answered).
      expect([last.statusCode, close.statusCode]).toContain(200);
      const stored = await t.ctx.db.select().from(evaluationAnswers).where(eq(evaluationAnswers.evaluationId, e.id));
      expect(stored).toHaveLength(last.statusCode === 200 ? 3 : 2);
      if (last.statusCode === 409) expect(last.json().code).toBe('evaluationClosed');
      if (close.statusCode === 409) expect(close.json().code).toBe('evaluationClosed');
      const [row] = await t.ctx.db.select().from(evaluations).where(eq(evaluations.id, e.id));
      expect(row!.closedAt).not.toBeNull();
      expect(Array.isArray(row!.snapshot)).toBe(true);
      const view = (await t.http.get(`/api/evaluations/${e.id}`, { cookie: coordinator.cookie })).json();
      expect(view.answered).toBe(stored.length);
    }
  });
});
