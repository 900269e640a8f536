import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { buildApp } from '../../app';
import { jobs, outbox } from '../../db/schema';
import { createJobRunner, queueMail, scheduleJob } from '../../lib/jobs';
import { createTestApp, factories as f, httpClient, type TestApp } from '../../test/harness';
import type { ParsedMail } from '../../../../e2e/lib/mime';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());
beforeEach(() => t.clock.set('2026-01-01T09:00:00Z'));

const PREFS_URL = 'http://kring.test/account/notifications';

/** What a mail is about, read from its subject as the recipient sees it (Dutch or English). */
const KINDS: [string, RegExp][] = [
  ['seriesInvited', /^(Bijeenkomsten van ".*" gepland|Meetings of ".*" planned)$/],
  ['inputRequested', /^(Jouw inbreng voor|Your input for) /],
  ['inputReminder', /^(Herinnering: jouw inbreng|Reminder: your input)/],
  ['programmePublished', /^(Programma voor|Programme for) /],
  ['meetingReminder', /^(Overmorgen: bijeenkomst|The day after tomorrow: meeting)/],
  ['minutesPublished', /^(Verslag van|Minutes of) /],
  ['chairTurn', /^(Jij bent voorzitter|You chair)/],
];
const kindOf = (m: ParsedMail) => KINDS.find(([, re]) => re.test(m.subject))?.[0] ?? `unknown: ${m.subject}`;

/** Mails to one person in a mailbox, optionally of one kind. */
function mailsTo(who: { email: string }, kind?: string) {
  return t.mailbox.all().filter((m) => m.to.includes(who.email) && (kind === undefined || kindOf(m) === kind));
}
/** Per person, the kinds of mail they received (sorted), for exact comparisons. */
function inbox(people: Record<string, { email: string }>) {
  return Object.fromEntries(Object.entries(people).map(([name, who]) => [name, mailsTo(who).map(kindOf).sort()]));
}

/** Lets the clock reach `iso`, then runs due jobs and delivers the mail they queued, as the runner loop would. */
async function runAt(iso: string) {
  t.clock.set(iso);
  await t.ctx.jobs.runDue();
  await t.ctx.jobs.deliverMail();
}

async function setup() {
  const coordinator = await t.signedInUser({ name: 'Coördinator' });
  const network = await f.createNetwork(t.ctx, coordinator);
  const school = await f.createOrganisation(t.ctx, coordinator, network.id, { name: `School ${Math.random()}` });
  const community = await f.createCommunity(t.ctx, coordinator, network.id, { name: 'Leesbevordering' });
  const chair = await t.signedInUser({ name: 'Anna Voorzitter' });
  const bram = await t.signedInUser({ name: 'Bram Leraar', locale: 'en' });
  await f.addMember(t.ctx, community, chair, { organisationId: school.id, roles: ['chair'] });
  await f.addMember(t.ctx, community, bram, { organisationId: school.id });
  return { coordinator, network, school, community, chair, bram };
}

/** Monthly on the second Tuesday at 19:30 from 10 February 2026: 18:30Z, input deadline 7 February 18:30Z. */
async function planSeries(s: { community: { id: string }; chair: { cookie: string } }, http = t.http) {
  const res = await http.post(`/api/communities/${s.community.id}/series`, {
    cookie: s.chair.cookie,
    body: { startDate: '2026-02-10', startTime: '19:30', durationMinutes: 120, rrule: 'FREQ=MONTHLY;BYDAY=2TU', room: 'Lokaal 12', address: 'Schoolstraat 1, Utrecht' },
  });
  expect(res.statusCode).toBe(201);
  const list = (await http.get(`/api/communities/${s.community.id}/meetings?limit=3`, { cookie: s.chair.cookie })).json() as { id: string; localDate: string; version: number }[];
  expect(list.map((m) => m.localDate)).toEqual(['2026-02-10', '2026-03-10', '2026-04-14']);
  return list;
}

