import type { Locator, Page } from 'playwright-core';
import { BasePage } from './base.page';

abstract class CommunityPage extends BasePage {
  constructor(
    page: Page,
    baseUrl: string,
    protected readonly communityId: string,
  ) {
    super(page, baseUrl);
  }
}

export class InvitationsPage extends CommunityPage {
  get path() {
    return `/communities/${this.communityId}/invitations`;
  }

  async invite(values: { email: string; name?: string; organisationLabel?: string; groupLabel: string }): Promise<void> {
    await this.field(/^E-mailadres/).fill(values.email);
    if (values.name) await this.field(/^Naam/).fill(values.name);
    if (values.organisationLabel) await this.field(/^Organisatie/).selectOption({ label: values.organisationLabel });
    await this.field(/^Groep/).selectOption({ label: values.groupLabel });
    await this.button('Uitnodiging versturen').click();
    await this.page.getByText(`De uitnodiging is verstuurd naar ${values.email}.`).waitFor();
  }

  async resend(email: string): Promise<void> {
    await this.button(`Uitnodiging aan ${email} opnieuw versturen`).click();
    await this.page.getByText(`De uitnodiging is opnieuw verstuurd naar ${email}.`).waitFor();
  }

  async withdraw(email: string): Promise<void> {
    await this.button(`Uitnodiging aan ${email} intrekken`).click();
    const dialog = this.page.getByRole('dialog', { name: 'Deze uitnodiging intrekken?' });
    await dialog.getByRole('button', { name: 'Ja, intrekken' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
}

export class TablePage extends CommunityPage {
  get path() {
    return `/communities/${this.communityId}/table`;
  }

  /** The number of occupied seats, as shown in the first statistic. */
  async seatCount(): Promise<number> {
    const label = this.page.getByText(/^plaats(en)? bezet$/).first();
    await label.waitFor();
    const value = await label.locator('xpath=preceding-sibling::p[1]').innerText();
    return Number(value.trim());
  }

  seat(name: string): Locator {
    return this.page.getByText(name, { exact: true });
  }
}

export class InvitePage extends BasePage {
  constructor(
    page: Page,
    baseUrl: string,
    private readonly inviteUrl: string,
  ) {
    super(page, baseUrl);
  }

  get path() {
    return new URL(this.inviteUrl).pathname;
  }

  /** Walks through the invitation (the pre-phase explanation first, when shown) and joins. */
  async join(name: string): Promise<void> {
    const next = this.button('Verder');
    const nameField = this.field(/^Je naam/);
    await Promise.race([next.waitFor(), nameField.waitFor()]);
    if (await next.isVisible()) await next.click();
    await nameField.fill(name);
    await this.page.getByLabel(/Ik ga akkoord met de privacyverklaring/).check();
    await this.button('Meedoen').click();
    await this.page.waitForURL(/\/communities\/[0-9a-f-]{36}/);
  }
}

export class OverviewPage extends CommunityPage {
  get path() {
    return `/communities/${this.communityId}`;
  }

  /** The rhythm card: next meeting with programme and input status, last minutes, gap warning. */
  rhythm(): Locator {
    return this.page.getByTestId('rhythm');
  }

  nextMeeting(): Locator {
    return this.rhythm().getByTestId('next-meeting');
  }
}

export class HistoryPage extends CommunityPage {
  get path() {
    return `/communities/${this.communityId}/history`;
  }
}

export class EditCommunityPage extends CommunityPage {
  get path() {
    return `/communities/${this.communityId}/edit`;
  }

  question(): Locator {
    return this.field(/^Vraagstuk/);
  }

  ambition(): Locator {
    return this.field(/^Gezamenlijke ambitie/);
  }

  async save(): Promise<void> {
    await this.button('Wijzigingen opslaan').click();
  }

  /** The warning shown when someone else saved the community after this form was opened. */
  conflict(): Locator {
    return this.page.getByRole('alert').filter({ hasText: 'Iemand anders heeft dit intussen gewijzigd' });
  }
}
