import type { Locator } from 'playwright-core';
import { BasePage } from './base.page';

/** The live meeting room of one meeting. */
export class RoomPage extends BasePage {
  constructor(
    page: ConstructorParameters<typeof BasePage>[0],
    baseUrl: string,
    private readonly communityId: string,
    private readonly meetingId: string,
  ) {
    super(page, baseUrl);
  }

  get path() {
    return `/communities/${this.communityId}/meetings/${this.meetingId}/room`;
  }

  async loaded() {
    await this.page.getByRole('heading', { level: 1, name: 'Vergaderruimte' }).waitFor();
    await this.page.locator('[data-testid="room-connection"][data-status="connected"]').waitFor();
  }

  connection(): Locator {
    return this.page.getByTestId('room-connection');
  }

  speakerName(): Locator {
    return this.page.getByTestId('room-speaker-name');
  }

  /** The seat of the current speaker in the circle (aria-current). */
  currentSeat(): Locator {
    return this.page.getByTestId('room-circle').locator('[aria-current="true"]');
  }

  chairControls(): Locator {
    return this.page.getByTestId('room-chair-controls');
  }

  async takeChairIfOffered() {
    const take = this.page.getByTestId('room-take-chair');
    if (await take.isVisible()) {
      await take.getByRole('button', { name: 'Voorzitter worden' }).click();
      await take.waitFor({ state: 'detached' });
    }
  }

  async markPresent(name: string) {
    const box = this.page.getByTestId('room-presence').getByLabel(name);
    if (!(await box.isChecked())) await box.check();
  }

  async startRound(minutesPerTurn: string) {
    await this.page.getByLabel('Minuten per beurt').fill(minutesPerTurn);
    await this.page.getByTestId('room-start-round').click();
  }

  async nextTurn() {
    await this.page.getByTestId('room-next-turn').click();
  }

  harvestEditor(): Locator {
    return this.page.getByTestId('harvest-editor');
  }

  async writeHarvest(text: string) {
    const editor = this.harvestEditor();
    await editor.getByRole('textbox').fill(text);
    await editor.getByTestId('harvest-editor-save').click();
  }

  harvests(): Locator {
    return this.page.getByTestId('room-harvests');
  }
}
