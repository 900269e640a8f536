import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { cookieFrom, createTestApp, factories as f, linkIn, type TestApp } from '../../test/harness';
import { invitations } from '../../db/schema';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

let seq = 0;
const address = (label: string) => `${label}-${++seq}@example.org`;

async function setup(opts: { phase?: 'prePhase' | 'active'; firstGroups?: ('parent' | 'school' | 'care')[] } = {}) {
  const coordinator = await t.signedInUser({ name: 'Hanneke de Vries' });
  const network = await f.createNetwork(t.ctx, coordinator, { name: 'Regenboog en partners' });
  const school = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'De Regenboog', type: 'primarySchool' });
  const community = await f.createCommunity(t.ctx, coordinator, network.id, {
    name: 'Mediawijsheid',
    phase: opts.phase ?? 'active',
    firstGroups: opts.firstGroups,
    includesParents: true,
  });
  return { coordinator, network, school, community };
}

async function invite(cookie: string, communityId: string, body: Record<string, unknown>) {
  return t.http.post(`/api/communities/${communityId}/invitations`, { cookie, body });
}

const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

describe('inviting and joining in one step', () => {
  it('mails a link that lets someone without an account join with name, language and privacy consent only', async () => {
    const { coordinator, community, school } = await setup();
    const email = address('amira');
    const res = await invite(coordinator.cookie, community.id, {
      email,
      name: 'Amira',
      organisationId: school.id,
      stakeholderGroup: 'parent',
      roles: ['member'],
      message: 'Fijn als je meedoet!',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending', email, organisationName: 'De Regenboog', sendCount: 1, invitedBy: 'Hanneke de Vries' });

    const mail = await t.mailbox.waitFor((m) => m.to.includes(email));
    expect(mail.subject).toBe('Uitnodiging voor de leergemeenschap "Mediawijsheid"');
    expect(mail.text).toContain('Fijn als je meedoet!');
    expect(mail.html).toContain('<a href=');
    const token = tokenOf(linkIn(mail.text, '/invite/'));

    const preview = await t.http.get(`/api/invitations/by-token/${token}`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ state: 'valid', communityName: 'Mediawijsheid', inviterName: 'Hanneke de Vries', accountExists: false, prePhase: false });

    const noConsent = await t.http.post('/api/invitations/accept', { body: { token, name: 'Amira Yilmaz', locale: 'nl', acceptPrivacy: false } });
    expect(noConsent.statusCode).toBe(422);
    expect(noConsent.json().errors[0].path).toBe('acceptPrivacy');

    const accept = await t.http.post('/api/invitations/accept', { body: { token, name: 'Amira Yilmaz', locale: 'en', acceptPrivacy: true } });
    expect(accept.statusCode).toBe(200);
    expect(accept.json()).toEqual({ communityId: community.id, networkId: community.networkId, signedIn: true, email });
    const cookie = cookieFrom(accept.headers['set-cookie'] as string[]);
    const me = (await t.http.get('/api/me', { cookie })).json();
    expect(me).toMatchObject({ name: 'Amira Yilmaz', email, locale: 'en', hasPassword: false });

    const table = (await t.http.get(`/api/communities/${community.id}/table`, { cookie })).json();
    expect(table.triangle.parent.map((s: { name: string }) => s.name)).toEqual(['Amira Yilmaz']);
    const detail = (await t.http.get(`/api/communities/${community.id}`, { cookie })).json();
    expect(detail.myRoles).toEqual(['member']);
    expect(detail.members.find((m: { userId: string }) => m.userId === me.id)).toMatchObject({ organisationName: 'De Regenboog', stakeholderGroup: 'parent' });

    // The link is spent: it explains itself.
    expect((await t.http.get(`/api/invitations/by-token/${token}`)).json().state).toBe('used');
    const again = await t.http.post('/api/invitations/accept', { body: { token, name: 'Someone', acceptPrivacy: true } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('invitationUsed');
  });

  it('lets a password-less member set a password later', async () => {
    const { coordinator, community } = await setup();
    const email = address('parent');
    await invite(coordinator.cookie, community.id, { email, stakeholderGroup: 'parent' });
    const token = tokenOf(linkIn((await t.mailbox.waitFor((m) => m.to.includes(email))).text, '/invite/'));
    const accept = await t.http.post('/api/invitations/accept', { body: { token, name: 'Joost', acceptPrivacy: true } });
    const cookie = cookieFrom(accept.headers['set-cookie'] as string[]);
    expect((await t.http.post('/api/me/password', { cookie, body: { newPassword: 'my own password' } })).statusCode).toBe(204);
    expect((await t.http.post('/api/auth/sign-in', { body: { email, password: 'my own password' } })).statusCode).toBe(200);
  });

  it('adds the community to an existing account, but the link signs nobody in to it', async () => {
    const { coordinator, community } = await setup();
    const existing = await t.signedInUser({ name: 'Kees van Dijk' });
    await invite(coordinator.cookie, community.id, { email: existing.email, stakeholderGroup: 'care' });
    const token = tokenOf(linkIn((await t.mailbox.waitFor((m) => m.to.includes(existing.email))).text, '/invite/'));
    expect((await t.http.get(`/api/invitations/by-token/${token}`)).json().accountExists).toBe(true);
    const accept = await t.http.post('/api/invitations/accept', { body: { token, name: 'Renamed by the link', acceptPrivacy: true } });
    expect(accept.statusCode).toBe(200);
    expect(accept.json()).toMatchObject({ signedIn: false, email: existing.email });
    expect(accept.headers['set-cookie']).toBeUndefined();
    const me = (await t.http.get('/api/me', { cookie: existing.cookie })).json();
    expect(me.name).toBe('Kees van Dijk');
    const detail = (await t.http.get(`/api/communities/${community.id}`, { cookie: existing.cookie })).json();
    expect(detail.members.map((m: { name: string }) => m.name)).toContain('Kees van Dijk');
  });

  it('keeps the signed-in account when it is the invited one', async () => {
    const { coordinator, community } = await setup();
    const invitee = await t.signedInUser();
    await invite(coordinator.cookie, community.id, { email: invitee.email, stakeholderGroup: 'school' });
    const token = tokenOf(linkIn((await t.mailbox.waitFor((m) => m.to.includes(invitee.email))).text, '/invite/'));
    const accept = await t.http.post('/api/invitations/accept', { cookie: invitee.cookie, body: { token, acceptPrivacy: true } });
    expect(accept.json().signedIn).toBe(true);
  });

  it('joins the invited address, never the account that happens to be signed in', async () => {
    const { coordinator, community } = await setup();
    const bob = await t.signedInUser({ name: 'Bob on the shared computer' });
    const aliceEmail = address('alice');
    await invite(coordinator.cookie, community.id, { email: aliceEmail, stakeholderGroup: 'parent' });
    const token = tokenOf(linkIn((await t.mailbox.waitFor((m) => m.to.includes(aliceEmail))).text, '/invite/'));
    const accept = await t.http.post('/api/invitations/accept', { cookie: bob.cookie, body: { token, name: 'Alice', acceptPrivacy: true } });
    expect(accept.statusCode).toBe(200);
    expect(accept.json()).toMatchObject({ signedIn: true, email: aliceEmail });
    const aliceCookie = cookieFrom(accept.headers['set-cookie'] as string[]);
    expect((await t.http.get('/api/me', { cookie: aliceCookie })).json().email).toBe(aliceEmail);
    expect((await t.http.get(`/api/communities/${community.id}`, { cookie: bob.cookie })).statusCode).toBe(404);
  });

  it('leaves the invitation open when the invitee already sits at the table', async () => {
    const { coordinator, community } = await setup();
    const member = await t.signedInUser();
    const inv = (await invite(coordinator.cookie, community.id, { email: member.email, stakeholderGroup: 'school' })).json();
    const token = tokenOf(linkIn((await t.mailbox.waitFor((m) => m.to.includes(member.email))).text, '/invite/'));
    await f.addMember(t.ctx, community, member);
    const accept = await t.http.post('/api/invitations/accept', { cookie: member.cookie, body: { token, acceptPrivacy: true } });
    expect(accept.statusCode).toBe(409);
    expect(accept.json().code).toBe('alreadyMember');
    const list = (await t.http.get(`/api/communities/${community.id}/invitations`, { cookie: coordinator.cookie })).json();
    expect(list.find((i: { id: string }) => i.id === inv.id).status).toBe('pending');
  });

  it('refuses to invite someone twice or someone already at the table', async () => {
    const { coordinator, community } = await setup();
    const email = address('twice');
    expect((await invite(coordinator.cookie, community.id, { email, stakeholderGroup: 'school' })).statusCode).toBe(201);
    const twice = await invite(coordinator.cookie, community.id, { email: email.toUpperCase(), stakeholderGroup: 'school' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().errors[0]).toMatchObject({ path: 'email', code: 'alreadyInvited' });
    const member = await t.signedInUser();
    await f.addMember(t.ctx, community, member);
    const already = await invite(coordinator.cookie, community.id, { email: member.email, stakeholderGroup: 'school' });
    expect(already.json().code).toBe('alreadyMember');
  });

  it('lets only coordinators and chairs invite', async () => {
    const { community } = await setup();
    const member = await t.signedInUser();
    await f.addMember(t.ctx, community, member);
    expect((await invite(member.cookie, community.id, { email: address('x'), stakeholderGroup: 'school' })).statusCode).toBe(403);
    expect((await t.http.get(`/api/communities/${community.id}/invitations`, { cookie: member.cookie })).statusCode).toBe(403);
  });

  it('lets a chair invite members and observers, but not hand out chair or coordinator roles', async () => {
    const { community } = await setup();
    const chair = await t.signedInUser();
    await f.addMember(t.ctx, community, chair, { roles: ['member', 'chair'] });
    expect((await invite(chair.cookie, community.id, { email: address('m'), stakeholderGroup: 'school', roles: ['member'] })).statusCode).toBe(201);
    expect((await invite(chair.cookie, community.id, { email: address('o'), stakeholderGroup: 'other', roles: ['observer'] })).statusCode).toBe(201);
    const escalate = await invite(chair.cookie, community.id, { email: address('alias'), stakeholderGroup: 'school', roles: ['member', 'coordinator'] });
    expect(escalate.statusCode).toBe(403);
    expect(escalate.json().errors[0].path).toBe('roles');
  });

  it('stores one open invitation when the same address is invited twice at once', async () => {
    const { coordinator, community } = await setup();
    const email = address('parallel');
    const results = await Promise.all(
      Array.from({ length: 4 }, () => invite(coordinator.cookie, community.id, { email, stakeholderGroup: 'school' })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const list = (await t.http.get(`/api/communities/${community.id}/invitations`, { cookie: coordinator.cookie })).json();
    expect(list.filter((i: { email: string }) => i.email === email)).toHaveLength(1);
  });
});

describe('managing pending invitations', () => {
  it('resends with a fresh link (the old one stops working) and withdraws', async () => {
    const { coordinator, community } = await setup();
    const email = address('resend');
    const inv = (await invite(coordinator.cookie, community.id, { email, stakeholderGroup: 'school' })).json();
    const firstToken = tokenOf(linkIn((await t.mailbox.waitFor((m) => m.to.includes(email))).text, '/invite/'));
    const resent = await t.http.post(`/api/invitations/${inv.id}/resend`, { cookie: coordinator.cookie });
    expect(resent.statusCode).toBe(200);
    expect(resent.json().sendCount).toBe(2);
    await t.mailbox.waitFor((m) => m.to.includes(email) && !m.text.includes(firstToken));
    // The old mail's link no longer lets anyone in, but explains itself and can ask for the newest one.
    expect((await t.http.get(`/api/invitations/by-token/${firstToken}`)).json().state).toBe('expired');
    const old = await t.http.post('/api/invitations/accept', { body: { token: firstToken, name: 'Old link', acceptPrivacy: true } });
    expect(old.json().code).toBe('invitationExpired');

    const secondToken = tokenOf(linkIn(t.mailbox.all().filter((m) => m.to.includes(email)).pop()!.text, '/invite/'));
    expect((await t.http.delete(`/api/invitations/${inv.id}`, { cookie: coordinator.cookie })).statusCode).toBe(204);
    expect((await t.http.get(`/api/invitations/by-token/${secondToken}`)).json().state).toBe('withdrawn');
    const accept = await t.http.post('/api/invitations/accept', { body: { token: secondToken, name: 'Late', acceptPrivacy: true } });
    expect(accept.statusCode).toBe(409);
    expect(accept.json().code).toBe('invitationWithdrawn');
    expect((await t.http.delete(`/api/invitations/${inv.id}`, { cookie: coordinator.cookie })).json().code).toBe('invitationNotPending');
    expect((await t.http.post(`/api/invitations/${inv.id}/resend`, { cookie: coordinator.cookie })).json().code).toBe('invitationNotPending');
  });

  it('never reopens an accepted invitation', async () => {
    const { coordinator, community } = await setup();
    const email = address('accepted');
    const inv = (await invite(coordinator.cookie, community.id, { email, stakeholderGroup: 'school' })).json();
    const token = tokenOf(linkIn((await t.mailbox.waitFor((m) => m.to.includes(email))).text, '/invite/'));
    expect((await t.http.post('/api/invitations/accept', { body: { token, name: 'Joined', acceptPrivacy: true } })).statusCode).toBe(200);
    expect((await t.http.post(`/api/invitations/${inv.id}/resend`, { cookie: coordinator.cookie })).statusCode).toBe(409);
    expect((await t.http.delete(`/api/invitations/${inv.id}`, { cookie: coordinator.cookie })).statusCode).toBe(409);
    const list = (await t.http.get(`/api/communities/${community.id}/invitations`, { cookie: coordinator.cookie })).json();
    expect(list.find((i: { id: string }) => i.id === inv.id).status).toBe('accepted');
  });

  it('explains an expired link and mails a new one to the invited address on request', async () => {
    const { coordinator, community } = await setup();
    const email = address('expired');
    const inv = (await invite(coordinator.cookie, community.id, { email, stakeholderGroup: 'school' })).json();
    const token = tokenOf(linkIn((await t.mailbox.waitFor((m) => m.to.includes(email))).text, '/invite/'));
    await t.ctx.db.update(invitations).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(invitations.id, inv.id));

    expect((await t.http.get(`/api/invitations/by-token/${token}`)).json().state).toBe('expired');
    const accept = await t.http.post('/api/invitations/accept', { body: { token, name: 'Too late', acceptPrivacy: true } });
    expect(accept.json().code).toBe('invitationExpired');
    const list = (await t.http.get(`/api/communities/${community.id}/invitations`, { cookie: coordinator.cookie })).json();
    expect(list[0]).toMatchObject({ status: 'pending', expired: true });

    expect((await t.http.post('/api/invitations/renew', { body: { token } })).statusCode).toBe(202);
    const fresh = await t.mailbox.waitFor((m) => m.to.includes(email) && !m.text.includes(token));
    const freshToken = tokenOf(linkIn(fresh.text, '/invite/'));
    const ok = await t.http.post('/api/invitations/accept', { body: { token: freshToken, name: 'On time', acceptPrivacy: true } });
    expect(ok.statusCode).toBe(200);
  });

  it('answers an unknown token with a clear 404', async () => {
    const res = await t.http.get('/api/invitations/by-token/this-token-does-not-exist');
    expect(res.statusCode).toBe(404);
    const accept = await t.http.post('/api/invitations/accept', { body: { token: 'this-token-does-not-exist', name: 'X', acceptPrivacy: true } });
    expect(accept.json().code).toBe('invitationInvalid');
  });

  it('gives exactly one membership when the same link is accepted twice at once', async () => {
    const { coordinator, community } = await setup();
    const email = address('race');
    await invite(coordinator.cookie, community.id, { email, stakeholderGroup: 'school' });
    const token = tokenOf(linkIn((await t.mailbox.waitFor((m) => m.to.includes(email))).text, '/invite/'));
    const results = await Promise.all([
      t.http.post('/api/invitations/accept', { body: { token, name: 'Tab one', acceptPrivacy: true } }),
      t.http.post('/api/invitations/accept', { body: { token, name: 'Tab two', acceptPrivacy: true } }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const detail = (await t.http.get(`/api/communities/${community.id}`, { cookie: coordinator.cookie })).json();
    expect(detail.members.filter((m: { email: string }) => m.email === email)).toHaveLength(1);
  });
});

describe('the pre-phase', () => {
  it('invites the first group now and holds the others until the community becomes active', async () => {
    const { coordinator, community } = await setup({ phase: 'prePhase', firstGroups: ['parent'] });
    const parentEmail = address('first-parent');
    const teacherEmail = address('later-teacher');
    const parentInv = (await invite(coordinator.cookie, community.id, { email: parentEmail, stakeholderGroup: 'parent' })).json();
    const teacherInv = (await invite(coordinator.cookie, community.id, { email: teacherEmail, stakeholderGroup: 'school' })).json();
    expect(parentInv.status).toBe('pending');
    expect(teacherInv.status).toBe('held');
    const parentMail = await t.mailbox.waitFor((m) => m.to.includes(parentEmail));
    const preview = (await t.http.get(`/api/invitations/by-token/${tokenOf(linkIn(parentMail.text, '/invite/'))}`)).json();
    expect(preview.prePhase).toBe(true);
    expect(t.mailbox.all().some((m) => m.to.includes(teacherEmail))).toBe(false);

    const detail = (await t.http.get(`/api/communities/${community.id}`, { cookie: coordinator.cookie })).json();
    const activate = await t.http.patch(`/api/communities/${community.id}`, { cookie: coordinator.cookie, body: { version: detail.version, phase: 'active' } });
    expect(activate.statusCode).toBe(200);
    await t.mailbox.waitFor((m) => m.to.includes(teacherEmail));
    const list = (await t.http.get(`/api/communities/${community.id}/invitations`, { cookie: coordinator.cookie })).json();
    expect(list.find((i: { email: string }) => i.email === teacherEmail).status).toBe('pending');
    const revisions = (await t.http.get(`/api/communities/${community.id}/revisions`, { cookie: coordinator.cookie })).json();
    expect(revisions[0]).toMatchObject({ field: 'phase', before: 'prePhase', after: 'active' });
  });
});
