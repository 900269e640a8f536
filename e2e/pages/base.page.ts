import type { Locator, Page } from 'playwright-core';

/**
 * Base of the page objects: a page object knows where its page lives and how a user finds things
 * on it (by role and accessible name, the way assistive technology does), so specs read as user steps.
 */
export abstract class BasePage {
  constructor(
    protected readonly page: Page,
    protected readonly baseUrl: string,
  ) {}

  /** Path of this page, relative to the origin. */
  abstract readonly path: string;

  async goto(): Promise<void> {
    await this.page.goto(new URL(this.path, this.baseUrl).toString());
    await this.page.waitForLoadState('networkidle');
  }

  heading(level = 1): Locator {
    return this.page.getByRole('heading', { level });
  }

  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name });
  }

  link(name: string | RegExp): Locator {
    return this.page.getByRole('link', { name });
  }

  field(label: string | RegExp): Locator {
    return this.page.getByLabel(label);
  }
}
