/**
 * The authorization matrix: every registered route, called as someone who must not reach the
 * object it names. A route that is not listed here fails the test, so a new route cannot be
 * added without deciding who may call it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, factories as f, type TestApp } from './harness';

let t: TestApp;

interface Fixture {
  networkId: string;
  organisationId: string;
  spareOrganisationId: string;
  communityId: string;
  memberId: string;
  invitationId: string;
  communityName: string;
  seriesId: string;
  meetingId: string;
  otherMeetingId: string;
  aliceId: string;
  feedUrl: string;
  inputId: string;
  itemId: string;
  actionId: string;
  proposalId: string;
  evaluationId: string;
  improvementActionId: string;
}
let fx: Fixture;
const actors: Record<string, string | undefined> = {};

type Entry =
  | { public: string }
  | { own: string; listsMustNotShow?: (body: unknown, who: 'otherCommunity' | 'otherNetwork') => void }
  | {
      path: (fx: Fixture) => string;
      body?: (fx: Fixture) => unknown;
      /** A member of another community in the same network legitimately reads this (the network itself). */
      sameNetworkReads?: (body: unknown) => void;
    };

const noCommunityA = (body: unknown) => {
  expect(JSON.stringify(body)).not.toContain(fx.communityId);
};

const matrix: Record<string, Entry> = {
  'GET /api/health': { public: 'health check' },
  'GET /api/openapi.json': { public: 'API description' },
  'POST /api/auth/sign-up': { public: 'creating an account' },
  'POST /api/auth/sign-in': { public: 'signing in' },
  'POST /api/auth/sign-in-link': { public: 'asking for a sign-in link (same answer for every address)' },
  'GET /api/auth/magic-link/verify': { public: 'following a sign-in link: the token is the key' },
  'GET /api/invitations/by-token/:token': { public: 'reading an invitation: the token is the key' },
  'POST /api/invitations/accept': { public: 'joining through an invitation: the token is the key' },
  'POST /api/invitations/renew': { public: 'renewing an expired invitation: mails only the invited address' },
  'POST /api/auth/sign-out': { own: 'ends only your own session' },
  'GET /api/me': { own: 'your own account' },
  'PATCH /api/me': { own: 'your own account' },
  'POST /api/me/password': { own: 'your own password' },
  'GET /api/networks': {
    own: 'your own networks',
    listsMustNotShow: (body, who) => {
      const list = body as { id: string; communityCount: number }[];
      // Bob belongs to network 1 through community B: he sees the network, counting only B.
      if (who === 'otherCommunity') expect(list.find((n) => n.id === fx.networkId)?.communityCount).toBe(1);
      else expect(JSON.stringify(body)).not.toContain(fx.networkId);
    },
  },
  'POST /api/networks': { own: 'creates a network of your own' },
  'GET /api/communities': { own: 'your own communities', listsMustNotShow: noCommunityA },

  'GET /api/networks/:networkId': { path: (x) => `/api/networks/${x.networkId}`, sameNetworkReads: noCommunityA },
  'PATCH /api/networks/:networkId': { path: (x) => `/api/networks/${x.networkId}`, body: () => ({ name: 'Hijacked' }) },
  'POST /api/networks/:networkId/organisations': {
    path: (x) => `/api/networks/${x.networkId}/organisations`,
    body: () => ({ name: 'Intruder', type: 'other' }),
  },
  'PATCH /api/networks/:networkId/organisations/:organisationId': {
    path: (x) => `/api/networks/${x.networkId}/organisations/${x.organisationId}`,
    body: () => ({ name: 'Renamed' }),
  },
  'DELETE /api/networks/:networkId/organisations/:organisationId': {
    path: (x) => `/api/networks/${x.networkId}/organisations/${x.spareOrganisationId}`,
  },
  'POST /api/networks/:networkId/communities': { path: (x) => `/api/networks/${x.networkId}/communities`, body: () => ({ name: 'Intruder' }) },
  'GET /api/communities/:communityId': { path: (x) => `/api/communities/${x.communityId}` },
  'PATCH /api/communities/:communityId': { path: (x) => `/api/communities/${x.communityId}`, body: () => ({ version: 1, name: 'Hijacked' }) },
  'GET /api/communities/:communityId/revisions': { path: (x) => `/api/communities/${x.communityId}/revisions` },
  'GET /api/communities/:communityId/table': { path: (x) => `/api/communities/${x.communityId}/table` },
  'PATCH /api/communities/:communityId/members/:memberId': {
    path: (x) => `/api/communities/${x.communityId}/members/${x.memberId}`,
    body: () => ({ roles: ['observer'] }),
  },
  'DELETE /api/communities/:communityId/members/:memberId': { path: (x) => `/api/communities/${x.communityId}/members/${x.memberId}` },
  'POST /api/communities/:communityId/leave': { path: (x) => `/api/communities/${x.communityId}/leave` },
  'GET /api/communities/:communityId/invitations': { path: (x) => `/api/communities/${x.communityId}/invitations` },
  'POST /api/communities/:communityId/invitations': {
    path: (x) => `/api/communities/${x.communityId}/invitations`,
    body: () => ({ email: 'intruder@example.org', stakeholderGroup: 'school' }),
  },
  'GET /api/account/calendar': { own: 'your own calendar subscription' },
  'POST /api/account/calendar': { own: 'makes a new URL for your own calendar' },
  'DELETE /api/account/calendar': { own: 'revokes your own calendar URL' },
  'GET /api/account/notifications': { own: 'your own notification preferences' },
  'PUT /api/account/notifications': { own: 'your own notification preferences' },
  'GET /api/calendar/:feedId/:file': { public: "a member's private calendar feed: the signed URL is the key (forged or revoked URLs get 404, tested in calendar.test.ts)" },

  'GET /api/communities/:communityId/meetings': { path: (x) => `/api/communities/${x.communityId}/meetings` },
  'POST /api/communities/:communityId/meetings': {
    path: (x) => `/api/communities/${x.communityId}/meetings`,
    body: () => ({ date: '2030-01-08', startTime: '19:00', durationMinutes: 60 }),
  },
  'GET /api/communities/:communityId/series': { path: (x) => `/api/communities/${x.communityId}/series` },
  'POST /api/communities/:communityId/series': {
    path: (x) => `/api/communities/${x.communityId}/series`,
    body: () => ({ startDate: '2030-01-08', startTime: '19:00', durationMinutes: 60 }),
  },
  'GET /api/communities/:communityId/rhythm': { path: (x) => `/api/communities/${x.communityId}/rhythm` },
  'GET /api/communities/:communityId/rota': { path: (x) => `/api/communities/${x.communityId}/rota` },
  'PUT /api/communities/:communityId/rota': { path: (x) => `/api/communities/${x.communityId}/rota`, body: () => ({ version: 1, mode: 'rotating' }) },
  'PUT /api/communities/:communityId/rota/willing': { path: (x) => `/api/communities/${x.communityId}/rota/willing`, body: () => ({ willing: false }) },
  'GET /api/series/:seriesId': { path: (x) => `/api/series/${x.seriesId}` },
  'POST /api/series/:seriesId/change': {
    path: (x) => `/api/series/${x.seriesId}/change`,
    body: () => ({ version: 1, fromDate: '2030-06-01', startDate: '2030-06-11', startTime: '09:00', durationMinutes: 60 }),
  },
  'POST /api/series/:seriesId/end': { path: (x) => `/api/series/${x.seriesId}/end`, body: () => ({ version: 1, fromDate: '2030-06-01' }) },
  'GET /api/meetings/:meetingId': { path: (x) => `/api/meetings/${x.meetingId}` },
  'PATCH /api/meetings/:meetingId': { path: (x) => `/api/meetings/${x.meetingId}`, body: () => ({ version: 1, room: 'Hijacked' }) },
  'POST /api/meetings/:meetingId/cancel': { path: (x) => `/api/meetings/${x.meetingId}/cancel`, body: () => ({ version: 1, reason: 'Hijacked' }) },
  'POST /api/meetings/:meetingId/restore': { path: (x) => `/api/meetings/${x.meetingId}/restore`, body: () => ({ version: 1 }) },
  'PUT /api/meetings/:meetingId/attendance': { path: (x) => `/api/meetings/${x.meetingId}/attendance`, body: () => ({ response: 'yes' }) },
  'PUT /api/meetings/:meetingId/presence': { path: (x) => `/api/meetings/${x.meetingId}/presence`, body: () => ({ presentUserIds: [] }) },
  'GET /api/meetings/:meetingId/calendar.ics': { path: (x) => `/api/meetings/${x.meetingId}/calendar.ics` },
  'POST /api/meetings/:meetingId/chair/skip': { path: (x) => `/api/meetings/${x.meetingId}/chair/skip` },
  'POST /api/meetings/:meetingId/chair/swap': { path: (x) => `/api/meetings/${x.meetingId}/chair/swap`, body: (x) => ({ otherMeetingId: x.otherMeetingId }) },
  'PUT /api/meetings/:meetingId/chair': { path: (x) => `/api/meetings/${x.meetingId}/chair`, body: (x) => ({ userId: x.aliceId }) },
  'GET /api/meetings/:meetingId/inputs': { path: (x) => `/api/meetings/${x.meetingId}/inputs` },
  'POST /api/meetings/:meetingId/inputs': { path: (x) => `/api/meetings/${x.meetingId}/inputs`, body: () => ({ kind: 'topic', title: 'Intruder' }) },
  'PATCH /api/inputs/:inputId': { path: (x) => `/api/inputs/${x.inputId}`, body: () => ({ version: 1, title: 'Hijacked' }) },
  'DELETE /api/inputs/:inputId': { path: (x) => `/api/inputs/${x.inputId}` },
  'POST /api/meetings/:meetingId/inputs/remind': { path: (x) => `/api/meetings/${x.meetingId}/inputs/remind` },
  'GET /api/meetings/:meetingId/agenda': { path: (x) => `/api/meetings/${x.meetingId}/agenda` },
  'POST /api/meetings/:meetingId/agenda/start': { path: (x) => `/api/meetings/${x.otherMeetingId}/agenda/start` },
  'POST /api/meetings/:meetingId/agenda/items': {
    path: (x) => `/api/meetings/${x.meetingId}/agenda/items`,
    body: () => ({ kind: 'discussion', title: 'Intruder', durationMinutes: 10 }),
  },
  'PATCH /api/agenda-items/:itemId': { path: (x) => `/api/agenda-items/${x.itemId}`, body: () => ({ version: 1, title: 'Hijacked' }) },
  'DELETE /api/agenda-items/:itemId': { path: (x) => `/api/agenda-items/${x.itemId}` },
  'PUT /api/meetings/:meetingId/agenda/order': { path: (x) => `/api/meetings/${x.meetingId}/agenda/order`, body: (x) => ({ itemIds: [x.itemId] }) },
  'POST /api/meetings/:meetingId/agenda/publish': { path: (x) => `/api/meetings/${x.meetingId}/agenda/publish` },
  'GET /api/meetings/:meetingId/minutes': { path: (x) => `/api/meetings/${x.meetingId}/minutes` },
  'POST /api/meetings/:meetingId/minutes/publish': { path: (x) => `/api/meetings/${x.meetingId}/minutes/publish` },
  'POST /api/meetings/:meetingId/actions': { path: (x) => `/api/meetings/${x.meetingId}/actions`, body: () => ({ title: 'Intruder' }) },
  'PATCH /api/actions/:actionId': { path: (x) => `/api/actions/${x.actionId}`, body: () => ({ version: 1, done: true }) },
  'DELETE /api/actions/:actionId': { path: (x) => `/api/actions/${x.actionId}` },
  'GET /api/communities/:communityId/knowledge': { path: (x) => `/api/communities/${x.communityId}/knowledge` },
  'GET /api/meetings/:meetingId/voices': { path: (x) => `/api/meetings/${x.meetingId}/voices` },
  'GET /api/meetings/:meetingId/room': { path: (x) => `/api/meetings/${x.meetingId}/room` },
  'POST /api/meetings/:meetingId/room/intents': { path: (x) => `/api/meetings/${x.meetingId}/room/intents`, body: () => ({ id: 'matrix-intent-0001', intent: { kind: 'turn.next' } }) },
  'GET /api/communities/:communityId/proposals': { path: (x) => `/api/communities/${x.communityId}/proposals` },
  'POST /api/communities/:communityId/proposals': {
    path: (x) => `/api/communities/${x.communityId}/proposals`,
    body: () => ({ title: 'Intruder', body: 'Hijacked', process: 'consent', closesAt: null }),
  },
  'PUT /api/communities/:communityId/quorum': { path: (x) => `/api/communities/${x.communityId}/quorum`, body: () => ({ quorum: 'everyone' }) },
  'GET /api/communities/:communityId/decisions': { path: (x) => `/api/communities/${x.communityId}/decisions` },
  'GET /api/proposals/:proposalId': { path: (x) => `/api/proposals/${x.proposalId}` },
  'PUT /api/proposals/:proposalId/response': { path: (x) => `/api/proposals/${x.proposalId}/response`, body: () => ({ position: 'objection', reason: 'Hijacked', baseVersion: null }) },
  'POST /api/proposals/:proposalId/amend': {
    path: (x) => `/api/proposals/${x.proposalId}/amend`,
    body: () => ({ version: 1, title: 'Hijacked', body: 'Hijacked', closesAt: null, note: 'Hijacked' }),
  },
  'POST /api/proposals/:proposalId/withdraw': { path: (x) => `/api/proposals/${x.proposalId}/withdraw`, body: () => ({ version: 1, reason: 'Hijacked' }) },
  'POST /api/proposals/:proposalId/close': { path: (x) => `/api/proposals/${x.proposalId}/close`, body: () => ({ version: 1 }) },
  'POST /api/proposals/:proposalId/remind': { path: (x) => `/api/proposals/${x.proposalId}/remind` },
  'PUT /api/proposals/:proposalId/outcome': { path: (x) => `/api/proposals/${x.proposalId}/outcome`, body: () => ({ version: 0, statement: 'Hijacked', reviewDate: null }) },
  'POST /api/proposals/:proposalId/comments': { path: (x) => `/api/proposals/${x.proposalId}/comments`, body: () => ({ body: 'Intruder' }) },
  'GET /api/communities/:communityId/monitor': { path: (x) => `/api/communities/${x.communityId}/monitor` },
  'GET /api/communities/:communityId/monitor.csv': { path: (x) => `/api/communities/${x.communityId}/monitor.csv` },
  'PUT /api/communities/:communityId/my-time': { path: (x) => `/api/communities/${x.communityId}/my-time`, body: () => ({ hoursPerMonth: 4, official: true }) },
  'GET /api/networks/:networkId/monitor': { path: (x) => `/api/networks/${x.networkId}/monitor` },
  'GET /api/networks/:networkId/monitor.csv': { path: (x) => `/api/networks/${x.networkId}/monitor.csv` },
  'GET /api/communities/:communityId/evaluations': { path: (x) => `/api/communities/${x.communityId}/evaluations` },
  'POST /api/communities/:communityId/evaluations': {
    path: (x) => `/api/communities/${x.communityId}/evaluations`,
    body: () => ({ closesAt: '2031-01-01T00:00:00Z' }),
  },
  'GET /api/evaluations/:evaluationId': { path: (x) => `/api/evaluations/${x.evaluationId}` },
  'POST /api/evaluations/:evaluationId/answers': {
    path: (x) => `/api/evaluations/${x.evaluationId}/answers`,
    body: () => ({ scores: { ambitionClarity: 1, jointAttention: 1, equalCommitment: 1, equivalence: 1, time: 1, regularity: 1, usefulness: 1 }, openAnswers: [] }),
  },
  'POST /api/evaluations/:evaluationId/close': { path: (x) => `/api/evaluations/${x.evaluationId}/close` },
  'POST /api/communities/:communityId/improvement-actions': {
    path: (x) => `/api/communities/${x.communityId}/improvement-actions`,
    body: (x) => ({ condition: 'time', what: 'Hijacked', ownerUserId: x.aliceId, dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) }),
  },
  'PUT /api/improvement-actions/:actionId': { path: (x) => `/api/improvement-actions/${x.improvementActionId}`, body: () => ({ version: 1, done: true }) },
  'POST /api/invitations/:invitationId/resend': { path: (x) => `/api/invitations/${x.invitationId}/resend` },
  'DELETE /api/invitations/:invitationId': { path: (x) => `/api/invitations/${x.invitationId}` },
};

