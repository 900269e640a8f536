import fs from 'node:fs/promises';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { api, assert, makeUser, type Spec } from '../lib/fixtures';
import { dateAhead, inviteAndJoin, seedCommunity } from '../lib/seed';
import { SignUpPage } from '../pages/account.page';
import { ProgrammePage } from '../pages/agenda.page';
import { MeetingPage, MeetingsListPage, PlanMeetingsPage, SeriesPage } from '../pages/meetings.page';

/**
 * The rhythm of meetings, end to end with three people in three browsers: the chair plans a monthly
 * series; two members each give input for the next meeting (one also says they are coming); the
 * chair builds the programme from that input (harvest round first, check-out last), sees the total
 * time against the meeting's length and publishes it; a member reads the programme, downloads the
 * meeting's .ics and both members get the "programme published" mail. Finally two tabs of the chair
 * edit the same programme item: the second save is refused and offers the current version.
 */

interface AgendaDto {
  items: { id: string; kind: string; title: string; durationMinutes: number; inputIds: string[]; version: number }[];
  totalMinutes: number;
  meetingMinutes: number;
  publishedAt: string | null;
}
interface InputDto {
  inputs: { id: string; title: string; author: { name: string }; agendaItemIds: string[] }[];
}
interface MeetingDto {
  id: string;
  localDate: string;
  localStartTime: string;
  startsAt: string;
  timeZone: string;
  durationMinutes: number;
  myResponse: string | null;
}

