import { BasePage } from './base.page';
import type { TestUser } from '../lib/fixtures';

export class SignUpPage extends BasePage {
  readonly path = '/sign-up';

  async signUp(user: TestUser): Promise<void> {
    await this.field(/^Je naam/).fill(user.name);
    await this.field(/^E-mailadres/).fill(user.email);
    await this.field(/^Wachtwoord/).fill(user.password);
    await this.button('Account aanmaken').click();
    // Signed in: the app leaves the sign-up page.
    await this.page.waitForURL((url) => !url.pathname.startsWith('/sign-up'));
  }
}

export class SignInPage extends BasePage {
  readonly path = '/sign-in';

  /** Asks for a one-time sign-in link by email and waits for the "check your email" message. */
  async requestLink(email: string): Promise<void> {
    await this.field('E-mailadres voor de inloglink').fill(email);
    await this.button('Stuur mij een inloglink').click();
    await this.page.getByRole('status').filter({ hasText: 'Kijk in je e-mail' }).waitFor();
  }
}

export class AccountPage extends BasePage {
  readonly path = '/account';

  /**
   * Chooses a language in the profile form and saves. The labels are those of the language the page
   * is in now (the language names themselves are the same in every language).
   */
  async saveLanguage(languageName: 'Nederlands' | 'English', labels = { language: 'Taal', save: 'Gegevens opslaan' }): Promise<void> {
    await this.page.getByRole('combobox', { name: labels.language, exact: true }).selectOption({ label: languageName });
    await this.button(labels.save).click();
  }
}