const isDocsRoute = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

beforeAll(async () => {
  t = await createTestApp();
  // Network 1: community A (the target) and community B (whose member is the first intruder).
  const coordinator = await t.signedInUser({ name: 'Coordinator N1' });
  const network = await f.createNetwork(t.ctx, coordinator);
  const org = await f.createOrganisation(t.ctx, coordinator, network.id);
  const spare = await f.createOrganisation(t.ctx, coordinator, network.id);
  const a = await f.createCommunity(t.ctx, coordinator, network.id, { name: 'Community A', ambition: 'A ambition' });
  const b = await f.createCommunity(t.ctx, coordinator, network.id, { name: 'Community B' });
  const alice = await t.signedInUser({ name: 'Alice in A' });
  await f.addMember(t.ctx, a, alice, { organisationId: org.id, roles: ['member', 'chair'] });
  const bob = await t.signedInUser({ name: 'Bob in B' });
  await f.addMember(t.ctx, b, bob, { organisationId: org.id });
  const detail = (await t.http.get(`/api/communities/${a.id}`, { cookie: coordinator.cookie })).json();
  const invitation = (
    await t.http.post(`/api/communities/${a.id}/invitations`, { cookie: coordinator.cookie, body: { email: 'pending@example.org', stakeholderGroup: 'parent' } })
  ).json();
  // Network 2: its coordinator, who also sits in a community there, is the second intruder.
  const xena = await t.signedInUser({ name: 'Xena, coordinator of N2' });
  const n2 = await f.createNetwork(t.ctx, xena);
  const c = await f.createCommunity(t.ctx, xena, n2.id);
  await f.addMember(t.ctx, c, xena, { roles: ['member', 'chair', 'coordinator'] });
  // Meetings of community A far in the future, so that every meeting route has a target.
  const series = (await t.http.post(`/api/communities/${a.id}/series`, { cookie: coordinator.cookie, body: { startDate: '2030-01-08', startTime: '19:30', durationMinutes: 120 } })).json();
  const meetings = (await t.http.get(`/api/communities/${a.id}/meetings`, { cookie: coordinator.cookie })).json();
  const m0 = meetings[0].id as string;
  const input = (await t.http.post(`/api/meetings/${m0}/inputs`, { cookie: alice.cookie, body: { kind: 'question', title: 'Hoe lezen we samen?' } })).json();
  const agenda = (await t.http.post(`/api/meetings/${m0}/agenda/start`, { cookie: coordinator.cookie })).json();
  const action = (await t.http.post(`/api/meetings/${m0}/actions`, { cookie: coordinator.cookie, body: { title: 'Leeslijst delen' } })).json();
  // A proposal of community A, opened by Alice from the programme.
  const proposal = (
    await t.http.post(`/api/communities/${a.id}/proposals`, {
      cookie: alice.cookie,
      body: { title: 'Samen lezen', body: 'Elke week.', process: 'consent', closesAt: null, meetingId: m0, agendaItemId: agenda.items[0].id },
    })
  ).json();
  // An open evaluation of community A and an improvement action.
  const evaluation = (await t.http.post(`/api/communities/${a.id}/evaluations`, { cookie: coordinator.cookie, body: { closesAt: '2031-01-01T00:00:00Z' } })).json();
  const improvement = (
    await t.http.post(`/api/communities/${a.id}/improvement-actions`, { cookie: alice.cookie, body: { condition: 'regularity', what: 'Vaste avond', ownerUserId: alice.id, dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) } })
  ).json();
  // Xena subscribes to her own calendar; nobody else may learn anything from it.
  const feedUrl = (await t.http.post('/api/account/calendar', { cookie: xena.cookie })).json().url as string;

  fx = {
    networkId: network.id,
    organisationId: org.id,
    spareOrganisationId: spare.id,
    communityId: a.id,
    memberId: detail.members.find((m: { userId: string }) => m.userId === alice.id).id,
    invitationId: invitation.id,
    communityName: 'Community A',
    seriesId: series.id,
    meetingId: meetings[0].id,
    otherMeetingId: meetings[1].id,
    aliceId: alice.id,
    feedUrl,
    inputId: input.id,
    itemId: agenda.items[0].id,
    actionId: action.id,
    proposalId: proposal.id,
    evaluationId: evaluation.id,
    improvementActionId: improvement.id,
  };
  actors.anonymous = undefined;
  actors.otherCommunity = bob.cookie;
  actors.otherNetwork = xena.cookie;
  actors.coordinator = coordinator.cookie;
});
afterAll(async () => t?.close());

