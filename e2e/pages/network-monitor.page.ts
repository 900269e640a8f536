import type { Locator, Page } from 'playwright-core';
import { BasePage } from './base.page';

/**
 * The network view of the conditions monitor: every community of a network in one heat map.
 * Columns are named by their header text as the user sees it (e.g. "Regelmaat", "Aantal deelnemers",
 * "Kritische factor", "Leergemeenschap").
 */
export class NetworkMonitorPage extends BasePage {
  constructor(
    page: Page,
    baseUrl: string,
    private networkId = '',
  ) {
    super(page, baseUrl);
  }

  get path() {
    return `/networks/${this.networkId}/monitor`;
  }

  /** Opens the view of this network (or of the network given) and waits for its heading. */
  override async goto(networkId: string = this.networkId): Promise<void> {
    this.networkId = networkId;
    await super.goto();
    await this.heading(1).waitFor();
  }

  table(): Locator {
    return this.page.getByTestId('network-heatmap');
  }

  /** The communities' names, top to bottom, as the table shows them now. */
  async rows(): Promise<string[]> {
    await this.table().waitFor();
    return (await this.table().locator('tbody th[scope="row"]').allInnerTexts()).map((s) => s.trim());
  }

  /** Clicks a column's sort button (again to flip the direction) and waits until the header shows it. */
  async sortBy(columnLabel: string): Promise<void> {
    const header = this.columnHeader(columnLabel);
    const before = await header.getAttribute('aria-sort');
    await header.getByRole('button').click();
    const expected = before === 'ascending' ? 'descending' : 'ascending';
    await this.page.waitForFunction(
      ({ label, value }) => document.querySelector(`[data-testid="network-heatmap"] th[data-column-label="${CSS.escape(label)}"]`)?.getAttribute('aria-sort') === value,
      { label: columnLabel, value: expected },
    );
  }

  /** `ascending`, `descending` or `none`. */
  async sortOf(columnLabel: string): Promise<string | null> {
    return this.columnHeader(columnLabel).getAttribute('aria-sort');
  }

  /**
   * One cell's text as a screen reader reads it (what is hidden from assistive technology left out),
   * e.g. "42, gedaald van 70, kritische factor", or "geen gegevens".
   */
  async cellText(community: string, columnLabel: string): Promise<string> {
    const index = await this.columnIndex(columnLabel);
    const row = this.table()
      .locator('tbody tr')
      .filter({ has: this.page.getByRole('rowheader', { name: community, exact: true }) });
    return row.locator(':scope > th, :scope > td').nth(index).evaluate((cell) => {
      const copy = cell.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
      return (copy.textContent ?? '').replace(/\s+/g, ' ').replace(/\s+,/g, ',').trim();
    });
  }

  /** The summary above the table ("12 leergemeenschappen. Vaakst de kritische factor: …"). */
  async summaryText(): Promise<string> {
    return (await this.page.getByTestId('network-summary').innerText()).trim();
  }

  async csvHref(): Promise<string | null> {
    return this.link('Download als CSV').getAttribute('href');
  }

  /** Follows a community's name to its own monitor page. */
  async openCommunity(name: string): Promise<void> {
    await this.table().getByRole('link', { name, exact: true }).click();
    await this.page.waitForURL(/\/communities\/[^/]+\/monitor$/);
  }

  private columnHeader(columnLabel: string): Locator {
    return this.table().locator(`thead th[data-column-label="${columnLabel.replace(/"/g, '\\"')}"]`);
  }

  private async columnIndex(columnLabel: string): Promise<number> {
    const labels = await this.table()
      .locator('thead th')
      .evaluateAll((ths) => ths.map((th) => th.getAttribute('data-column-label')));
    const index = labels.indexOf(columnLabel);
    if (index < 0) throw new Error(`No column "${columnLabel}" in the heat map (columns: ${labels.join(', ')})`);
    return index;
  }
}
