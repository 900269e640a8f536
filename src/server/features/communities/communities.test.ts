import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function networkWithCoordinator() {
  const coordinator = await t.signedInUser({ name: 'Hanneke' });
  const res = await t.http.post('/api/networks', { cookie: coordinator.cookie, body: { name: 'Lerend netwerk', description: 'Pabo en scholengroep' } });
  expect(res.statusCode).toBe(201);
  return { coordinator, network: res.json() };
}

describe('networks and organisations', () => {
  it('makes the creator coordinator and lists the network as theirs', async () => {
    const { coordinator, network } = await networkWithCoordinator();
    expect(network).toMatchObject({ name: 'Lerend netwerk', isCoordinator: true, organisations: [], communities: [] });
    const list = await t.http.get('/api/networks', { cookie: coordinator.cookie });
    expect(list.json()).toEqual([expect.objectContaining({ id: network.id, isCoordinator: true })]);
  });

  it('adds organisations of every type and refuses a duplicate name', async () => {
    const { coordinator, network } = await networkWithCoordinator();
    const types = ['primarySchool', 'schoolBoard', 'teacherCollege', 'youthCare', 'university', 'parentsCouncil', 'other'];
    for (const [i, type] of types.entries()) {
      const res = await t.http.post(`/api/networks/${network.id}/organisations`, { cookie: coordinator.cookie, body: { name: `Org ${i}`, type } });
      expect(res.statusCode).toBe(201);
      expect(res.json().type).toBe(type);
    }
    const dup = await t.http.post(`/api/networks/${network.id}/organisations`, { cookie: coordinator.cookie, body: { name: 'org 0', type: 'other' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0]).toMatchObject({ path: 'name', code: 'organisationNameTaken' });
    const badType = await t.http.post(`/api/networks/${network.id}/organisations`, { cookie: coordinator.cookie, body: { name: 'X', type: 'castle' } });
    expect(badType.statusCode).toBe(422);
    expect(badType.json().errors[0]).toMatchObject({ path: 'type', code: 'invalidChoice' });
    const detail = await t.http.get(`/api/networks/${network.id}`, { cookie: coordinator.cookie });
    expect(detail.json().organisations).toHaveLength(7);
  });

  it('removes an organisation only while nobody belongs to it', async () => {
    const { coordinator, network } = await networkWithCoordinator();
    const org = (await t.http.post(`/api/networks/${network.id}/organisations`, { cookie: coordinator.cookie, body: { name: 'CJG', type: 'youthCare' } })).json();
    const community = await f.createCommunity(t.ctx, coordinator, network.id);
    const member = await t.signedInUser();
    await f.addMember(t.ctx, community, member, { organisationId: org.id, stakeholderGroup: 'care' });
    const inUse = await t.http.delete(`/api/networks/${network.id}/organisations/${org.id}`, { cookie: coordinator.cookie });
    expect(inUse.statusCode).toBe(409);
    const spare = await f.createOrganisation(t.ctx, coordinator, network.id);
    expect((await t.http.delete(`/api/networks/${network.id}/organisations/${spare.id}`, { cookie: coordinator.cookie })).statusCode).toBe(204);
  });

  it('lets members see their network but not manage it', async () => {
    const { coordinator, network } = await networkWithCoordinator();
    const community = await f.createCommunity(t.ctx, coordinator, network.id);
    const member = await t.signedInUser();
    await f.addMember(t.ctx, community, member);
    expect((await t.http.get(`/api/networks/${network.id}`, { cookie: member.cookie })).statusCode).toBe(200);
    const add = await t.http.post(`/api/networks/${network.id}/organisations`, { cookie: member.cookie, body: { name: 'Mine', type: 'other' } });
    expect(add.statusCode).toBe(403);
    const outsider = await t.signedInUser();
    expect((await t.http.get(`/api/networks/${network.id}`, { cookie: outsider.cookie })).statusCode).toBe(404);
  });
});

describe('communities', () => {
  it('creates a community with question, ambition, end product with variants, and phase', async () => {
    const { coordinator, network } = await networkWithCoordinator();
    const college = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'Pabo', type: 'teacherCollege' });
    const res = await t.http.post(`/api/networks/${network.id}/communities`, {
      cookie: coordinator.cookie,
      body: {
        name: 'Zelfregulatie',
        topic: 'Leerlingen sturen hun eigen leren',
        question: 'Wat hebben leerlingen nodig?',
        ambition: 'Leerlingen plannen hun eigen werk.',
        endProduct: 'Vragenkaartjes voor teams',
        endProductVariants: [{ organisationId: college.id, description: 'Studenten-selfie' }],
        phase: 'prePhase',
        includesParents: false,
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Zelfregulatie',
      phase: 'prePhase',
      version: 1,
      endProductVariants: [{ organisationId: college.id, organisationName: 'Pabo', description: 'Studenten-selfie' }],
      permissions: { edit: true, invite: true, manageMembers: true, leave: false },
    });
  });

  it('refuses an end-product variant for an organisation of another network', async () => {
    const { coordinator, network } = await networkWithCoordinator();
    const other = await networkWithCoordinator();
    const foreign = await f.createOrganisation(t.ctx, other.coordinator, other.network.id);
    const res = await t.http.post(`/api/networks/${network.id}/communities`, {
      cookie: coordinator.cookie,
      body: { name: 'X', endProductVariants: [{ organisationId: foreign.id, description: 'variant' }] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'endProductVariants.0.organisationId', code: 'organisationNotInNetwork' });
  });

  it('keeps the revision history of ambition and end product: who changed what, when', async () => {
    const { coordinator, network } = await networkWithCoordinator();
    const c = await f.createCommunity(t.ctx, coordinator, network.id, { ambition: 'Eerste ambitie' });
    const chair = await t.signedInUser({ name: 'Chair Carla' });
    await f.addMember(t.ctx, c, chair, { roles: ['member', 'chair'] });
    const edit = await t.http.patch(`/api/communities/${c.id}`, {
      cookie: chair.cookie,
      body: { version: c.version, ambition: 'Scherpere ambitie', endProduct: 'Een leerlijn' },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().version).toBe(2);
    const revisions = (await t.http.get(`/api/communities/${c.id}/revisions`, { cookie: chair.cookie })).json();
    const ambition = revisions.filter((r: { field: string }) => r.field === 'ambition');
    expect(ambition[0]).toMatchObject({ before: 'Eerste ambitie', after: 'Scherpere ambitie', changedBy: { name: 'Chair Carla' } });
    expect(ambition[1]).toMatchObject({ before: null, after: 'Eerste ambitie', changedBy: { name: 'Hanneke' } });
    expect(revisions.find((r: { field: string }) => r.field === 'endProduct')).toMatchObject({ before: '', after: 'Een leerlijn' });
  });

  it('detects concurrent edits: the second save based on the same version gets 409 and changes nothing', async () => {
    const { coordinator, network } = await networkWithCoordinator();
    const c = await f.createCommunity(t.ctx, coordinator, network.id);
    const first = await t.http.patch(`/api/communities/${c.id}`, { cookie: coordinator.cookie, body: { version: 1, question: 'Vraag A' } });
    expect(first.statusCode).toBe(200);
    const second = await t.http.patch(`/api/communities/${c.id}`, { cookie: coordinator.cookie, body: { version: 1, question: 'Vraag B' } });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('conflict');
    expect((await t.http.get(`/api/communities/${c.id}`, { cookie: coordinator.cookie })).json().question).toBe('Vraag A');
  });

  it('lets only chairs and coordinators edit', async () => {
    const { coordinator, network } = await networkWithCoordinator();
    const c = await f.createCommunity(t.ctx, coordinator, network.id);
    const member = await t.signedInUser();
    await f.addMember(t.ctx, c, member);
    const res = await t.http.patch(`/api/communities/${c.id}`, { cookie: member.cookie, body: { version: 1, name: 'Mine now' } });
    expect(res.statusCode).toBe(403);
  });

  it('shows a member of one community nothing of another community in the same network', async () => {
    const { coordinator, network } = await networkWithCoordinator();
    const a = await f.createCommunity(t.ctx, coordinator, network.id, { name: 'A' });
    const b = await f.createCommunity(t.ctx, coordinator, network.id, { name: 'B' });
    const member = await t.signedInUser();
    await f.addMember(t.ctx, a, member);
    expect((await t.http.get(`/api/communities/${b.id}`, { cookie: member.cookie })).statusCode).toBe(404);
    expect((await t.http.get(`/api/communities/${b.id}/table`, { cookie: member.cookie })).statusCode).toBe(404);
    const mine = (await t.http.get('/api/communities', { cookie: member.cookie })).json();
    expect(mine.map((c: { name: string }) => c.name)).toEqual(['A']);
    const net = (await t.http.get(`/api/networks/${network.id}`, { cookie: member.cookie })).json();
    expect(net.communities.map((c: { name: string }) => c.name)).toEqual(['A']);
    // The coordinator sees both.
    const all = (await t.http.get(`/api/networks/${network.id}`, { cookie: coordinator.cookie })).json();
    expect(all.communities.map((c: { name: string }) => c.name)).toEqual(['A', 'B']);
  });

  it("hides members' email addresses from plain members", async () => {
    const { coordinator, network } = await networkWithCoordinator();
    const c = await f.createCommunity(t.ctx, coordinator, network.id);
    const parent = await t.signedInUser({ email: 'ouder@example.org' });
    const member = await t.signedInUser();
    await f.addMember(t.ctx, c, parent, { stakeholderGroup: 'parent' });
    await f.addMember(t.ctx, c, member);
    const seenByMember = (await t.http.get(`/api/communities/${c.id}`, { cookie: member.cookie })).json();
    expect(seenByMember.members.find((m: { userId: string }) => m.userId === parent.id).email).toBeNull();
    const seenByCoordinator = (await t.http.get(`/api/communities/${c.id}`, { cookie: coordinator.cookie })).json();
    expect(seenByCoordinator.members.find((m: { userId: string }) => m.userId === parent.id).email).toBe('ouder@example.org');
  });
});

describe('membership changes', () => {
  it('lets a coordinator change roles and remove a member, and a member leave', async () => {
    const { coordinator, network } = await networkWithCoordinator();
    const c = await f.createCommunity(t.ctx, coordinator, network.id);
    const [a, b] = [await t.signedInUser(), await t.signedInUser()];
    await f.addMember(t.ctx, c, a);
    await f.addMember(t.ctx, c, b);
    const detail = (await t.http.get(`/api/communities/${c.id}`, { cookie: coordinator.cookie })).json();
    const aMember = detail.members.find((m: { userId: string }) => m.userId === a.id);
    const bMember = detail.members.find((m: { userId: string }) => m.userId === b.id);

    const change = await t.http.patch(`/api/communities/${c.id}/members/${aMember.id}`, { cookie: coordinator.cookie, body: { roles: ['member', 'chair'] } });
    expect(change.statusCode).toBe(200);
    expect(change.json().roles).toEqual(['member', 'chair']);
    const table = (await t.http.get(`/api/communities/${c.id}/table`, { cookie: a.cookie })).json();
    expect(table.suggestions.map((s: { code: string }) => s.code)).not.toContain('noChair');

    // A chair may not change roles; a member may not remove others.
    expect((await t.http.patch(`/api/communities/${c.id}/members/${bMember.id}`, { cookie: a.cookie, body: { roles: ['observer'] } })).statusCode).toBe(403);
    expect((await t.http.delete(`/api/communities/${c.id}/members/${aMember.id}`, { cookie: b.cookie })).statusCode).toBe(403);

    expect((await t.http.delete(`/api/communities/${c.id}/members/${bMember.id}`, { cookie: coordinator.cookie })).statusCode).toBe(204);
    expect((await t.http.get(`/api/communities/${c.id}`, { cookie: b.cookie })).statusCode).toBe(404);
    // Removed from their only community, they no longer see the network either.
    expect((await t.http.get(`/api/networks/${network.id}`, { cookie: b.cookie })).statusCode).toBe(404);

    expect((await t.http.post(`/api/communities/${c.id}/leave`, { cookie: a.cookie })).statusCode).toBe(204);
    expect((await t.http.get(`/api/communities/${c.id}`, { cookie: a.cookie })).statusCode).toBe(404);
    expect((await t.http.post(`/api/communities/${c.id}/leave`, { cookie: coordinator.cookie })).statusCode).toBe(403);
  });
});

describe('the table view', () => {
  it('shows the triangle and names what is missing, in plain suggestions', async () => {
    const { coordinator, network } = await networkWithCoordinator();
    const school = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'De Regenboog', type: 'primarySchool' });
    const c = await f.createCommunity(t.ctx, coordinator, network.id, { includesParents: true });
    for (let i = 0; i < 3; i++) await f.addMember(t.ctx, c, await t.signedInUser(), { organisationId: school.id, stakeholderGroup: 'school' });
    await f.addMember(t.ctx, c, await t.signedInUser(), { stakeholderGroup: 'parent' });
    const view = (await t.http.get(`/api/communities/${c.id}/table`, { cookie: coordinator.cookie })).json();
    expect(view.seatCount).toBe(4);
    expect(view.triangle.school).toHaveLength(3);
    expect(view.triangle.parent).toHaveLength(1);
    expect(view.suggestions).toEqual(
      expect.arrayContaining([
        { code: 'tooFewMembers', params: { count: 4, min: 6 } },
        { code: 'cornerEmpty', params: { corner: 'care' } },
        { code: 'noChair', params: {} },
      ]),
    );
  });
});