describe('authorization matrix', () => {
  it('lists every registered route', () => {
    const registered = t.app.routeList
      .filter((r) => r.method !== 'HEAD' && r.url.startsWith('/api') && !isDocsRoute(r.url))
      .map((r) => `${r.method} ${r.url}`);
    const missing = registered.filter((key) => !(key in matrix));
    expect(missing, `routes missing from the authorization matrix: ${missing.join(', ')}`).toEqual([]);
    const stale = Object.keys(matrix).filter((key) => !registered.includes(key));
    expect(stale, `matrix entries without a route: ${stale.join(', ')}`).toEqual([]);
  });

  it('keeps the API reference public and read-only', () => {
    const docs = t.app.routeList.filter((r) => isDocsRoute(r.url));
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((r) => r.method === 'GET' || r.method === 'HEAD')).toBe(true);
  });

  for (const [key, entry] of Object.entries(matrix)) {
    const [method, url] = key.split(' ') as ['GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', string];
    if ('public' in entry) continue;
    if ('own' in entry) {
      it(`${key}: anonymous gets 401; others see only their own`, async () => {
        const anon = await t.http.send(method, url, { body: method === 'GET' || method === 'DELETE' ? undefined : {} });
        // A body that fails validation would give 422 before auth; own-data routes must say 401 first or 422 without touching data.
        expect([401, 422]).toContain(anon.statusCode);
        if (method === 'GET') expect(anon.statusCode).toBe(401);
        if (entry.listsMustNotShow) {
          for (const who of ['otherCommunity', 'otherNetwork'] as const) {
            const res = await t.http.get(url, { cookie: actors[who] });
            expect(res.statusCode).toBe(200);
            entry.listsMustNotShow(res.json(), who);
          }
        }
      });
      continue;
    }
    for (const who of ['anonymous', 'otherCommunity', 'otherNetwork'] as const) {
      it(`${key} as ${who} is refused`, async () => {
        const res = await t.http.send(method, entry.path(fx), { cookie: actors[who], body: entry.body?.(fx) });
        if (who === 'otherCommunity' && entry.sameNetworkReads) {
          expect(res.statusCode).toBe(200);
          entry.sameNetworkReads(res.json());
          return;
        }
        expect([401, 403, 404], `${key} as ${who} answered ${res.statusCode}: ${res.body}`).toContain(res.statusCode);
        if (who === 'anonymous') expect(res.statusCode).toBe(401);
        // Someone outside the network learns nothing, not even that the object exists.
        if (who === 'otherNetwork') expect(res.statusCode).toBe(404);
      });
    }
  }

  it('left everything as it was', async () => {
    const a = (await t.http.get(`/api/communities/${fx.communityId}`, { cookie: actors.coordinator })).json();
    expect(a.name).toBe('Community A');
    expect(a.version).toBe(1);
    expect(a.members.map((m: { id: string; roles: string[] }) => [m.id, m.roles])).toEqual([[fx.memberId, ['member', 'chair']]]);
    const invitations = (await t.http.get(`/api/communities/${fx.communityId}/invitations`, { cookie: actors.coordinator })).json();
    expect(invitations.map((i: { email: string; status: string; sendCount: number }) => [i.email, i.status, i.sendCount])).toEqual([['pending@example.org', 'pending', 1]]);
    const meeting = (await t.http.get(`/api/meetings/${fx.meetingId}`, { cookie: actors.coordinator })).json();
    expect(meeting).toMatchObject({ version: 1, sequence: 0, status: 'planned', room: '', myResponse: null, counts: { yes: 0, no: 0, maybe: 0, unanswered: 1 } });
    const rota = (await t.http.get(`/api/communities/${fx.communityId}/rota`, { cookie: actors.coordinator })).json();
    expect(rota).toMatchObject({ version: 1, mode: 'fixed' });
    expect(rota.upcoming.every((u: { pinned: boolean; chair: { userId: string } | null }) => !u.pinned && u.chair?.userId === fx.aliceId)).toBe(true);
    const series = (await t.http.get(`/api/series/${fx.seriesId}`, { cookie: actors.coordinator })).json();
    expect(series).toMatchObject({ version: 1, endDate: null });
    const inputs = (await t.http.get(`/api/meetings/${fx.meetingId}/inputs`, { cookie: actors.coordinator })).json();
    expect(inputs.inputs.map((i: { title: string; version: number }) => [i.title, i.version])).toEqual([['Hoe lezen we samen?', 1]]);
    expect(inputs.reminderSentAt).toBeNull();
    const agenda = (await t.http.get(`/api/meetings/${fx.meetingId}/agenda`, { cookie: actors.coordinator })).json();
    expect(agenda.publishedAt).toBeNull();
    expect(agenda.items.map((i: { version: number }) => i.version)).toEqual([1, 1]);
    const minutes = (await t.http.get(`/api/meetings/${fx.meetingId}/minutes`, { cookie: actors.coordinator })).json();
    expect(minutes.publishedAt).toBeNull();
    expect(minutes.actions.map((a: { title: string; done: boolean }) => [a.title, a.done])).toEqual([['Leeslijst delen', false]]);
    const proposal = (await t.http.get(`/api/proposals/${fx.proposalId}`, { cookie: actors.coordinator })).json();
    expect(proposal).toMatchObject({ title: 'Samen lezen', status: 'open', version: 1, round: 1, quorum: 'groups', responses: [], comments: [], reminderSentAt: null, outcome: null });
    const proposals = (await t.http.get(`/api/communities/${fx.communityId}/proposals`, { cookie: actors.coordinator })).json();
    expect(proposals.quorum).toBe('groups');
    expect(proposals.proposals.map((p: { id: string }) => p.id)).toEqual([fx.proposalId]);
    const evaluation = (await t.http.get(`/api/evaluations/${fx.evaluationId}`, { cookie: actors.coordinator })).json();
    expect(evaluation).toMatchObject({ status: 'open', answered: 0, closedAt: null });
    const monitor = (await t.http.get(`/api/communities/${fx.communityId}/monitor`, { cookie: actors.coordinator })).json();
    expect(monitor.actions.map((x: { what: string; done: boolean; version: number }) => [x.what, x.done, x.version])).toEqual([['Vaste avond', false, 1]]);
    expect(monitor.members.map((m: { userId: string }) => m.userId)).toEqual([fx.aliceId]);
    // Xena's feed shows nothing of community A.
    const feed = await t.http.get(new URL(fx.feedUrl).pathname);
    expect(feed.statusCode).toBe(200);
    expect(feed.body).not.toContain(fx.meetingId);
    const network = (await t.http.get(`/api/networks/${fx.networkId}`, { cookie: actors.coordinator })).json();
    expect(network.organisations).toHaveLength(2);
    expect(network.communities).toHaveLength(2);
  });
});
