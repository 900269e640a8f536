import type { Download, Locator, Page } from 'playwright-core';
import { BasePage } from './base.page';

/** The label of a field, the way it reads in Dutch. */
type Label = string | RegExp;

/** The error text a field points at through aria-describedby (the `-e` element), or '' without one. */
export async function fieldErrorText(field: Locator): Promise<string> {
  return field.evaluate((el) => {
    const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id.endsWith('-e'));
    return ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ').trim();
  });
}

abstract class CommunityScoped extends BasePage {
  constructor(
    page: Page,
    baseUrl: string,
    protected readonly communityId: string,
  ) {
    super(page, baseUrl);
  }
}

export class MeetingsListPage extends CommunityScoped {
  get path() {
    return `/communities/${this.communityId}/meetings`;
  }

  upcoming(): Locator {
    return this.page.getByRole('region', { name: 'Komende bijeenkomsten' });
  }

  /** The meetings in the "upcoming" section, soonest first. */
  upcomingItems(): Locator {
    return this.upcoming().getByTestId('meeting-item');
  }

  /** Opens the next meeting (the first in the upcoming list) and returns its id. */
  async openNext(): Promise<string> {
    await this.upcomingItems().first().getByRole('link').first().click();
    await this.page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    return new URL(this.page.url()).pathname.split('/').pop()!;
  }
}

export interface SeriesValues {
  title?: string;
  startDate: string;
  startTime: string;
  durationMinutes: string;
  room?: string;
  address?: string;
  locationNotes?: string;
}

export class PlanMeetingsPage extends CommunityScoped {
  get path() {
    return `/communities/${this.communityId}/meetings/new`;
  }

  /** The "a series of meetings" form (the page also has one for a single extra meeting). */
  series(): Locator {
    return this.page.getByTestId('plan-series');
  }

  seriesField(label: Label): Locator {
    return this.series().getByLabel(label);
  }

  async fillSeries(v: SeriesValues): Promise<void> {
    const form = this.series();
    if (v.title !== undefined) await form.getByLabel(/^Naam van de reeks/).fill(v.title);
    await form.getByLabel('Eerste datum', { exact: true }).fill(v.startDate);
    await form.getByLabel('Begintijd', { exact: true }).fill(v.startTime);
    await form.getByLabel('Duur in minuten', { exact: true }).fill(v.durationMinutes);
    if (v.room !== undefined) await form.getByLabel(/^Ruimte/).fill(v.room);
    if (v.address !== undefined) await form.getByLabel(/^Adres/).fill(v.address);
    if (v.locationNotes !== undefined) await form.getByLabel(/^Praktische aanwijzingen/).fill(v.locationNotes);
  }

  /** The recurrence option that is chosen now, by its label ("Elke tweede dinsdag van de maand (aanbevolen)"). */
  async chosenRecurrence(): Promise<string> {
    const checked = this.series().getByRole('group', { name: 'Hoe vaak komen jullie bij elkaar?' }).locator('input[type=radio]:checked');
    return (await checked.evaluate((el) => document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '')).trim();
  }

  async submitSeries(): Promise<void> {
    await this.series().getByRole('button', { name: 'Reeks plannen' }).click();
  }
}

export class SeriesPage extends CommunityScoped {
  constructor(
    page: Page,
    baseUrl: string,
    communityId: string,
    private readonly seriesId: string,
  ) {
    super(page, baseUrl, communityId);
  }

  get path() {
    return `/communities/${this.communityId}/series/${this.seriesId}`;
  }

  plannedMessage(): Locator {
    return this.page.getByText('De reeks is gepland.');
  }

  meetings(): Locator {
    return this.page.getByRole('region', { name: 'Komende bijeenkomsten in deze reeks' }).getByTestId('meeting-item');
  }
}

/** One meeting: its overview tab (attendance, input, calendar links) and the tab navigation. */
export class MeetingPage extends CommunityScoped {
  constructor(
    page: Page,
    baseUrl: string,
    communityId: string,
    protected readonly meetingId: string,
  ) {
    super(page, baseUrl, communityId);
  }

  get path() {
    return `/communities/${this.communityId}/meetings/${this.meetingId}`;
  }

  /** The meeting's heading, once it has loaded ("Bijeenkomst van dinsdag 8 december 2026"). */
  async loaded(): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: /^Bijeenkomst van / }).waitFor();
  }

  tab(name: 'Overzicht' | 'Programma' | 'Verslag'): Locator {
    return this.page.getByRole('navigation', { name: 'Bijeenkomst', exact: true }).getByRole('link', { name, exact: true });
  }

  inputForm(): Locator {
    return this.page.getByTestId('add-input-form');
  }

  async addInput(v: { kind: 'Onderwerp' | 'Vraag' | 'Voorbeeld uit de praktijk' | 'Wens voor het programma'; title: string; body?: string }): Promise<void> {
    const form = this.inputForm();
    await form.getByLabel('Soort inbreng').selectOption({ label: v.kind });
    await form.getByLabel('Titel', { exact: true }).fill(v.title);
    if (v.body) await form.getByLabel(/^Toelichting/).fill(v.body);
    await form.getByRole('button', { name: 'Inbreng toevoegen' }).click();
    await form.getByText(`Je inbreng "${v.title}" is toegevoegd.`).waitFor();
  }

  /** The list of everyone's input on this meeting. */
  inputList(): Locator {
    return this.page.getByRole('region', { name: /^Alle inbreng/ });
  }

  async answerAttendance(option: 'Ja, ik kom' | 'Nee, ik kan niet' | 'Misschien', reason?: string): Promise<void> {
    const card = this.page.getByTestId('attendance');
    await card.getByRole('radio', { name: option }).check();
    if (reason) await card.getByLabel(/^Toelichting/).fill(reason);
    await card.getByRole('button', { name: 'Antwoord opslaan' }).click();
    await card.getByText(/^Je antwoord is opgeslagen/).waitFor();
  }

  icsLink(): Locator {
    return this.page.getByRole('link', { name: 'Agendabestand downloaden (.ics)' });
  }

  /** Clicks the .ics link and returns the browser's download. */
  async downloadIcs(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.icsLink().click()]);
    return download;
  }
}
