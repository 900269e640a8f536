import type { Locator, Page } from 'playwright-core';
import { BasePage } from './base.page';

/** Who chairs the meetings: fixed or rotating, willingness, and the rota of the coming meetings. */
export class RotaPage extends BasePage {
  constructor(
    page: Page,
    baseUrl: string,
    private readonly communityId: string,
  ) {
    super(page, baseUrl);
  }

  get path() {
    return `/communities/${this.communityId}/rota`;
  }

  /** How the chair is chosen, in words (shown to those who may not change it). */
  chairMode(): Locator {
    return this.page.getByTestId('chair-mode');
  }
}
