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
