import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';

// Part 4: a decision's review date appears in the private calendar feed of part 2, as a whole day.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-03-02T09:00:00Z');
});
afterAll(async () => t?.close());

describe('review dates in the calendar feed', () => {
  it('shows a decision review as a whole-day event for members, updates it, and hides other communities', async () => {
    const coordinator = await t.signedInUser({ name: 'Coördinator' });
    const network = await f.createNetwork(t.ctx, coordinator);
    const school = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'De Regenboog' });
    const member = await t.signedInUser({ name: 'Bram Leraar', locale: 'en' });
    const outsider = await t.signedInUser({ name: 'Olga Buiten' });
    const community = await f.createCommunity(t.ctx, coordinator, network.id, { name: 'Mediawijsheid' });
    const other = await f.createCommunity(t.ctx, coordinator, network.id, { name: 'Elders' });
    await f.addMember(t.ctx, community, member, { organisationId: school.id });
    await f.addMember(t.ctx, other, outsider, { organisationId: school.id });

    const created = await t.http.post(`/api/communities/${community.id}/proposals`, {
      cookie: member.cookie,
      body: { title: 'Telefoonafspraak per klas', body: 'Elke klas maakt een afspraak.', process: 'consent', closesAt: null },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const responded = await t.http.put(`/api/proposals/${id}/response`, { cookie: member.cookie, body: { position: 'noObjection', baseVersion: null } });
    expect(responded.json()).toMatchObject({ status: 'closed', result: 'passed' });

    const sub = (await t.http.post('/api/account/calendar', { cookie: member.cookie })).json();
    const path = new URL(sub.url).pathname;
    const eventsOf = async () => {
      const cal = new ICAL.Component(ICAL.parse((await t.http.get(path)).body));
      return cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).filter((e) => e.uid.startsWith('decision-review-'));
    };
    expect(await eventsOf()).toEqual([]);

    const outcome = await t.http.put(`/api/proposals/${id}/outcome`, { cookie: member.cookie, body: { version: 0, statement: 'Besloten.', reviewDate: '2026-06-15' } });
    expect(outcome.statusCode).toBe(200);
    let [review] = await eventsOf();
    expect(review).toBeDefined();
    expect(review!.startDate.isDate).toBe(true);
    expect(review!.startDate.toString()).toBe('2026-06-15');
    expect(review!.summary).toBe('Decision review: Telefoonafspraak per klas · Mediawijsheid');
    expect(review!.description).toContain('Besloten.');

    // Moving the date moves the event (the feed's fingerprint notices the change).
    const moved = await t.http.put(`/api/proposals/${id}/outcome`, { cookie: member.cookie, body: { version: 1, statement: 'Besloten.', reviewDate: '2026-09-01' } });
    expect(moved.statusCode).toBe(200);
    [review] = await eventsOf();
    expect(review!.startDate.toString()).toBe('2026-09-01');

    // Someone in another community of the network does not get it.
    const theirs = (await t.http.post('/api/account/calendar', { cookie: outsider.cookie })).json();
    const body = (await t.http.get(new URL(theirs.url).pathname)).body;
    expect(body).not.toContain('decision-review-');
  });
});
