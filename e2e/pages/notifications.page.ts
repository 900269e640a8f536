import type { Locator } from 'playwright-core';
import { BasePage } from './base.page';

/** Mail preferences and the private calendar subscription of the signed-in account. */
export class NotificationsPage extends BasePage {
  readonly path = '/account/notifications';

  preference(label: string): Locator {
    return this.page.getByRole('checkbox', { name: label });
  }

  /** Makes the private calendar link and returns it (read from the field that shows it). */
  async createCalendarLink(): Promise<string> {
    await this.page.getByTestId('create-calendar-link').click();
    const field = this.calendarUrl();
    await field.waitFor();
    return field.inputValue();
  }

  calendarUrl(): Locator {
    return this.page.getByLabel(/^Je persoonlijke agendalink/);
  }
}
