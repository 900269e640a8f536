import type { Locator, Page } from 'playwright-core';
import { BasePage } from './base.page';

abstract class MeetingScoped extends BasePage {
  constructor(
    page: Page,
    baseUrl: string,
    protected readonly communityId: string,
    protected readonly meetingId: string,
  ) {
    super(page, baseUrl);
  }
}

/** The programme tab of a meeting: the chair builds it from the input and publishes it. */
export class ProgrammePage extends MeetingScoped {
  get path() {
    return `/communities/${this.communityId}/meetings/${this.meetingId}/programme`;
  }

  async loaded(): Promise<void> {
    await this.page.getByRole('heading', { level: 2, name: 'Programma', exact: true }).waitFor();
  }

  async start(): Promise<void> {
    await this.button('Programma beginnen').click();
    await this.items().first().waitFor();
  }

  /** The programme's items in order (not an item being edited). */
  items(): Locator {
    return this.page.getByTestId('agenda-items').getByTestId('agenda-item');
  }

  item(title: string): Locator {
    return this.items().filter({ has: this.page.getByRole('heading', { level: 3, name: title }) });
  }

  /** The titles of the items in order, without the clock time in front. */
  async itemTitles(): Promise<string[]> {
    const titles = await this.items().getByRole('heading', { level: 3 }).allInnerTexts();
    return titles.map((t) => t.replace(/^(Begint om\s*)?\d{2}:\d{2}\s*·\s*/, '').trim());
  }

  /** "Tijd: 1 uur 20 minuten van de 2 uur die de bijeenkomst duurt. Er is nog 40 minuten over." */
  async timeSummary(): Promise<string> {
    return (await this.page.getByTestId('agenda-time').innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Takes one member's input into the programme: the editor opens with its title, owner and the input ticked. */
  async addFromInput(inputTitle: string, changes: { duration?: string } = {}): Promise<void> {
    await this.button(`Op het programma zetten: ${inputTitle}`).click();
    const editor = this.editor('Nieuw onderdeel');
    await editor.waitFor();
    if (changes.duration) await editor.getByLabel('Duur in minuten', { exact: true }).fill(changes.duration);
    await editor.getByTestId('add-item-submit').click();
    await editor.waitFor({ state: 'detached' });
    await this.item(inputTitle).waitFor();
  }

  /** Adds an item through "Onderdeel toevoegen". */
  async addItem(v: { title: string; kind?: string; duration: string }): Promise<void> {
    await this.page.getByTestId('add-item').click();
    const editor = this.editor('Nieuw onderdeel');
    if (v.kind) await editor.getByLabel('Soort', { exact: true }).selectOption({ label: v.kind });
    await editor.getByLabel('Titel', { exact: true }).fill(v.title);
    await editor.getByLabel('Duur in minuten', { exact: true }).fill(v.duration);
    await editor.getByTestId('add-item-submit').click();
    await editor.waitFor({ state: 'detached' });
    await this.item(v.title).waitFor();
  }

  /** The form of an item being added ("Nieuw onderdeel") or edited ("‘Titel’ wijzigen"). */
  editor(heading: string): Locator {
    return this.page.getByRole('form', { name: heading });
  }

  async openEditor(title: string): Promise<Locator> {
    await this.button(`Wijzigen: ${title}`).click();
    const editor = this.editor(`‘${title}’ wijzigen`);
    await editor.waitFor();
    return editor;
  }

  /** The member-side notice before publication. */
  notPublished(): Locator {
    return this.page.getByTestId('programme-not-published');
  }

  /** The inputs panel: everyone's input, with what is already on the programme. */
  inputsPanel(): Locator {
    return this.page.getByRole('region', { name: 'Inbreng van de leden' });
  }

  async publish(): Promise<void> {
    await this.page.getByTestId('publish-programme').click();
    await this.published().waitFor();
  }

  published(): Locator {
    return this.page.getByTestId('programme-published');
  }

  /** The warning after a save that someone else's save beat. */
  conflict(): Locator {
    return this.page.getByTestId('conflict-message');
  }
}

/** The minutes tab: notes per item, action items, presence. */
export class MinutesPage extends MeetingScoped {
  get path() {
    return `/communities/${this.communityId}/meetings/${this.meetingId}/minutes`;
  }

  async loaded(): Promise<void> {
    await this.page.getByRole('heading', { level: 2, name: 'Verslag', exact: true }).waitFor();
  }

  actions(): Locator {
    return this.page.getByRole('region', { name: 'Actiepunten' });
  }

  async addAction(v: { title: string; ownerName?: string; dueDate?: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Actiepunt toevoegen' });
    await form.getByLabel('Wat moet er gebeuren', { exact: true }).fill(v.title);
    if (v.ownerName) await form.getByLabel(/^Wie doet het/).selectOption({ label: v.ownerName });
    if (v.dueDate) await form.getByLabel(/klaar op/i).fill(v.dueDate);
    await form.getByTestId('add-action').click();
    await this.actions().getByTestId('action-item').filter({ hasText: v.title }).waitFor();
  }
}