async function h1(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

const meetingsFlow: Spec = async ({ baseUrl, newPage, newContext, mailbox, axe, step }) => {
  const stamp = Date.now().toString(36);
  const chair = makeUser('voorzitter');
  const communityName = `Rekenen in de keten ${stamp}`;
  const member1 = { email: `lid1-${stamp}@example.test`, name: `Anouk Lid ${stamp}` };
  const member2 = { email: `lid2-${stamp}@example.test`, name: `Bram Lid ${stamp}` };
  const input1 = `Hoe oefenen we tafels thuis? ${stamp}`;
  const input2 = `Rekenspel op het schoolplein ${stamp}`;
  const startDate = dateAhead(21);
  const startTime = '19:30';

  const chairPage = await newPage();
  const m1Context = await newContext();
  const m2Context = await newContext();
  const m1 = m1Context.pages()[0] ?? (await m1Context.newPage());
  const m2 = m2Context.pages()[0] ?? (await m2Context.newPage());
  let communityId = '';
  let seriesId = '';
  let meetingId = '';

  await step('the chair signs up; a community with two members from two organisations is arranged', async () => {
    const signUp = new SignUpPage(chairPage, baseUrl);
    await signUp.goto();
    await signUp.signUp(chair);
    const seeded = await seedCommunity(chairPage.context(), baseUrl, {
      network: `Netwerk Rekenen ${stamp}`,
      community: communityName,
      question: 'Hoe laten we kinderen thuis en op school samen rekenen?',
      organisations: [
        { name: `OBS De Telraam ${stamp}`, type: 'primarySchool' },
        { name: `Ouderraad Noord ${stamp}`, type: 'parentsCouncil' },
      ],
    });
    communityId = seeded.communityId;
    await inviteAndJoin(chairPage.context(), m1Context, baseUrl, mailbox, communityId, { ...member1, organisationId: seeded.organisations[0]!.id, stakeholderGroup: 'school' });
    await inviteAndJoin(chairPage.context(), m2Context, baseUrl, mailbox, communityId, { ...member2, organisationId: seeded.organisations[1]!.id, stakeholderGroup: 'parent' });
  });

  await step('the chair plans a monthly series on the plan page', async () => {
    const list = new MeetingsListPage(chairPage, baseUrl, communityId);
    await list.goto();
    await h1(chairPage, `Bijeenkomsten van ${communityName}`);
    await list.link('Bijeenkomsten plannen').click();
    await h1(chairPage, 'Bijeenkomsten plannen');
    const plan = new PlanMeetingsPage(chairPage, baseUrl, communityId);
    await plan.fillSeries({ startDate, startTime, durationMinutes: '120', room: 'Teamkamer', address: 'Schoolstraat 1, Utrecht', locationNotes: 'We zitten in een kring.' });
    // The default for a first date is "every nth weekday of the month", the recommended monthly rhythm.
    const rule = await plan.chosenRecurrence();
    assert(/^Elke \S+ \S+ van de maand \(aanbevolen\)$/.test(rule), `the chosen recurrence is ${JSON.stringify(rule)}, expected "Elke <n-de> <weekdag> van de maand (aanbevolen)"`);
    await axe(chairPage, 'the plan page, filled in');
    await plan.submitSeries();
    await chairPage.waitForURL(/\/series\/[0-9a-f-]{36}$/);
    seriesId = new URL(chairPage.url()).pathname.split('/').pop()!;
    const series = new SeriesPage(chairPage, baseUrl, communityId, seriesId);
    await series.plannedMessage().waitFor();
    await series.meetings().first().waitFor();
    const saved = await api<{ rrule: string; startDate: string; startTime: string; durationMinutes: number; timeZone: string }>(chairPage.context(), baseUrl, 'GET', `/series/${seriesId}`);
    assert(/FREQ=MONTHLY/.test(saved.rrule), `the series rule is ${saved.rrule}, not monthly`);
    assert(saved.startDate === startDate && saved.startTime === startTime && saved.durationMinutes === 120, `the series was saved as ${JSON.stringify(saved)}`);
    assert(saved.timeZone === 'Europe/Amsterdam', `the series is in ${saved.timeZone}`);
  });

  await step('the chair sees the planned meetings in the list', async () => {
    const list = new MeetingsListPage(chairPage, baseUrl, communityId);
    await list.goto();
    await h1(chairPage, `Bijeenkomsten van ${communityName}`);
    await list.upcomingItems().first().waitFor();
    const count = await list.upcomingItems().count();
    assert(count >= 2, `the upcoming list shows ${count} meeting(s) of a monthly series`);
    // The series is listed with its rhythm in words (untitled, it carries the community's name).
    const seriesList = chairPage.getByRole('region', { name: 'Reeksen' });
    await seriesList.getByRole('link', { name: communityName }).waitFor();
    await seriesList.getByText(/elke \S+ \S+ van de maand, om 19:30/).waitFor();
    await axe(chairPage, 'the meetings list');
  });

  await step('member 1 opens the next meeting, adds input and says they are coming', async () => {
    const list = new MeetingsListPage(m1, baseUrl, communityId);
    await list.goto();
    meetingId = await list.openNext();
    const meeting = new MeetingPage(m1, baseUrl, communityId, meetingId);
    await meeting.loaded();
    const detail = await api<MeetingDto>(m1Context, baseUrl, 'GET', `/meetings/${meetingId}`);
    assert(detail.localDate === startDate, `the next meeting is on ${detail.localDate}, expected the first date ${startDate}`);
    await meeting.addInput({ kind: 'Vraag', title: input1, body: 'Mijn dochter vindt het saai; wie heeft ideeën?' });
    await meeting.answerAttendance('Ja, ik kom');
    await meeting.inputList().getByText(input1).waitFor();
    await axe(m1, 'the meeting page of member 1 after input and attendance');
    const after = await api<MeetingDto>(m1Context, baseUrl, 'GET', `/meetings/${meetingId}`);
    assert(after.myResponse === 'yes', `member 1's attendance is ${after.myResponse}, expected yes`);
  });

  await step("member 2 opens the same meeting, sees member 1's input and adds their own", async () => {
    const list = new MeetingsListPage(m2, baseUrl, communityId);
    await list.goto();
    const id = await list.openNext();
    assert(id === meetingId, `member 2's next meeting is ${id}, member 1's was ${meetingId}`);
    const meeting = new MeetingPage(m2, baseUrl, communityId, meetingId);
    await meeting.loaded();
    await meeting.inputList().getByText(input1).waitFor();
    await meeting.addInput({ kind: 'Voorbeeld uit de praktijk', title: input2 });
    await meeting.inputList().getByText(input2).waitFor();
    await axe(m2, 'the meeting page of member 2 after input');
    // Before publication a member sees no programme, only that the chair is making it.
    await meeting.tab('Programma').click();
    await new ProgrammePage(m2, baseUrl, communityId, meetingId).notPublished().waitFor();
  });

  await step('the chair builds the programme from both inputs and publishes it', async () => {
    const meeting = new MeetingPage(chairPage, baseUrl, communityId, meetingId);
    await meeting.goto();
    await meeting.loaded();
    await meeting.tab('Programma').click();
    const programme = new ProgrammePage(chairPage, baseUrl, communityId, meetingId);
    await programme.loaded();
    // Everyone gave input: the chair sees both, by whom.
    const panel = programme.inputsPanel();
    await panel.getByText(input1).waitFor();
    await panel.getByText(input2).waitFor();
    await panel.getByText(member1.name).first().waitFor();
    await programme.start();
    let titles = await programme.itemTitles();
    assert(titles.length === 2 && titles[0] === 'Rondje kennisoogst' && titles[1] === 'Check-out', `a new programme is ${JSON.stringify(titles)}, expected the harvest round and the check-out`);

    await programme.addFromInput(input1);
    await programme.addFromInput(input2);
    titles = await programme.itemTitles();
    assert(
      JSON.stringify(titles) === JSON.stringify(['Rondje kennisoogst', input1, input2, 'Check-out']),
      `the programme is ${JSON.stringify(titles)}, expected harvest round, both inputs, check-out`,
    );
    // Each item shows the input it came from, and the panel says where each input went.
    await programme.item(input1).getByText(`${input1} (van ${member1.name})`).waitFor();
    await programme.item(input2).getByText(`${input2} (van ${member2.name})`).waitFor();
    await panel.getByText(`Op het programma bij: ${input1}`).waitFor();
    await panel.getByText(`Op het programma bij: ${input2}`).waitFor();

    const agenda = await api<AgendaDto>(chairPage.context(), baseUrl, 'GET', `/meetings/${meetingId}/agenda`);
    const inputs = await api<InputDto>(chairPage.context(), baseUrl, 'GET', `/meetings/${meetingId}/inputs`);
    for (const title of [input1, input2]) {
      const item = agenda.items.find((i) => i.title === title);
      const input = inputs.inputs.find((i) => i.title === title);
      assert(item && input && item.inputIds.includes(input.id), `the item "${title}" is not linked to its input`);
    }
    // 120 minutes: harvest round 30 + two items of 20 + check-out 10.
    assert(agenda.meetingMinutes === 120 && agenda.totalMinutes === 80, `the programme takes ${agenda.totalMinutes} of ${agenda.meetingMinutes} minutes, expected 80 of 120`);
    const time = await programme.timeSummary();
    assert(time.includes('1 uur 20 minuten van de 2 uur die de bijeenkomst duurt.'), `the time summary reads ${JSON.stringify(time)}`);
    assert(time.includes('Er is nog 40 minuten over.'), `the time summary does not say 40 minutes are left: ${JSON.stringify(time)}`);

    await programme.publish();
    await axe(chairPage, 'the published programme (chair)');
  });

  await step('member 2 sees the published programme and downloads the meeting as .ics', async () => {
    const programme = new ProgrammePage(m2, baseUrl, communityId, meetingId);
    await m2.reload();
    await programme.published().waitFor();
    const titles = await programme.itemTitles();
    assert(
      JSON.stringify(titles) === JSON.stringify(['Rondje kennisoogst', input1, input2, 'Check-out']),
      `member 2 sees the programme ${JSON.stringify(titles)}`,
    );
    assert((await programme.items().first().innerText()).includes(`${startTime}`), 'the first item does not start at the meeting time');
    await axe(m2, 'the published programme (member)');

    const meeting = new MeetingPage(m2, baseUrl, communityId, meetingId);
    await meeting.tab('Overzicht').click();
    await meeting.icsLink().waitFor();
    const href = await meeting.icsLink().getAttribute('href');
    assert(href, 'the .ics link has no href');
    const res = await m2Context.request.get(new URL(href, baseUrl).toString());
    assert(res.ok(), `GET ${href} answered ${res.status()}`);
    assert(/^text\/calendar\b/i.test(res.headers()['content-type'] ?? ''), `the .ics answers as ${res.headers()['content-type']}`);

    const download = await meeting.downloadIcs();
    assert(download.suggestedFilename().endsWith('.ics'), `the download is called ${download.suggestedFilename()}`);
    const file = await download.path();
    const ics = await fs.readFile(file, 'utf8');
    const detail = await api<MeetingDto>(m2Context, baseUrl, 'GET', `/meetings/${meetingId}`);

    // Read back with ical.js, an independent parser, using only the VTIMEZONE the file carries.
    ICAL.TimezoneService.reset();
    const cal = new ICAL.Component(ICAL.parse(ics));
    assert(cal.name === 'vcalendar', `the download is a ${cal.name}, not a VCALENDAR`);
    for (const z of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(z));
    const events = cal.getAllSubcomponents('vevent');
    assert(events.length === 1, `the .ics holds ${events.length} events, expected 1`);
    const dtstart = events[0]!.getFirstProperty('dtstart');
    assert(dtstart, 'the event has no DTSTART');
    assert(dtstart.getParameter('tzid') === 'Europe/Amsterdam', `DTSTART has TZID=${String(dtstart.getParameter('tzid'))}`);
    const start = dtstart.getFirstValue() as ICAL.Time;
    const local = `${start.year}-${String(start.month).padStart(2, '0')}-${String(start.day).padStart(2, '0')} ${String(start.hour).padStart(2, '0')}:${String(start.minute).padStart(2, '0')}`;
    assert(local === `${startDate} ${startTime}`, `DTSTART is ${local} local time, expected ${startDate} ${startTime}`);
    assert(start.toJSDate().toISOString() === new Date(detail.startsAt).toISOString(), `DTSTART is the instant ${start.toJSDate().toISOString()}, the meeting starts at ${detail.startsAt}`);
    const end = new ICAL.Event(events[0]!).endDate.toJSDate().getTime();
    assert(end - start.toJSDate().getTime() === 120 * 60_000, 'the event does not last the meeting’s 120 minutes');
  });

  await step('both members get the "programme published" mail', async () => {
    for (const member of [member1, member2]) {
      const mail = await mailbox.waitFor((m) => m.to.includes(member.email) && m.subject.startsWith('Programma voor'), 20_000);
      assert(mail.subject.includes(communityName), `the subject ${JSON.stringify(mail.subject)} does not name the community`);
      assert(mail.text.includes(input1) && mail.text.includes(input2), `the mail to ${member.email} does not list the programme:\n${mail.text}`);
      assert(mail.html.length > 0, `the mail to ${member.email} has no HTML part`);
    }
  });

  await step('two chair tabs edit the same item: the second save is refused and offers the current version', async () => {
    const tabA = new ProgrammePage(chairPage, baseUrl, communityId, meetingId);
    const pageB = await chairPage.context().newPage();
    const tabB = new ProgrammePage(pageB, baseUrl, communityId, meetingId);
    await tabA.goto();
    await tabA.loaded();
    await tabB.goto();
    await tabB.loaded();
    const editorA = await tabA.openEditor(input1);
    const editorB = await tabB.openEditor(input1);

    // Tab A shortens the item and saves first.
    await editorA.getByLabel('Duur in minuten', { exact: true }).fill('25');
    await editorA.getByTestId('save-item').click();
    await editorA.waitFor({ state: 'detached' });

    // Tab B, still on the old version, renames it.
    const renamed = `Tafels thuis oefenen: ideeën ${stamp}`;
    await editorB.getByLabel('Titel', { exact: true }).fill(renamed);
    await editorB.getByTestId('save-item').click();
    const conflict = tabB.conflict();
    await conflict.waitFor();
    await conflict.getByText('Iemand anders heeft dit onderdeel intussen gewijzigd').waitFor();
    await conflict.getByText('25 minuten').waitFor();
    await axe(pageB, 'the programme with a conflicting save');
    let saved = await api<AgendaDto>(chairPage.context(), baseUrl, 'GET', `/meetings/${meetingId}/agenda`);
    let item = saved.items.find((i) => i.inputIds.length > 0 && (i.title === input1 || i.title === renamed));
    assert(item?.title === input1 && item.durationMinutes === 25, `the refused save changed the item: ${JSON.stringify(item)}`);

    await conflict.getByRole('button', { name: 'Nieuwste versie laden' }).click();
    await pageB.getByRole('status').filter({ hasText: 'De nieuwste versie is geladen' }).waitFor();
    assert((await editorB.getByLabel('Titel', { exact: true }).inputValue()) === renamed, 'the typed title was lost after loading the current version');
    assert((await editorB.getByLabel('Duur in minuten', { exact: true }).inputValue()) === '25', 'the other tab’s duration was not taken over');
    await editorB.getByTestId('save-item').click();
    await tabB.item(renamed).waitFor();
    saved = await api<AgendaDto>(chairPage.context(), baseUrl, 'GET', `/meetings/${meetingId}/agenda`);
    item = saved.items.find((i) => i.title === renamed);
    assert(item?.durationMinutes === 25, `after saving again the item is ${JSON.stringify(item)}, expected the new title with 25 minutes`);
  });
};

export default meetingsFlow;
