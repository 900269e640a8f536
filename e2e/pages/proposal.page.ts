import type { Locator, Page } from 'playwright-core';
import { BasePage } from './base.page';

/** A community's proposals: the list, the new-proposal form, one proposal, and the decision log. */
export class ProposalsPage extends BasePage {
  constructor(
    page: Page,
    baseUrl: string,
    private readonly communityId: string,
  ) {
    super(page, baseUrl);
  }

  get path() {
    return `/communities/${this.communityId}/proposals`;
  }

  openProposals(): Locator {
    return this.page.getByTestId('open-proposals');
  }

  /** Opens the form from the list and submits a proposal that closes when everyone has responded. */
  async propose(values: { title: string; body: string; background?: string; process: 'consent' | 'consensus' | 'advice' }) {
    await this.page.getByTestId('new-proposal').click();
    await this.page.getByTestId('new-proposal-form').waitFor();
    await this.page.getByTestId('proposal-title').fill(values.title);
    await this.page.getByTestId('proposal-body').fill(values.body);
    if (values.background) await this.page.getByLabel(/^Achtergrond/).fill(values.background);
    await this.page.getByTestId(`process-${values.process}`).check();
    await this.page.getByTestId('closing-whenAll').check();
  }

  async submitProposal(): Promise<string> {
    await this.page.getByTestId('submit-proposal').click();
    await this.page.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
    return this.page.url().split('/').pop()!;
  }

  async gotoLog() {
    await this.page.goto(new URL(`/communities/${this.communityId}/decisions`, this.baseUrl).toString());
    await this.page.getByTestId('decision-log').waitFor();
  }

  decisions(): Locator {
    return this.page.getByTestId('decision');
  }
}

/** One proposal's page. */
export class ProposalPage extends BasePage {
  constructor(
    page: Page,
    baseUrl: string,
    private readonly communityId: string,
    private readonly proposalId: string,
  ) {
    super(page, baseUrl);
  }

  get path() {
    return `/communities/${this.communityId}/proposals/${this.proposalId}`;
  }

  async loaded() {
    await this.page.getByTestId('proposal').waitFor();
  }

  standing(): Locator {
    return this.page.getByTestId('proposal-standing');
  }

  responseRows(): Locator {
    return this.page.getByTestId('responses-table').getByTestId('response-row');
  }

  /** Chooses a position (by its test id, e.g. 'agree', 'block') with an optional reason, and saves. */
  async respond(position: string, reason?: string) {
    const form = this.page.getByTestId('response-form');
    await form.getByTestId(`position-${position}`).check();
    if (reason !== undefined) await form.getByTestId('position-reason').fill(reason);
    await form.getByTestId('submit-response').click();
  }

  myResponse(): Locator {
    return this.page.getByTestId('my-response');
  }

  async amend(values: { title: string; body: string; note: string }) {
    await this.page.getByTestId('amend-proposal').click();
    const form = this.page.getByTestId('amend-form');
    await form.waitFor();
    await form.getByTestId('proposal-title').fill(values.title);
    await form.getByTestId('proposal-body').fill(values.body);
    await form.getByTestId('amend-note').fill(values.note);
    await form.getByTestId('submit-amend').click();
  }

  async writeOutcome(statement: string, reviewDate: string) {
    const form = this.page.getByTestId('outcome-form');
    await form.waitFor();
    await form.getByTestId('outcome-statement').fill(statement);
    await form.getByTestId('outcome-review-date').fill(reviewDate);
    await form.getByTestId('save-outcome').click();
    await this.page.getByTestId('outcome-statement-text').waitFor();
  }
}
