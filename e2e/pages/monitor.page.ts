import type { Download, Locator, Page } from 'playwright-core';
import { BasePage } from './base.page';

/** The ids in a community's monitor address, for going straight to an evaluation. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/**
 * A community's conditions monitor (tab "Voorwaarden"): the critical factor and its improvement
 * action, the scores, evaluations (open, answer, close, aggregate), actions and the CSV export.
 * Labels are the Dutch ones, the interface's default language.
 */
export class MonitorPage extends BasePage {
  constructor(
    page: Page,
    baseUrl: string,
    private communityId = '',
  ) {
    super(page, baseUrl);
  }

  get path() {
    return `/communities/${this.communityId}/monitor`;
  }

  /** Opens the monitor of this (or the given) community and waits until it has loaded. */
  override async goto(communityId?: string): Promise<void> {
    if (communityId) this.communityId = communityId;
    await super.goto();
    await this.root().waitFor();
  }

  root(): Locator {
    return this.page.getByTestId('monitor');
  }

  tab(): Locator {
    return this.page.getByTestId('monitor-tab');
  }

  // ----- the critical factor and improvement actions ----------------------------------------
  criticalFactor(): Locator {
    return this.page.getByTestId('critical-factor');
  }

  /** The critical factor's card without its form: condition, score, reason and the parts behind it. */
  async criticalFactorText(): Promise<string> {
    return this.criticalFactor().evaluate((el) =>
      Array.from(el.children)
        .filter((c): c is HTMLElement => c instanceof HTMLElement && c.tagName !== 'FORM')
        .map((c) => c.innerText.trim())
        .join('\n'),
    );
  }

  /** Records an action with the form at the critical factor (its condition unless another is named). */
  async recordAction(values: { what: string; who: string; due: string; condition?: string }): Promise<void> {
    const form = this.page.getByTestId('record-action-form');
    if (values.condition) await form.getByLabel('Voorwaarde', { exact: true }).selectOption({ label: values.condition });
    await form.getByLabel(/^Wat gaan jullie doen/).fill(values.what);
    await form.getByLabel(/^Wie neemt het op zich/).selectOption({ label: values.who });
    await form.getByLabel(/^Klaar op/).fill(values.due);
    await form.getByRole('button', { name: 'Actie vastleggen' }).click();
    await this.actions().getByText(values.what).waitFor();
  }

  actions(): Locator {
    return this.page.getByTestId('improvement-actions');
  }

  async actionsText(): Promise<string> {
    return (await this.actions().innerText()).trim();
  }

  /** Ticks (or unticks) "Gedaan" for the action with this text, and waits for the saved state. */
  async markActionDone(what: string, done = true): Promise<void> {
    const item = this.actions().getByTestId('improvement-action').filter({ hasText: what });
    const box = item.getByRole('checkbox', { name: 'Gedaan' });
    if ((await box.isChecked()) === done) return;
    await Promise.all([this.page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/api/improvement-actions/')), box.click()]);
    // The box is disabled until the monitor has been reloaded with the saved state.
    await item.locator('input[type="checkbox"]:not([disabled])').waitFor();
  }

  // ----- evaluations -------------------------------------------------------------------------
  evaluations(): Locator {
    return this.page.getByTestId('evaluation');
  }

  evaluation(title: string): Locator {
    return this.evaluations().filter({ has: this.page.getByRole('heading', { name: title }) });
  }

  /**
   * Opens an evaluation with the form on the monitor; `closesAt` is a datetime-local value
   * (yyyy-mm-ddThh:mm) or 'in a week' (the form's suggestion). Returns the new evaluation's id.
   */
  async openEvaluation(values: { title: string; closesAt?: string; questions?: string[] }): Promise<string> {
    const form = this.page.getByTestId('open-evaluation-form');
    await form.getByLabel(/^Naam/).fill(values.title);
    if (values.closesAt && values.closesAt !== 'in a week') await form.getByLabel(/^Sluit op/).fill(values.closesAt);
    if (values.questions) await form.getByLabel(/^Open vragen/).fill(values.questions.join('\n'));
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/communities\/[^/]+\/evaluations$/.test(r.url())),
      form.getByRole('button', { name: 'Evaluatie openen' }).click(),
    ]);
    const { id } = (await response.json()) as { id: string };
    await this.page.locator(`[data-evaluation-id="${id}"]`).waitFor();
    return id;
  }

  /**
   * Answers an evaluation: seven scores (1–5, in the order of the statements) and optionally the
   * first open question. 'the open one' follows the link on the monitor; an id goes straight to the
   * answer page, as the mail link does.
   */
  async answerEvaluation(which: string, scores: number[], openAnswer?: string): Promise<void> {
    if (scores.length !== 7) throw new Error(`seven scores expected, got ${scores.length}`);
    if (which === 'the open one') {
      if (new URL(this.page.url(), this.baseUrl).pathname !== this.path) await this.goto();
      await this.evaluations().filter({ has: this.page.getByTestId('answer-evaluation') }).first().getByTestId('answer-evaluation').click();
      await this.page.waitForURL(/\/monitor\/evaluations\/[0-9a-f-]{36}$/);
    } else {
      if (!UUID.test(which)) throw new Error(`not an evaluation id: ${which}`);
      await this.page.goto(new URL(`/communities/${this.communityId}/monitor/evaluations/${which}`, this.baseUrl).toString());
    }
    const form = this.page.getByTestId('answer-form');
    await form.waitFor();
    const groups = form.getByRole('group');
    for (const [i, score] of scores.entries()) await groups.nth(i).getByRole('radio', { name: new RegExp(`^${score} `) }).check();
    if (openAnswer !== undefined) await form.getByRole('textbox').first().fill(openAnswer);
    await form.getByTestId('submit-answers').click();
    await this.page.getByTestId('answer-thanks').waitFor();
  }

  /** Closes an evaluation early ("Nu sluiten", confirmed): the one with this title, or the first that can be closed. */
  async closeEvaluation(title?: string): Promise<void> {
    const item = title ? this.evaluation(title) : this.evaluations().filter({ has: this.page.getByTestId('close-evaluation') }).first();
    const id = await item.getAttribute('data-evaluation-id');
    await item.getByTestId('close-evaluation').click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Nu sluiten' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await this.page.locator(`[data-evaluation-id="${id}"][data-status="closed"]`).waitFor();
  }

  /** The aggregate of a closed evaluation (the one with this title, or the newest shown). */
  aggregate(title?: string): Locator {
    return (title ? this.evaluation(title) : this.page).getByTestId('evaluation-aggregate').first();
  }

  async aggregateText(title?: string): Promise<string> {
    return (await this.aggregate(title).innerText()).trim();
  }

  // ----- figures -----------------------------------------------------------------------------
  /** Chooses the quarter of the indicators (e.g. '2026-Q3'), as the address will then say. */
  async chooseQuarter(key: string): Promise<void> {
    await Promise.all([
      this.page.waitForResponse((r) => r.url().includes(`/monitor?quarter=${key}`)),
      this.page.getByTestId('quarter-picker').selectOption(key),
    ]);
    await this.page.waitForURL(new RegExp(`[?&]quarter=${key}`));
    await this.page.locator('[data-testid="indicators"][aria-busy="true"]').waitFor({ state: 'detached' });
  }

  csvLink(): Locator {
    return this.page.getByTestId('csv-link');
  }

  async csvHref(): Promise<string | null> {
    return this.csvLink().getAttribute('href');
  }

  async downloadCsv(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.csvLink().click()]);
    return download;
  }
}