describe('scheduled meeting mails', () => {
  it('asks for input, tells the chair it is their turn and reminds two days before, each once and in the reader’s language', async () => {
    const s = await setup();
    const carla = await t.signedInUser({ name: 'Carla Docent' });
    const dirk = await t.signedInUser({ name: 'Dirk Meester' });
    const eve = await t.signedInUser({ name: 'Eva Juf' });
    const ruben = await t.signedInUser({ name: 'Ruben Onderzoeker' });
    for (const who of [carla, dirk, eve]) await f.addMember(t.ctx, s.community, who, { organisationId: s.school.id });
    await f.addMember(t.ctx, s.community, ruben, { roles: ['researcher'] });
    const people = { chair: s.chair, bram: s.bram, carla, dirk, eve, ruben };
    const [feb] = await planSeries(s);
    await t.ctx.jobs.deliverMail();
    expect(inbox(people)).toEqual({ chair: ['seriesInvited'], bram: ['seriesInvited'], carla: ['seriesInvited'], dirk: ['seriesInvited'], eve: ['seriesInvited'], ruben: [] });
    expect(mailsTo(s.bram)[0]!.text).toContain('has planned a series of meetings for "Leesbevordering": every second Tuesday of the month.');
    expect(mailsTo(s.chair)[0]!.text).toContain('heeft een reeks bijeenkomsten gepland voor "Leesbevordering": elke tweede dinsdag van de maand.');

    // Carla already gave input; Eva said she will not come.
    t.clock.set('2026-01-20T10:00:00Z');
    const added = await t.http.post(`/api/meetings/${feb!.id}/inputs`, { cookie: carla.cookie, body: { kind: 'topic', title: 'Stillezen in groep 5' } });
    expect(added.statusCode).toBe(201);
    expect((await t.http.put(`/api/meetings/${feb!.id}/attendance`, { cookie: eve.cookie, body: { response: 'no', reason: 'Ouderavond' } })).statusCode).toBe(200);

    await runAt('2026-01-27T18:29:00Z'); // just under two weeks before
    expect(mailsTo(s.chair, 'inputRequested')).toEqual([]);
    expect(mailsTo(s.chair, 'chairTurn')).toEqual([]);

    await runAt('2026-01-27T18:31:00Z');
    // Exactly once: a second run at the same moment (or a second tick) finds nothing to do.
    expect(await t.ctx.jobs.runDue()).toBe(0);
    expect(await t.ctx.jobs.deliverMail()).toBe(0);
    expect(inbox(people)).toEqual({
      chair: ['chairTurn', 'inputRequested', 'seriesInvited'],
      bram: ['inputRequested', 'seriesInvited'],
      carla: ['seriesInvited'],
      dirk: ['inputRequested', 'seriesInvited'],
      eve: ['seriesInvited'],
      ruben: [],
    });

    const en = mailsTo(s.bram, 'inputRequested')[0]!;
    expect(en.subject).toBe('Your input for "Leesbevordering" on 10 February');
    expect(en.text).toMatch(/Tuesday,? 10 February 2026, 19:30–21:30/); // ICU versions differ on the comma
    expect(en.text).toContain('Add yours before Saturday 7 February 19:30');
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('Saturday 7 February 19:30');
    const nl = mailsTo(s.chair, 'inputRequested')[0]!;
    expect(nl.subject).toBe('Jouw inbreng voor "Leesbevordering" op 10 februari');
    expect(nl.text).toContain('dinsdag 10 februari 2026, 19:30–21:30');
    expect(nl.text).toContain('vóór zaterdag 7 februari 19:30');
    expect(nl.html).toContain('<html lang="nl">');
    const turn = mailsTo(s.chair, 'chairTurn')[0]!;
    expect(turn.subject).toBe('Jij bent voorzitter op 10 februari');
    expect(turn.text).toContain(`/communities/${s.community.id}/rota`);
    for (const mail of [en, nl, turn]) {
      expect(mail.text).toContain(PREFS_URL);
      expect(mail.html).toContain(PREFS_URL);
      // The button opens the meeting.
      expect(mail.html).toContain(`href="http://kring.test/communities/${s.community.id}/meetings/${feb!.id}"`);
    }
    expect(en.text).toContain(`http://kring.test/communities/${s.community.id}/meetings/${feb!.id}`);
    expect(en.text).toMatch(/Switch these emails on or off: http:\/\/kring\.test\/account\/notifications/);
    expect(nl.text).toMatch(/Deze e-mails aan- of uitzetten: http:\/\/kring\.test\/account\/notifications/);

    // Dirk switches reminders off; the others keep theirs.
    const off = await t.http.put('/api/account/notifications', { cookie: dirk.cookie, body: { meetingReminder: false } });
    expect(off.json()).toMatchObject({ meetingReminder: false, inputRequested: true });

    await runAt('2026-02-08T18:29:00Z');
    expect(mailsTo(s.chair, 'meetingReminder')).toEqual([]);
    await runAt('2026-02-08T18:31:00Z');
    await runAt('2026-02-08T18:31:00Z');
    expect(inbox(people)).toEqual({
      chair: ['chairTurn', 'inputRequested', 'meetingReminder', 'seriesInvited'],
      bram: ['inputRequested', 'meetingReminder', 'seriesInvited'],
      carla: ['meetingReminder', 'seriesInvited'],
      dirk: ['inputRequested', 'seriesInvited'],
      eve: ['seriesInvited'],
      ruben: [],
    });
    const reminder = mailsTo(s.bram, 'meetingReminder')[0]!;
    expect(reminder.subject).toBe('The day after tomorrow: meeting of "Leesbevordering"');
    expect(reminder.text).toContain('Where: Lokaal 12, Schoolstraat 1, Utrecht');
    expect(reminder.text).toContain('Chair: Anna Voorzitter');
    expect(reminder.text).toContain(PREFS_URL);
    expect(mailsTo(s.chair, 'meetingReminder')[0]!.subject).toBe('Overmorgen: bijeenkomst van "Leesbevordering"');
  });

  it('tells members when the programme and the minutes are published', async () => {
    const s = await setup();
    const carla = await t.signedInUser({ name: 'Carla Docent' });
    await f.addMember(t.ctx, s.community, carla, { organisationId: s.school.id });
    const [feb] = await planSeries(s);
    await t.ctx.jobs.deliverMail();
    t.clock.set('2026-02-08T10:00:00Z');
    expect((await t.http.post(`/api/meetings/${feb!.id}/agenda/start`, { cookie: s.chair.cookie })).statusCode).toBe(200);
    expect((await t.http.post(`/api/meetings/${feb!.id}/agenda/publish`, { cookie: s.chair.cookie })).statusCode).toBe(200);
    expect((await t.http.post(`/api/meetings/${feb!.id}/agenda/publish`, { cookie: s.chair.cookie })).statusCode).toBe(200);
    await t.ctx.jobs.deliverMail();
    for (const who of [s.chair, s.bram, carla]) expect(mailsTo(who, 'programmePublished'), who.name).toHaveLength(1);
    expect(mailsTo(s.bram, 'programmePublished')[0]!.subject).toBe('Programme for "Leesbevordering" on 10 February');
    expect(mailsTo(carla, 'programmePublished')[0]!.text).toContain(PREFS_URL);

    expect((await t.http.put('/api/account/notifications', { cookie: carla.cookie, body: { minutesPublished: false } })).statusCode).toBe(200);
    t.clock.set('2026-02-10T21:00:00Z');
    expect((await t.http.post(`/api/meetings/${feb!.id}/minutes/publish`, { cookie: s.chair.cookie })).statusCode).toBe(200);
    await t.ctx.jobs.deliverMail();
    expect(mailsTo(s.bram, 'minutesPublished').map((m) => m.subject)).toEqual(['Minutes of "Leesbevordering" of 10 February']);
    expect(mailsTo(s.chair, 'minutesPublished')).toHaveLength(1);
    expect(mailsTo(carla, 'minutesPublished')).toEqual([]);
  });

  it('moves the reminder with a moved meeting (again after it went) and sends none for a cancelled one', async () => {
    const s = await setup();
    const [feb, mar] = await planSeries(s);
    const moved = await t.http.patch(`/api/meetings/${feb!.id}`, { cookie: s.chair.cookie, body: { version: feb!.version, date: '2026-02-17' } });
    expect(moved.statusCode).toBe(200);
    const cancel = await t.http.post(`/api/meetings/${mar!.id}/cancel`, { cookie: s.chair.cookie, body: { version: mar!.version, reason: 'Voorjaarsvakantie' } });
    expect(cancel.statusCode).toBe(200);

    // The chair's two-week notice moves along too.
    await runAt('2026-01-27T18:31:00Z');
    expect(mailsTo(s.chair, 'chairTurn')).toEqual([]);
    await runAt('2026-02-03T18:31:00Z');
    expect(mailsTo(s.chair, 'chairTurn').map((m) => m.subject)).toEqual(['Jij bent voorzitter op 17 februari']);

    await runAt('2026-02-08T18:31:00Z'); // the old reminder time
    expect(mailsTo(s.bram, 'meetingReminder')).toEqual([]);
    await runAt('2026-02-15T18:31:00Z');
    expect(mailsTo(s.bram, 'meetingReminder').map((m) => m.text.match(/\w+day,? \d+ February/)?.[0]?.replace(',', ''))).toEqual(['Tuesday 17 February']);

    // Moved again after its reminder went: a new reminder for the new date.
    t.clock.set('2026-02-15T19:00:00Z');
    const again = await t.http.patch(`/api/meetings/${feb!.id}`, { cookie: s.chair.cookie, body: { version: moved.json().version, date: '2026-02-19' } });
    expect(again.statusCode).toBe(200);
    await runAt('2026-02-17T18:31:00Z');
    expect(mailsTo(s.bram, 'meetingReminder').map((m) => m.text.match(/\w+day,? \d+ February/)?.[0]?.replace(',', ''))).toEqual(['Tuesday 17 February', 'Thursday 19 February']);

    await runAt('2026-03-08T18:31:00Z');
    await runAt('2026-03-10T12:00:00Z');
    expect(mailsTo(s.bram, 'meetingReminder')).toHaveLength(2);
    expect(mailsTo(s.chair, 'chairTurn')).toHaveLength(1);
    expect(mailsTo(s.bram).filter((m) => kindOf(m) !== 'seriesInvited' && m.text.includes('10 March'))).toEqual([]);
    const marchJobs = await t.ctx.db.select({ key: jobs.key, status: jobs.status }).from(jobs).where(like(jobs.key, `%${mar!.id}%`));
    expect(marchJobs.filter((j) => !j.key.startsWith('chairTurn')).map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
  });
});

describe('notification preferences', () => {
  it('are all on by default and switch per kind', async () => {
    const me = await t.signedInUser();
    const all = {
      seriesInvited: true,
      inputRequested: true,
      programmePublished: true,
      meetingReminder: true,
      minutesPublished: true,
      chairTurn: true,
      proposalOpened: true,
      proposalReminder: true,
      proposalAmended: true,
      proposalClosingSoon: true,
      proposalOutcome: true,
      decisionReview: true,
      evaluationOpened: true,
    };
    expect((await t.http.get('/api/account/notifications', { cookie: me.cookie })).json()).toEqual(all);
    const put = await t.http.put('/api/account/notifications', { cookie: me.cookie, body: { meetingReminder: false, chairTurn: false } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ ...all, meetingReminder: false, chairTurn: false });
    await t.http.put('/api/account/notifications', { cookie: me.cookie, body: { chairTurn: true } });
    expect((await t.http.get('/api/account/notifications', { cookie: me.cookie })).json()).toEqual({ ...all, meetingReminder: false });
    const bad = await t.http.put('/api/account/notifications', { cookie: me.cookie, body: { newsletter: false } });
    expect(bad.statusCode).toBe(422);
    expect((await t.http.put('/api/account/notifications', { cookie: me.cookie, body: { meetingReminder: 'no' } })).statusCode).toBe(422);
    expect((await t.http.get('/api/account/notifications')).statusCode).toBe(401);
  });
});

describe('the job runner', () => {
  it('survives a restart: what app A planned, app B (two processes) sends, each mail exactly once', async () => {
    const s = await setup();
    const config = { ...t.ctx.config, jobsIntervalMs: 0 };
    const a = await buildApp({ config, database: t.ctx.database, logger: false, now: () => new Date('2026-01-01T09:00:00Z') });
    let feb: { id: string } | undefined;
    try {
      feb = (await planSeries(s, httpClient(a)))[0];
    } finally {
      // A goes down with the invitations queued and every scheduled mail still to come.
      await a.close();
    }
    expect(mailsTo(s.chair)).toEqual([]);

    let now = new Date('2026-01-27T18:31:00Z');
    const b1 = await buildApp({ config, database: t.ctx.database, logger: false, now: () => now });
    const b2 = await buildApp({ config, database: t.ctx.database, logger: false, now: () => now });
    try {
      const tick = async () => {
        await Promise.all([b1.ctx.jobs.runDue(), b2.ctx.jobs.runDue()]);
        await Promise.all([b1.ctx.jobs.deliverMail(), b2.ctx.jobs.deliverMail()]);
      };
      await tick();
      await tick();
      expect(inbox({ chair: s.chair, bram: s.bram })).toEqual({
        chair: ['chairTurn', 'inputRequested', 'seriesInvited'],
        bram: ['inputRequested', 'seriesInvited'],
      });
      now = new Date('2026-02-08T18:31:00Z');
      await tick();
      await tick();
      expect(inbox({ chair: s.chair, bram: s.bram })).toEqual({
        chair: ['chairTurn', 'inputRequested', 'meetingReminder', 'seriesInvited'],
        bram: ['inputRequested', 'meetingReminder', 'seriesInvited'],
      });
      const [reminderJob] = await t.ctx.db.select().from(jobs).where(eq(jobs.key, `reminder:${feb!.id}`));
      expect(reminderJob).toMatchObject({ status: 'done', attempts: 1 });
    } finally {
      await b1.close();
      await b2.close();
    }
  });

  it('retries a mail the SMTP server did not take, and delivers it once, with the attempts recorded', async () => {
    const s = await setup();
    // A port nobody listens on: the SMTP server is down.
    const closed = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(port));
      });
    });
    const errors: object[] = [];
    const down = createJobRunner({
      db: t.ctx.db,
      smtpUrl: `smtp://127.0.0.1:${closed}`,
      from: t.ctx.config.mailFrom,
      publicUrl: t.ctx.config.publicUrl,
      log: { info: () => {}, error: (o) => errors.push(o) },
      now: () => t.ctx.now(),
    });
    await planSeries(s);
    try {
      expect(await down.deliverMail()).toBe(0);
    } finally {
      await down.stop();
    }
    expect(errors.length).toBeGreaterThan(0);
    const mine = () => t.ctx.db.select().from(outbox).where(and(eq(outbox.to, s.bram.email), eq(outbox.kind, 'seriesInvited')));
    const [failed] = await mine();
    expect(failed).toMatchObject({ attempts: 1, sentAt: null, claimedUntil: null });
    expect(failed!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(failed!.nextAttemptAt!.getTime()).toBeGreaterThan(t.ctx.now().getTime());
    expect(mailsTo(s.bram)).toEqual([]);

    // Not before the back-off has passed...
    await t.ctx.jobs.deliverMail();
    expect(mailsTo(s.bram)).toEqual([]);
    // ...then once, and never again.
    t.clock.advance(5 * 60_000);
    await t.ctx.jobs.deliverMail();
    await t.ctx.jobs.deliverMail();
    expect(mailsTo(s.bram).map(kindOf)).toEqual(['seriesInvited']);
    const [sent] = await mine();
    expect(sent).toMatchObject({ attempts: 2, lastError: null });
    expect(sent!.sentAt).not.toBeNull();
  });

  it('rolls back a failed job’s mail and runs it again later, once', async () => {
    const s = await setup();
    let calls = 0;
    t.ctx.jobs.register('test.flaky', async (tx, job, now) => {
      calls++;
      await queueMail(tx, { to: s.bram.email, subject: `Flaky ${job.key}`, text: 'x', html: '<p>x</p>', kind: 'test' }, now);
      if (calls === 1) throw new Error('the first attempt fails');
    });
    const key = `test.flaky:${s.bram.id}`;
    await scheduleJob(t.ctx.db, { kind: 'test.flaky', key, runAt: t.ctx.now() });
    await t.ctx.jobs.runDue();
    await t.ctx.jobs.deliverMail();
    expect(calls).toBe(1);
    const [job] = await t.ctx.db.select().from(jobs).where(eq(jobs.key, key));
    expect(job).toMatchObject({ status: 'pending', attempts: 1, lastError: 'the first attempt fails' });
    expect(mailsTo(s.bram)).toEqual([]); // the failed attempt's mail was rolled back with it

    await t.ctx.jobs.runDue();
    expect(calls).toBe(1); // backing off
    t.clock.advance(60_000);
    await t.ctx.jobs.runDue();
    await t.ctx.jobs.runDue();
    await t.ctx.jobs.deliverMail();
    expect(calls).toBe(2);
    expect((await t.ctx.db.select().from(jobs).where(eq(jobs.key, key)))[0]).toMatchObject({ status: 'done', attempts: 2 });
    expect(mailsTo(s.bram).map((m) => m.subject)).toEqual([`Flaky ${key}`]);
  });
});
