import type { Page } from 'playwright-core';
import { api, assert, makeUser, type Spec } from '../lib/fixtures';
import type { Mailbox } from '../lib/mailbox';
import { AccountPage, SignInPage } from '../pages/account.page';
import { EditCommunityPage, HistoryPage, InvitationsPage, InvitePage, OverviewPage, TablePage } from '../pages/communities.page';
import { NetworkPage, NewCommunityPage, NewNetworkPage } from '../pages/networks.page';
import { MinutesPage, ProgrammePage } from '../pages/agenda.page';
import { fieldErrorText, MeetingPage, MeetingsListPage, PlanMeetingsPage, SeriesPage } from '../pages/meetings.page';
import { NotificationsPage } from '../pages/notifications.page';
import { RotaPage } from '../pages/rota.page';
import { dateAhead } from '../lib/seed';

/**
 * A tour of every page of the app, each scanned with axe (WCAG 2.1 AA): signed out, signed in with
 * a one-time link, a community's pages (also on a phone-sized screen), an edit that conflicts, and
 * each state an invitation link can be in (pre-phase explanation, superseded, withdrawn, used).
 */

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

/** Waits for the page's main heading, so axe scans the rendered page and not a loading state. */
async function h1(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Content wider than the screen forces sideways scrolling (WCAG 1.4.10 reflow). */
async function assertNoSidewaysScroll(page: Page, label: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert(scrollWidth <= clientWidth + 1, `${label} scrolls sideways on a phone: ${scrollWidth}px content in ${clientWidth}px`);
}

/** The first mail to `to` with a link containing `marker` that is not one of `seen`; returns the link. */
async function nextLink(mailbox: Mailbox, to: string, marker: string, seen: string[] = []): Promise<string> {
  const linkIn = (text: string) => (text.match(/https?:\/\/[^\s<>"')]+/g) ?? []).find((l) => l.includes(marker) && !seen.includes(l));
  const mail = await mailbox.waitFor((m) => m.to.includes(to) && !!linkIn(m.text), 15_000);
  return linkIn(mail.text)!;
}

const pagesTour: Spec = async ({ baseUrl, newPage, mailbox, axe, step }) => {
  const stamp = Date.now().toString(36);
  const coordinator = makeUser('tour');
  const communityName = `Mediawijs thuis ${stamp}`;
  const parentEmail = `ouder-tour-${stamp}@example.test`;
  const parentName = `Ouder Tour ${stamp}`;
  const laterEmail = `later-tour-${stamp}@example.test`;
  const withdrawnEmail = `ingetrokken-tour-${stamp}@example.test`;
  const visitor = await newPage();
  const page = await newPage();
  let networkId = '';
  let communityId = '';
  let parentLink = '';
  let tourMeetingId = '';
  const tourDate = dateAhead(14);

  await step('signed out: front page, sign-in, sign-up, privacy, what is a PLG, 404, an unknown invitation and the test outbox', async () => {
    const visits: [string, string | RegExp][] = [
      ['/', 'Samen leren, in een kring'],
      ['/sign-in', 'Inloggen'],
      ['/sign-up', 'Account aanmaken'],
      ['/privacy', 'Privacyverklaring'],
      ['/what-is-a-plg', 'Wat is een PLG?'],
      ['/deze-pagina-bestaat-niet', 'Pagina niet gevonden'],
      ['/invite/this-token-does-not-exist', 'Deze uitnodigingslink werkt niet'],
      ['/dev/outbox', 'Testpostvak'],
    ];
    for (const [path, heading] of visits) {
      await visitor.goto(`${baseUrl}${path}`);
      await h1(visitor, heading);
      await axe(visitor, `${path} (signed out)`);
    }
    // A page that needs an account sends a visitor to sign in, and back afterwards.
    await visitor.goto(`${baseUrl}/account`);
    await visitor.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('redirectTo') === '/account');
    await h1(visitor, 'Inloggen');
  });

  await step('an expired sign-in link explains itself on the sign-in page', async () => {
    await visitor.goto(`${baseUrl}/sign-in?error=linkInvalid`);
    await visitor.getByRole('alert').filter({ hasText: 'Deze inloglink werkt niet meer' }).waitFor();
    await axe(visitor, 'the sign-in page after an invalid link');
  });

  await step('wrong sign-in and sign-up input is explained next to the form', async () => {
    await visitor.getByLabel('E-mailadres', { exact: true }).fill(`niemand-${stamp}@example.test`);
    await visitor.getByLabel('Wachtwoord', { exact: true }).fill('niet-het-goede-wachtwoord');
    await visitor.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await visitor.getByRole('alert').filter({ hasNotText: 'Deze inloglink werkt niet meer' }).first().waitFor();
    assert(new URL(visitor.url()).pathname === '/sign-in', 'a wrong password left the sign-in page');
    await axe(visitor, 'the sign-in page with a wrong password');

    await visitor.goto(`${baseUrl}/sign-up`);
    await h1(visitor, 'Account aanmaken');
    await visitor.getByLabel(/^Je naam/).fill('Iemand');
    await visitor.getByLabel(/^E-mailadres/).fill(`iemand-${stamp}@example.test`);
    await visitor.getByLabel(/^Wachtwoord/).fill('kort');
    await visitor.getByRole('button', { name: 'Account aanmaken' }).click();
    await visitor.getByText('Gebruik minstens 8 tekens.').waitFor();
    assert(new URL(visitor.url()).pathname === '/sign-up', 'a too short password left the sign-up page');
    await axe(visitor, 'the sign-up page with a too short password');
  });

  await step('signs in with a one-time link from the mail', async () => {
    // The account exists already; this browser has no session.
    const res = await page.context().request.post(`${baseUrl}/api/auth/sign-up`, {
      headers: { 'x-kring-csrf': '1', origin: baseUrl },
      data: { name: coordinator.name, email: coordinator.email, password: coordinator.password, locale: 'nl' },
    });
    assert(res.ok(), `sign-up failed: ${res.status()}`);
    await page.context().clearCookies();

    const signIn = new SignInPage(page, baseUrl);
    await signIn.goto();
    await signIn.requestLink(coordinator.email);
    await axe(page, 'the sign-in page, link sent');
    const link = await nextLink(mailbox, coordinator.email, 'magic-link');
    assert(link.startsWith(baseUrl), `the sign-in link ${link} does not point at ${baseUrl}`);
    await page.goto(link);
    await page.waitForURL((url) => url.pathname === '/');
    await h1(page, 'Mijn overzicht');
    await page.getByText(`Welkom, ${coordinator.name}.`).waitFor();
    await axe(page, 'the dashboard, nothing in it yet');
  });

  await step('the account page switches the app to English and back', async () => {
    const account = new AccountPage(page, baseUrl);
    await account.goto();
    await h1(page, 'Mijn account');
    await axe(page, 'the account page');
    await account.saveLanguage('English');
    await h1(page, 'My account');
    await page.getByRole('status').filter({ hasText: 'Your details have been saved.' }).waitFor();
    assert((await page.locator('html').getAttribute('lang')) === 'en', 'html lang is not en after choosing English');
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    await axe(page, 'the account page in English');
    // The choice is the account's: it survives a reload.
    await page.reload();
    await h1(page, 'My account');
    await account.saveLanguage('Nederlands', { language: 'Language', save: 'Save details' });
    await h1(page, 'Mijn account');
    assert((await page.locator('html').getAttribute('lang')) === 'nl', 'html lang is not nl after choosing Nederlands');
  });

  await step('creates a network and a pre-phase community that starts with the parents', async () => {
    const newNetwork = new NewNetworkPage(page, baseUrl);
    await newNetwork.goto();
    await h1(page, 'Netwerk aanmaken');
    await axe(page, 'the new-network page');
    networkId = await newNetwork.create(`Netwerk Tour ${stamp}`);
    const network = new NetworkPage(page, baseUrl, networkId);
    await network.addOrganisation('OBS De Kring', 'Basisschool');
    await axe(page, 'the network page');

    const newCommunity = new NewCommunityPage(page, baseUrl, networkId);
    await newCommunity.goto();
    await h1(page, 'Nieuwe leergemeenschap');
    await page.getByLabel(/^Naam van de leergemeenschap/).fill(communityName);
    await page.getByLabel(/^Vraagstuk/).fill('Hoe bouwen we een doorgaande lijn mediawijsheid?');
    await page.getByLabel(/^Gezamenlijke ambitie/).fill('Alle kinderen veilig online.');
    await page.getByLabel(/^Fase/).selectOption({ label: 'Voorfase' });
    await page.getByLabel('In deze leergemeenschap doen ouders mee').check();
    await page.getByRole('group', { name: /^Wie nodig je als eerste uit\?/ }).getByLabel('Ouders').check();
    await axe(page, 'the new-community page, filled in');
    await page.getByRole('button', { name: 'Leergemeenschap aanmaken' }).click();
    await page.waitForURL(/\/communities\/[0-9a-f-]{36}$/);
    communityId = new URL(page.url()).pathname.split('/').pop()!;
    await h1(page, communityName);
    await page.getByText('Deze leergemeenschap is in de voorfase').waitFor();
    await axe(page, 'the community summary (pre-phase)');
  });

  await step("the community's table, history and edit pages", async () => {
    const table = new TablePage(page, baseUrl, communityId);
    await page.getByRole('navigation', { name: 'Leergemeenschap' }).getByRole('link', { name: 'Wie zit er aan tafel' }).click();
    await h1(page, 'Wie zit er aan tafel');
    // The network's coordinator runs the community without taking a seat at its table.
    assert((await table.seatCount()) === 0, 'the table is not empty before anyone joined');
    await axe(page, 'the table page');

    await new HistoryPage(page, baseUrl, communityId).goto();
    await h1(page, 'Geschiedenis');
    // What the community was created with is its first entry.
    await page.getByText(/wijzigde het veld "vraagstuk"/).first().waitFor();
    await axe(page, 'the history page');

    await new EditCommunityPage(page, baseUrl, communityId).goto();
    await h1(page, 'Leergemeenschap wijzigen');
    await axe(page, 'the edit page');
  });

  await step('an edit that conflicts keeps the typed text and shows what was saved meanwhile', async () => {
    const edit = new EditCommunityPage(page, baseUrl, communityId);
    await edit.goto();
    await h1(page, 'Leergemeenschap wijzigen');
    const typed = 'Hoe leren kinderen thuis én op school bewust omgaan met media?';
    await edit.question().fill(typed);
    // Meanwhile someone else saves a new ambition.
    const current = await api<{ version: number }>(page.context(), baseUrl, 'GET', `/communities/${communityId}`);
    const theirs = 'Alle kinderen veilig en wijs online.';
    await api(page.context(), baseUrl, 'PATCH', `/communities/${communityId}`, { version: current.version, ambition: theirs });

    await edit.save();
    await edit.conflict().waitFor();
    assert((await edit.question().inputValue()) === typed, 'the typed question was lost after the conflict');
    assert(page.url().endsWith('/edit'), 'the app left the edit page after a conflict');
    await axe(page, 'the edit page with a conflict');

    await edit.button('Nieuwste versie laden').click();
    await page.getByRole('status').filter({ hasText: 'De nieuwste versie is geladen' }).waitFor();
    assert((await edit.question().inputValue()) === typed, 'the typed question was lost after loading the newest version');
    // The field the user did not touch now holds the other person's text; the typed one shows what was saved.
    assert((await edit.ambition().inputValue()) === theirs, `the ambition field shows ${JSON.stringify(await edit.ambition().inputValue())}, not the newest saved text`);
    await page.getByText('Opgeslagen door iemand anders:').first().waitFor();
    await axe(page, 'the edit page after loading the newest version');
    await edit.save();
    await h1(page, communityName);
    const after = await api<{ question: string; ambition: string }>(page.context(), baseUrl, 'GET', `/communities/${communityId}`);
    assert(after.question === typed, `the question was not saved: ${JSON.stringify(after.question)}`);
    assert(after.ambition === theirs, `saving after the conflict overwrote the other person's ambition with ${JSON.stringify(after.ambition)}`);

    await new HistoryPage(page, baseUrl, communityId).goto();
    await h1(page, 'Geschiedenis');
    await page.getByText(typed).first().waitFor();
    await page.getByText(theirs).first().waitFor();
    const questionEntries = await page.getByText(/wijzigde het veld "vraagstuk"/).count();
    assert(questionEntries === 2, `the history shows ${questionEntries} changes of the question, expected 2`);
    await axe(page, 'the history page with changes');
  });

  await step('invites a parent; the link explains what a PLG is before the join form', async () => {
    const invitations = new InvitationsPage(page, baseUrl, communityId);
    await invitations.goto();
    await h1(page, 'Uitnodigingen');
    await axe(page, 'the invitations page, empty');
    await invitations.invite({ email: parentEmail, name: parentName, groupLabel: 'Ouders' });
    parentLink = await nextLink(mailbox, parentEmail, '/invite/');

    // The parent reads it on a phone.
    const parent = await newPage();
    await parent.setViewportSize(PHONE);
    await parent.goto(parentLink);
    await h1(parent, 'Wat is een PLG, en wat wordt er van je gevraagd?');
    assert(!(await parent.getByRole('button', { name: 'Meedoen' }).isVisible()), 'the join form shows before the explanation');
    await axe(parent, 'the invitation, step 1: what is a PLG (phone)');
    await assertNoSidewaysScroll(parent, 'the invitation explanation');
    await parent.getByRole('button', { name: 'Verder' }).click();
    await h1(parent, `Doe mee met "${communityName}"`);
    await parent.getByText('Stap 2 van 2').waitFor();
    await axe(parent, 'the invitation, step 2: the join form (phone)');

    await new InvitePage(parent, baseUrl, parentLink).join(parentName);
    await h1(parent, communityName);
    await axe(parent, 'the community summary as a new parent (phone)');

    await parent.goto(parentLink);
    await h1(parent, 'Deze uitnodiging is al gebruikt');
    await parent.getByRole('link', { name: 'Naar mijn overzicht' }).waitFor();
    await axe(parent, 'a used invitation link (phone)');
  });

  await step('a superseded link shows the expired state and mails a new link on request', async () => {
    const created = await api<{ id: string }>(page.context(), baseUrl, 'POST', `/communities/${communityId}/invitations`, {
      email: laterEmail,
      name: 'Ouder Later',
      stakeholderGroup: 'parent',
    });
    assert(created.id, 'the invitation has no id');
    const first = await nextLink(mailbox, laterEmail, '/invite/');

    const invitations = new InvitationsPage(page, baseUrl, communityId);
    await invitations.goto();
    await h1(page, 'Uitnodigingen');
    await invitations.resend(laterEmail);
    const second = await nextLink(mailbox, laterEmail, '/invite/', [first]);
    assert(second !== first, 'resending mailed the same link');
    await axe(page, 'the invitations page after a resend');

    await visitor.goto(first);
    await h1(visitor, 'Deze uitnodiging is verlopen');
    await axe(visitor, 'a superseded invitation link');
    await visitor.getByRole('button', { name: 'Stuur mij een nieuwe link' }).click();
    await visitor.getByRole('status').filter({ hasText: 'Er is een nieuwe link onderweg' }).waitFor();
    await axe(visitor, 'a superseded invitation link, new link sent');
    const third = await nextLink(mailbox, laterEmail, '/invite/', [first, second]);

    // The newest link works.
    await visitor.goto(third);
    await h1(visitor, 'Wat is een PLG, en wat wordt er van je gevraagd?');
  });

  await step('a withdrawn link shows the withdrawn state', async () => {
    const invitations = new InvitationsPage(page, baseUrl, communityId);
    await invitations.goto();
    await h1(page, 'Uitnodigingen');
    await invitations.invite({ email: withdrawnEmail, groupLabel: 'Ouders' });
    const link = await nextLink(mailbox, withdrawnEmail, '/invite/');
    await invitations.withdraw(withdrawnEmail);
    await page.getByText('Ingetrokken').first().waitFor();
    // A school invitation waits until the pre-phase is over.
    await api(page.context(), baseUrl, 'POST', `/communities/${communityId}/invitations`, { email: `juf-tour-${stamp}@example.test`, stakeholderGroup: 'school' });
    await invitations.goto();
    await page.getByText('Wacht tot de voorfase klaar is').first().waitFor();
    await axe(page, 'the invitations page with every status');

    await visitor.goto(link);
    await h1(visitor, 'Deze uitnodiging is ingetrokken');
    await visitor.getByText(/Neem dan contact op met/).waitFor();
    await axe(visitor, 'a withdrawn invitation link');
  });

  await step('the dashboard and network page list the community', async () => {
    await page.goto(`${baseUrl}/`);
    await h1(page, 'Mijn overzicht');
    await page.getByRole('link', { name: communityName }).first().waitFor();
    await axe(page, 'the dashboard with a network and a community');
    await new NetworkPage(page, baseUrl, networkId).goto();
    await page.getByRole('link', { name: communityName }).first().waitFor();
    await axe(page, 'the network page with a community');

    await page.goto(`${baseUrl}/communities/00000000-0000-4000-8000-000000000000`);
    await h1(page, /^(Pagina niet gevonden|Geen toegang)$/);
    await axe(page, 'a community that does not exist');
  });

  await step('meetings: the empty list, the plan page with field errors, then a planned series', async () => {
    await new OverviewPage(page, baseUrl, communityId).goto();
    await page.getByRole('navigation', { name: 'Leergemeenschap' }).getByRole('link', { name: 'Bijeenkomsten' }).click();
    await h1(page, `Bijeenkomsten van ${communityName}`);
    await page.getByText(/^Er zijn nog geen bijeenkomsten gepland\./).waitFor();
    await axe(page, 'the meetings list, nothing planned');

    await page.getByRole('link', { name: 'Bijeenkomsten plannen' }).click();
    await h1(page, 'Bijeenkomsten plannen');
    await axe(page, 'the plan page, empty');
    // No first date and a meeting of 10 minutes: the server's field errors appear at the fields.
    const plan = new PlanMeetingsPage(page, baseUrl, communityId);
    await plan.seriesField('Begintijd').fill('19:30');
    await plan.seriesField('Duur in minuten').fill('10');
    await plan.submitSeries();
    const expected: [string, RegExp][] = [
      ['Eerste datum', /datum/i],
      ['Duur in minuten', /minstens 15\b/],
    ];
    for (const [label, message] of expected) {
      const field = plan.seriesField(label);
      await page.waitForFunction((el) => el?.getAttribute('aria-invalid') === 'true', await field.elementHandle(), { timeout: 10_000 });
      const error = await fieldErrorText(field);
      assert(message.test(error), `the field "${label}" says ${JSON.stringify(error)}, expected ${message}`);
    }
    assert(page.url().endsWith('/meetings/new'), 'the plan page was left after a refused series');
    await axe(page, 'the plan page with field errors');

    await plan.fillSeries({ title: 'Maandelijkse kring', startDate: tourDate, startTime: '19:30', durationMinutes: '90', room: 'Bibliotheek', locationNotes: 'We zitten in een kring.' });
    await plan.submitSeries();
    await page.waitForURL(/\/series\/[0-9a-f-]{36}$/);
    const series = new SeriesPage(page, baseUrl, communityId, new URL(page.url()).pathname.split('/').pop()!);
    await h1(page, 'Maandelijkse kring');
    await series.plannedMessage().waitFor();
    await series.meetings().first().waitFor();
    await axe(page, 'the series page');
    const upcoming = await api<{ id: string; localDate: string }[]>(page.context(), baseUrl, 'GET', `/communities/${communityId}/meetings?scope=upcoming`);
    assert(upcoming[0]?.localDate === tourDate, `the first meeting is on ${upcoming[0]?.localDate}, expected ${tourDate}`);
    tourMeetingId = upcoming[0].id;
  });

  await step("the meetings list and a meeting's overview, also on a phone", async () => {
    const list = new MeetingsListPage(page, baseUrl, communityId);
    await list.goto();
    await list.upcomingItems().first().waitFor();
    await axe(page, 'the meetings list with a series');
    assert((await list.openNext()) === tourMeetingId, 'the first meeting in the list is not the next one');
    const meeting = new MeetingPage(page, baseUrl, communityId, tourMeetingId);
    await h1(page, 'Maandelijkse kring');
    await page.getByTestId('input-section').waitFor();
    await meeting.icsLink().waitFor();
    await axe(page, 'the meeting overview');
    await page.setViewportSize(PHONE);
    try {
      await meeting.goto();
      await h1(page, 'Maandelijkse kring');
      await page.getByTestId('input-section').waitFor();
      await axe(page, 'the meeting overview (phone)');
      await assertNoSidewaysScroll(page, 'the meeting overview');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });

  await step('the programme, started with an item, and the minutes with an action item', async () => {
    const programme = new ProgrammePage(page, baseUrl, communityId, tourMeetingId);
    await programme.goto();
    await programme.loaded();
    await axe(page, 'the programme, not started');
    await programme.start();
    await programme.addItem({ kind: 'Besluit', title: 'Kiezen: welke lessen delen we?', duration: '15' });
    await programme.timeSummary();
    await axe(page, 'the programme in draft');

    const minutes = new MinutesPage(page, baseUrl, communityId, tourMeetingId);
    await new MeetingPage(page, baseUrl, communityId, tourMeetingId).tab('Verslag').click();
    await minutes.loaded();
    await page.getByRole('textbox', { name: 'Aantekeningen bij ‘Kiezen: welke lessen delen we?’' }).waitFor();
    await minutes.addAction({ title: 'Lesbrief mediawijsheid rondsturen', ownerName: parentName, dueDate: tourDate });
    await minutes.actions().getByText(`Door ${parentName}`).waitFor();
    await axe(page, 'the minutes with an action item');
  });

  await step('the rota page, in English', async () => {
    await api(page.context(), baseUrl, 'PATCH', '/me', { locale: 'en' });
    try {
      const rota = new RotaPage(page, baseUrl, communityId);
      await rota.goto();
      await h1(page, 'Chairs');
      assert((await page.locator('html').getAttribute('lang')) === 'en', 'html lang is not en on the rota page in English');
      // The coordinator may choose how the chair is chosen; the parent who joined is on the list.
      await page.getByRole('group', { name: 'Chairing' }).getByRole('radio', { name: 'Rotating chair' }).waitFor();
      await page.getByRole('region', { name: 'Who chairs' }).getByRole('rowheader', { name: parentName }).waitFor();
      await axe(page, 'the rota page in English');
    } finally {
      await api(page.context(), baseUrl, 'PATCH', '/me', { locale: 'nl' });
    }
  });

  await step('notifications: mail preferences and a new private calendar URL', async () => {
    const notifications = new NotificationsPage(page, baseUrl);
    await notifications.goto();
    await h1(page, 'Meldingen en agenda');
    await notifications.preference('Het programma is gepubliceerd').waitFor();
    await page.getByTestId('no-calendar-link').waitFor();
    await axe(page, 'the notifications page, no calendar link');
    const url = await notifications.createCalendarLink();
    assert(url.startsWith(baseUrl) && url.includes('/calendar/'), `the calendar link is ${url}`);
    const feed = await visitor.context().request.get(url);
    assert(feed.ok(), `the calendar link answers ${feed.status()}`);
    assert(/^text\/calendar\b/.test(feed.headers()['content-type'] ?? ''), `the calendar link answers as ${feed.headers()['content-type']}`);
    assert((await feed.text()).startsWith('BEGIN:VCALENDAR'), 'the calendar link does not serve a calendar');
    await axe(page, 'the notifications page with a calendar link');
  });

  await step('the community overview shows the rhythm card', async () => {
    const overview = new OverviewPage(page, baseUrl, communityId);
    await overview.goto();
    await h1(page, communityName);
    await overview.nextMeeting().waitFor();
    await overview.nextMeeting().getByText('Bibliotheek').first().waitFor();
    // The chair sees the draft programme of the next meeting on the card.
    await overview.nextMeeting().getByText('Kiezen: welke lessen delen we?').waitFor();
    await axe(page, 'the community overview with the rhythm card');
  });

  await step('on a phone: dashboard, summary, table and invitations', async () => {
    await page.setViewportSize(PHONE);
    try {
      const visits: [string, string][] = [
        ['/', 'Mijn overzicht'],
        [new OverviewPage(page, baseUrl, communityId).path, communityName],
        [new TablePage(page, baseUrl, communityId).path, 'Wie zit er aan tafel'],
        [new InvitationsPage(page, baseUrl, communityId).path, 'Uitnodigingen'],
      ];
      for (const [path, heading] of visits) {
        await page.goto(`${baseUrl}${path}`);
        await h1(page, heading);
        await page.waitForLoadState('networkidle');
        await axe(page, `${path} on a phone`);
        await assertNoSidewaysScroll(page, path);
      }
      // The parent who joined sits at the table.
      const table = new TablePage(page, baseUrl, communityId);
      await table.goto();
      await table.seat(parentName).first().waitFor();
      assert((await table.seatCount()) === 1, 'the parent who joined does not take a seat at the table');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });

  await step('signs out through the account menu', async () => {
    await page.goto(`${baseUrl}/`);
    await h1(page, 'Mijn overzicht');
    await page.getByRole('button', { name: /^Accountmenu/ }).click();
    await page.getByRole('link', { name: 'Mijn account' }).waitFor();
    await axe(page, 'the dashboard with the account menu open');
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await h1(page, 'Samen leren, in een kring');
    await page.goto(`${baseUrl}/communities/${communityId}`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
  });
};

export default pagesTour;
